/** A core on a temp workspace with in-memory connectors, plus helpers to call it like a UI does. */
import { createCore, type Core } from '../../src/main/core/core'
import type { MethodName, MethodInput, MethodOutput } from '../../src/shared/contract'
import type { EventName } from '../../src/shared/events'
import { tempWorkspace, type TempWorkspace } from './temp-workspace'
import type { Connectors } from '../../src/main/core/connect'

export interface TestCore {
  core: Core
  ws: TempWorkspace
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  events: { event: EventName; payload: unknown }[]
  close(): Promise<void>
}

export function testCore(connectors: () => Connectors, ws: TempWorkspace = tempWorkspace(), clock?: () => Date): TestCore {
  const core = createCore({ workspaceDir: ws.dir, mode: 'test', connectors, clock })
  const events: TestCore['events'] = []
  core.subscribe((event, payload) => events.push({ event, payload }))
  return {
    core,
    ws,
    events,
    async call(method, input) {
      const result = await core.dispatch(method, input)
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
      return result.data as never
    },
    async close() {
      await core.close()
      ws.cleanup()
    },
  }
}
