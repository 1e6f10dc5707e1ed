/** Picks the transport at start: the preload bridge in Electron, otherwise a WebSocket. */
import { createBridgeTransport } from './bridge-transport'
import { takeToken } from './token'
import type { LinkState, Transport } from './transport'
import { createWsTransport, rpcUrl } from './ws-transport'

function failedTransport(message: string): Transport {
  const state: LinkState = { state: 'failed', message }
  return {
    call: () => Promise.resolve({ ok: false, error: { code: 'unavailable', message, retryable: false } }),
    on: () => () => {},
    onLinkState(listener) {
      listener(state)
      return () => {}
    },
  }
}

export function createDefaultTransport(): Transport {
  if (window.instep) return createBridgeTransport(window.instep)
  const token = takeToken()
  if (!token) {
    return failedTransport(
      'This page was opened without its access key. Open the full address that `instep serve` printed (it ends in #token=…).',
    )
  }
  return createWsTransport({ url: rpcUrl(window.location, token) })
}
