/**
 * Browser mode: the same contract over a WebSocket to `instep serve` on 127.0.0.1.
 *
 * - The socket URL carries the launch token; the server refuses the upgrade without it.
 * - When the socket drops we reconnect with capped exponential backoff and full jitter, and the
 *   shell shows a calm banner. Calls made meanwhile wait in a queue and go out on reconnection,
 *   or fail after `queueTimeoutMs` with a message a person can act on.
 * - Calls already sent when the socket drops are failed, not resent: a mutation such as
 *   `sync.runNow` may have reached the core, and sending it twice would start two runs.
 */
import type { ErrorInfo } from '@shared/errors'
import type { CallResult, EventMessage, ResultMessage } from '@shared/rpc-protocol'
import type { LinkState, Transport } from './transport'

/** The bits of the WebSocket API we use, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}

export interface WsTransportOptions {
  url: string
  createSocket?: (url: string) => SocketLike
  /** how long a call may wait for a connection before it fails */
  queueTimeoutMs?: number
  /** attempts at first contact before the failure screen (a restart of `instep serve` is needed) */
  initialAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

const OPEN = 1

function unavailable(message: string): CallResult {
  const error: ErrorInfo = { code: 'unavailable', message, retryable: true }
  return { ok: false, error }
}

export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`
}

export function createWsTransport(options: WsTransportOptions): Transport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
  const queueTimeoutMs = options.queueTimeoutMs ?? 20_000
  const initialAttempts = options.initialAttempts ?? 4
  const baseDelayMs = options.baseDelayMs ?? 500
  const maxDelayMs = options.maxDelayMs ?? 10_000
  const random = options.random ?? Math.random
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))

  let socket: SocketLike | null = null
  let link: LinkState = { state: 'connecting' }
  let everOpened = false
  let attempt = 0
  let closed = false
  let nextId = 1
  const inFlight = new Map<number, (r: CallResult) => void>()
  const queue = new Set<{ send: () => void; fail: (r: CallResult) => void; timer: unknown }>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const linkListeners = new Set<(s: LinkState) => void>()

  const setLink = (next: LinkState) => {
    link = next
    for (const l of linkListeners) l(next)
  }

  const flushQueue = () => {
    for (const item of queue) {
      clearTimer(item.timer)
      item.send()
    }
    queue.clear()
  }

  const failQueue = (message: string) => {
    for (const item of queue) {
      clearTimer(item.timer)
      item.fail(unavailable(message))
    }
    queue.clear()
  }

  const connect = () => {
    if (closed) return
    let s: SocketLike
    try {
      s = createSocket(options.url)
    } catch (e) {
      scheduleRetry(e instanceof Error ? e.message : String(e))
      return
    }
    socket = s
    s.onopen = () => {
      everOpened = true
      attempt = 0
      setLink({ state: 'ready' })
      flushQueue()
    }
    s.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return
      let msg: ResultMessage | EventMessage
      try {
        msg = JSON.parse(ev.data) as ResultMessage | EventMessage
      } catch {
        return
      }
      if (msg.type === 'result') {
        const resolve = inFlight.get(msg.id)
        inFlight.delete(msg.id)
        resolve?.(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error })
      } else if (msg.type === 'event') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload)
      }
    }
    s.onerror = () => {
      // Browsers follow every error with a close event; the retry is handled there.
    }
    s.onclose = () => {
      if (socket !== s) return
      socket = null
      for (const resolve of inFlight.values()) {
        resolve(unavailable('The connection to Instep dropped before it answered. Please try again.'))
      }
      inFlight.clear()
      scheduleRetry('The connection closed.')
    }
  }

  const scheduleRetry = (reason: string) => {
    if (closed) return
    attempt += 1
    if (!everOpened && attempt >= initialAttempts) {
      setLink({
        state: 'failed',
        message: `Instep could not be reached at this address (${reason}). The \`instep serve\` command that printed it may have stopped, or the address is from an earlier launch.`,
      })
      failQueue('Instep cannot be reached.')
      return
    }
    if (everOpened) setLink({ state: 'reconnecting', attempt })
    // Full jitter: spreads out reconnects of several tabs after the server comes back.
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
    setTimer(connect, Math.round(random() * cap) + 100)
  }

  connect()

  return {
    call(method, input) {
      if (closed) return Promise.resolve(unavailable('This window has disconnected from Instep.'))
      if (link.state === 'failed') return Promise.resolve(unavailable('Instep cannot be reached.'))
      return new Promise<CallResult>((resolve) => {
        const send = () => {
          const id = nextId++
          inFlight.set(id, resolve)
          socket!.send(JSON.stringify({ type: 'call', id, method, input }))
        }
        if (socket && socket.readyState === OPEN) {
          send()
          return
        }
        const item = {
          send,
          fail: resolve,
          timer: setTimer(() => {
            queue.delete(item)
            resolve(unavailable(`Instep did not reconnect within ${Math.round(queueTimeoutMs / 1000)} seconds, so "${method}" was not sent. Check that Instep is still running, then try again.`))
          }, queueTimeoutMs),
        }
        queue.add(item)
      })
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => {
        set.delete(listener)
      }
    },
    onLinkState(listener) {
      linkListeners.add(listener)
      listener(link)
      return () => {
        linkListeners.delete(listener)
      }
    },
    close() {
      closed = true
      failQueue('This window has disconnected from Instep.')
      socket?.close()
      socket = null
    },
  }
}
