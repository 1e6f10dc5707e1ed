/**
 * What the preload exposes on `window.instep`: nothing but call/on for contract names. The
 * desktop shell's own `core.status` event (engine starting, ready, or failed with its reason)
 * comes through `on` like any other and is replayed to each new listener.
 */
import type { CallResult } from './rpc-protocol'

export interface InstepBridge {
  call(method: string, input: unknown): Promise<CallResult>
  on(event: string, listener: (payload: unknown) => void): () => void
}

export type CoreStatus = { state: 'starting' | 'ready' | 'failed'; message?: string }
