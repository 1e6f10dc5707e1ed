/** What the preload exposes on `window.instep`: nothing but typed call/on for contract names. */
import type { CallResult } from './rpc-protocol'

export interface InstepBridge {
  call(method: string, input: unknown): Promise<CallResult>
  on(event: string, listener: (payload: unknown) => void): () => void
  /** Electron only: the core could not start; carries the reason for the error screen */
  onCoreStatus(listener: (status: { state: 'starting' | 'ready' | 'failed'; message?: string }) => void): () => void
}
