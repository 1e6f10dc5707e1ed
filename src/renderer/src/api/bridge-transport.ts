/** Electron: the preload's `window.instep` already speaks the contract over a MessagePort. */
import type { CoreStatus, InstepBridge } from '@shared/bridge'
import type { LinkState, Transport } from './transport'

export function createBridgeTransport(bridge: InstepBridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    on: (event, listener) => bridge.on(event, listener),
    onLinkState(listener) {
      let wasReady = false
      return bridge.on('core.status', (payload) => {
        const status = payload as CoreStatus
        let state: LinkState
        if (status.state === 'ready') {
          wasReady = true
          state = { state: 'ready' }
        } else if (status.state === 'failed') {
          state = { state: 'failed', message: status.message ?? 'No reason was given.' }
        } else {
          // 'starting' after having been ready means the supervisor is restarting the core.
          state = wasReady ? { state: 'reconnecting', attempt: 1 } : { state: 'connecting' }
        }
        listener(state)
      })
    },
  }
}
