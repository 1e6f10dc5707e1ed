/**
 * One client connection, whatever carries it (WebSocket, MessagePort): parse and check each
 * message, dispatch calls, and forward core events. Malformed input gets an answer, never a crash.
 */
import { MAX_MESSAGE_BYTES, type CallMessage, type EventMessage, type ResultMessage } from '../../../shared/rpc-protocol'
import type { Core } from '../core'

export interface Connection {
  receive(raw: unknown): void
  close(): void
}

function parseCall(raw: unknown): CallMessage | string {
  let msg: unknown = raw
  if (typeof raw === 'string') {
    if (raw.length > MAX_MESSAGE_BYTES) return `Message too large (over ${MAX_MESSAGE_BYTES} bytes).`
    try {
      msg = JSON.parse(raw)
    } catch {
      return 'Message is not valid JSON.'
    }
  }
  if (!msg || typeof msg !== 'object') return 'Message must be an object.'
  const m = msg as Record<string, unknown>
  if (m.type !== 'call') return 'Unknown message type.'
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return 'Message id must be an integer.'
  if (typeof m.method !== 'string') return 'Message method must be a string.'
  return { type: 'call', id: m.id, method: m.method, input: m.input }
}

export function openConnection(core: Core, send: (msg: ResultMessage | EventMessage) => void): Connection {
  const unsubscribe = core.subscribe((event, payload) => send({ type: 'event', event, payload }))
  let open = true
  return {
    receive(raw) {
      const call = parseCall(raw)
      if (typeof call === 'string') {
        const id = typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : -1
        send({ type: 'result', id, ok: false, error: { code: 'invalid_input', message: call, retryable: false } })
        return
      }
      void core.dispatch(call.method, call.input).then((result) => {
        if (open) send({ type: 'result', id: call.id, ...result })
      })
    },
    close() {
      open = false
      unsubscribe()
    },
  }
}
