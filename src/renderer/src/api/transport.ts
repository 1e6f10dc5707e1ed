/**
 * A transport carries contract calls and push events between this page and the core. Two exist:
 * the Electron preload bridge and a WebSocket for browser mode. Tests pass a fake one.
 */
import type { CallResult } from '@shared/rpc-protocol'

/** How the link to the core is doing, in terms the shell can show. */
export type LinkState =
  /** first contact not made yet */
  | { state: 'connecting' }
  | { state: 'ready' }
  /** was connected, lost it, trying again; calls wait */
  | { state: 'reconnecting'; attempt: number }
  /** the core cannot be reached or could not start; nothing will work until the user acts */
  | { state: 'failed'; message: string }

export interface Transport {
  call(method: string, input: unknown): Promise<CallResult>
  on(event: string, listener: (payload: unknown) => void): () => void
  /** the listener is called at once with the current state, then on every change */
  onLinkState(listener: (state: LinkState) => void): () => void
  close?(): void
}
