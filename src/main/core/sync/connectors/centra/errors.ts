/**
 * Classification of everything that can go wrong talking to Centra, in one place, into the
 * engine's ConnectorError kinds, with messages a business user can act on. The token never
 * appears in a message.
 */
import { ConnectorError } from '../../connector-error'
import { isUnreachableCode, unreachableMessage } from '../unreachable'

export interface GraphQLErrorEntry {
  message?: string
  extensions?: { category?: string; [k: string]: unknown }
  path?: (string | number)[]
}

export interface UserErrorEntry {
  message?: string
  path?: (string | number)[] | null
}

type CentraErrorArgs = Omit<ConstructorParameters<typeof ConnectorError>[0], 'system'>

function centraError(args: CentraErrorArgs): ConnectorError {
  return new ConnectorError({ system: 'centra', ...args })
}

export const tokenRefused = (status: number | null) =>
  centraError({
    kind: 'auth',
    status,
    message:
      `Centra refused the API token${status ? ` (${status})` : ''}. Check the Integration API token in Settings → Connections; ` +
      'tokens expire (30 days unless set otherwise) and can be revoked in Centra AMS under System → API Tokens.',
  })

export const permissionMissing = (detail: string, status: number | null) =>
  centraError({
    kind: 'auth',
    status,
    message: `The Centra API token is missing a permission: ${detail} Add it to the token in Centra AMS (System → API Tokens).`,
  })

/**
 * Retry-After as Centra documents it is "the time when you may retry"; servers send either
 * seconds, an HTTP date or a Unix timestamp. All three become seconds from now.
 */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | null {
  if (!value) return null
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text)
    // A number this large is a Unix timestamp (seconds or milliseconds), not a delay.
    if (n > 1e12) return Math.max(0, Math.ceil((n - now) / 1000))
    if (n > 1e9) return Math.max(0, Math.ceil(n - now / 1000))
    return n
  }
  const at = Date.parse(text)
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null
}

export function classifyStatus(status: number, body: string, retryAfter: string | null, url: string): ConnectorError {
  const host = safeHost(url)
  if (status === 401) return tokenRefused(401)
  if (status === 403) return permissionMissing(firstMessage(body) ?? 'Centra answered 403 Forbidden.', 403)
  if (status === 429) {
    const seconds = parseRetryAfter(retryAfter)
    return centraError({
      kind: 'retryable',
      status,
      retryAfterSeconds: seconds,
      message: `Centra's rate limit was reached (429); Instep waits${seconds !== null ? ` ${seconds} s` : ''} and tries again.`,
    })
  }
  if (status === 404) {
    return centraError({
      kind: 'invalid',
      status,
      message: `There is no Centra Integration API at ${host} (404). Check the API URL in Settings → Connections; it ends in /graphql.`,
    })
  }
  if (status >= 500) {
    const seconds = parseRetryAfter(retryAfter)
    return centraError({
      kind: 'retryable',
      status,
      ambiguous: true,
      retryAfterSeconds: seconds,
      message: `Centra had a server problem (${status}). Instep will try again.`,
    })
  }
  return centraError({
    kind: 'invalid',
    status,
    message: `Centra rejected the request (${status})${firstMessage(body) ? `: ${firstMessage(body)}` : '.'}`,
  })
}

/** Top-level GraphQL `errors` (HTTP 200): authorization, validation or execution problems. */
export function classifyGraphQLErrors(errors: GraphQLErrorEntry[], status: number): ConnectorError {
  const first = errors[0] ?? {}
  const category = String(first.extensions?.category ?? '').toLowerCase()
  const message = first.message ?? 'Unknown GraphQL error'
  if (category === 'authentication') return tokenRefused(status)
  if (category === 'authorization' || /need .+ permission/i.test(message)) return permissionMissing(message, status)
  if (category === 'complexity' || /complexity .*exceeds/i.test(message)) {
    return centraError({ kind: 'invalid', status, message: `Centra refused a request as too complex: ${message} Lower the orders page size (orders.pageSize) in the workspace settings.` })
  }
  if (category === 'internal') {
    return centraError({ kind: 'retryable', status, ambiguous: true, message: `Centra could not complete the request: ${message}. Instep will try again.` })
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  return centraError({
    kind: 'invalid',
    status,
    message: `Centra rejected Instep's request: ${message}${more}. This usually means the Centra API changed or Instep needs an update.`,
  })
}

/** Mutation payload `userErrors`: the mutation did nothing. Retrying the same input will not help. */
export function userErrorsToConnectorError(operation: string, userErrors: UserErrorEntry[]): ConnectorError {
  const text = userErrors.map((u) => (u.path?.length ? `${u.message} (${u.path.join('.')})` : u.message)).join('; ')
  // Centra's wording is not documented; these read as "the object is in the wrong state".
  const conflict = userErrors.some((u) =>
    /already|locked|on hold|status|\bis (PENDING|CONFIRMED|PROCESSING|SHIPPED|ARCHIVED|CANCELLED)\b|cannot be (changed|modified)/i.test(u.message ?? ''),
  )
  const notFound = userErrors.some((u) => /could not find|not found|does not exist/i.test(u.message ?? ''))
  return centraError({
    kind: notFound ? 'not_found' : conflict ? 'conflict' : 'invalid',
    message: `Centra refused ${operation}: ${text}`,
  })
}

export function classifyTransport(code: string | undefined, url: string, timeoutMs: number, cause: unknown): ConnectorError {
  const host = safeHost(url)
  if (code === 'TIMEOUT') {
    return centraError({
      kind: 'retryable',
      ambiguous: true,
      cause,
      message: `Centra did not answer within ${Math.round(timeoutMs / 1000)} s. Instep will try again.`,
    })
  }
  if (isUnreachableCode(code)) return centraUnreachable(url, code ?? null, cause)
  return centraError({
    kind: 'retryable',
    ambiguous: true,
    cause,
    message: `The connection to Centra at ${host} broke off${code ? ` (${code})` : ''}. Instep will try again.`,
  })
}

/** No connection could be opened (see unreachable.ts): a state the engine waits out, not a failure. */
export function centraUnreachable(url: string, code: string | null, cause: unknown, ambiguous = false): ConnectorError {
  return centraError({
    kind: 'offline',
    ambiguous,
    cause,
    message: `${unreachableMessage('Centra', safeHost(url), code)} If it lasts while the network works, check the API URL in Settings → Connections.`,
  })
}

export function malformedResponse(status: number, cause?: unknown): ConnectorError {
  return centraError({
    kind: 'retryable',
    ambiguous: true,
    status,
    cause,
    message: 'Centra sent an answer Instep could not read (not valid JSON). Instep will try again.',
  })
}

function firstMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { errors?: GraphQLErrorEntry[] }
    return parsed.errors?.[0]?.message ?? null
  } catch {
    return null
  }
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the configured URL'
  }
}
