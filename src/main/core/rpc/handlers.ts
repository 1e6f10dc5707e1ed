/** Handler typing: each contract method gets exactly one handler, typed from the contract. */
import type { MethodName, MethodOutput, ParsedInput, SystemInfo } from '../../../shared/contract'
import type { Repos } from '../db/repos'
import type { Clock } from '../db/repos/clock'
import type { JobRunner } from '../sync/engine/job-runner'
import type { Scheduler } from '../sync/engine/scheduler'
import type { Connectors } from '../connect'
import type { SecretRef, WorkspaceConfig } from '../workspace/config'
import type { SecretProtection } from '../workspace/secrets'
import type { WorkspaceLocations } from '../workspace/known-workspaces'

export interface HandlerContext {
  repos: Repos
  runner: JobRunner
  scheduler: Scheduler
  /** the workspace config as last loaded (secrets only as references); always the current one */
  readonly config: WorkspaceConfig
  workspaceDir: string
  /** after the config file was changed by a handler */
  reloadConfig: () => void
  /** stores secrets where this mode keeps them (OS keyring in the desktop app); values never leave core */
  secrets: {
    status(): Promise<SecretProtection>
    put(key: string, value: string, allowWeak: boolean): Promise<SecretProtection>
    /** whether a referenced secret can be found, without revealing it: null when it can, else why not */
    problem(ref: SecretRef, label: string): string | null
  }
  /** builds the connectors afresh (resolves secrets); throws with a clear message when it cannot */
  connect: () => Connectors
  clock: Clock
  info: () => SystemInfo
  /** the workspaces this computer knows, and opening another in place of this one (null where the core cannot be swapped: CLI, tests) */
  workspaces: WorkspaceLocations & { open: ((dir: string) => Promise<void>) | null }
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
