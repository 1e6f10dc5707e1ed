/**
 * Tells "the remote system cannot be reached from here" (no network, VPN down, DNS failing, the
 * host refusing connections) from a connection that broke off after the request went out. Only
 * the first is "offline": the request never left this machine, so nothing can have been applied
 * remotely and the engine may simply try again once the network is back. A request that timed
 * out or broke off while the host can no longer be connected to at all (see canConnect) is
 * offline too, but a write then stays ambiguous: it may have arrived before the network went.
 */
import { connect } from 'node:net'
import { OFFLINE_MESSAGE_PREFIX } from '../../../../shared/offline'

/** Error codes Node gives when a connection could not be opened or the host name not resolved. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NODATA',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
])

/** System calls that fail before any byte of the request is sent: connecting and name look-up. */
const BEFORE_SEND_SYSCALLS = new Set(['connect', 'getaddrinfo', 'queryA', 'queryAaaa'])

interface NodeishError {
  code?: unknown
  syscall?: unknown
  cause?: unknown
  errors?: unknown
}

/**
 * The error code when `e` (a Node or axios error, possibly wrapping others) says the host was
 * never reached, else null. A connect that timed out (ETIMEDOUT from `connect`, what a dropped
 * VPN usually looks like) counts; a time-out while waiting for the answer does not.
 */
export function unreachableCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 4) return null
  const err = e as NodeishError
  const code = typeof err.code === 'string' ? err.code : null
  if (code && UNREACHABLE_CODES.has(code)) return code
  if (code && typeof err.syscall === 'string' && BEFORE_SEND_SYSCALLS.has(err.syscall)) return code
  // Happy-eyeballs connects fail with an AggregateError holding one error per address tried.
  if (Array.isArray(err.errors)) {
    const codes = err.errors.map((x) => unreachableCode(x, depth + 1))
    if (codes.length > 0 && codes.every((c) => c !== null)) return codes[0]
  }
  return unreachableCode(err.cause, depth + 1)
}

/** The engine tries an unreachable system again on its own; said once so every system says the same. */
export function unreachableMessage(system: string, where: string, code: string | null): string {
  return `${OFFLINE_MESSAGE_PREFIX}${system} at ${where}${code ? ` (${code})` : ''} — check the network or VPN; Instep will try again every minute.`
}

/**
 * How often a client retries an unreachable host itself before handing the error to the engine.
 * Once, to ride out a blip; after that the scheduler's minute-by-minute retry takes over, so a
 * "Sync now" while offline answers in seconds rather than after a long backoff.
 */
export const OFFLINE_ATTEMPTS = 2

export function isUnreachableCode(code: string | undefined | null): boolean {
  return !!code && UNREACHABLE_CODES.has(code)
}

/**
 * Whether a TCP connection to the URL's host can be opened within `timeoutMs`. Asked after a
 * time-out or a dropped connection: if the host cannot even be connected to now (a VPN that went
 * down mid-request, a network cable pulled), Instep is offline rather than facing a slow server.
 */
export function canConnect(url: string, timeoutMs = 3000): Promise<boolean> {
  let host: string
  let port: number
  try {
    const u = new URL(url)
    host = u.hostname.replace(/^\[|\]$/g, '')
    port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80
  } catch {
    return Promise.resolve(false)
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
