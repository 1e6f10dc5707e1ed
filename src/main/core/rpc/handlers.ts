/** Handler typing: each contract method gets exactly one handler, typed from the contract. */
import type { MethodName, MethodOutput, ParsedInput, SystemInfo } from '../../../shared/contract'
import type { Repos } from '../db/repos'
import type { Clock } from '../db/repos/clock'
import type { JobRunner } from '../sync/engine/job-runner'
import type { Scheduler } from '../sync/engine/scheduler'
import type { Connectors } from '../connect'
import type { WorkspaceConfig } from '../workspace/config'

export interface HandlerContext {
  repos: Repos
  runner: JobRunner
  scheduler: Scheduler
  /** the workspace config as loaded (secrets only as references) */
  config: WorkspaceConfig
  /** builds the connectors afresh (resolves secrets); throws with a clear message when it cannot */
  connect: () => Connectors
  clock: Clock
  info: () => SystemInfo
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>

export type HandlerMap<K extends MethodName = MethodName> = { [M in K]: Handler<M> }

/** Declares a domain's handlers; the key set is checked against the contract by the compiler. */
export function defineHandlers<K extends MethodName>(handlers: HandlerMap<K>): HandlerMap<K> {
  return handlers
}
