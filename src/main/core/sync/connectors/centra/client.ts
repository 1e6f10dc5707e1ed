/**
 * The only code that talks HTTP to Centra: bearer auth, a rate limiter inside Centra's budget,
 * per-call timeouts, cancellation, retries of retryable failures only (exponential backoff with
 * full jitter, never shorter than Retry-After), and logs that never contain the token.
 */
import axios, { type AxiosResponse } from 'axios'
import Bottleneck from 'bottleneck'
import { ConnectorError } from '../../connector-error'
import { canConnect, OFFLINE_ATTEMPTS, unreachableCode } from '../unreachable'
import {
  centraUnreachable,
  classifyGraphQLErrors,
  classifyStatus,
  classifyTransport,
  malformedResponse,
  userErrorsToConnectorError,
  type GraphQLErrorEntry,
  type UserErrorEntry,
} from './errors'

export interface CentraLimits {
  /** requests per 10 s; Centra's default tier allows 60 for the whole environment, shared by all integrations */
  requestsPer10s: number
  /** mutations per 10 s (Centra: 20 per environment) */
  mutationsPer10s: number
  /** query complexity points per 10 s (Centra's default tier: 250 000 per environment) */
  complexityPer10s: number
  /** requests in flight at once */
  maxConcurrent: number
}

export interface CentraRetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** a Retry-After longer than this (e.g. the one-hour window is spent) is handed to the caller, not slept through */
  maxRetryAfterMs: number
}

export interface CentraLogEntry {
  level: 'debug' | 'warn'
  message: string
  operation: string
  attempt: number
  status?: number | null
  durationMs?: number
  complexity?: number
}

export interface CentraClientOptions {
  /** the GraphQL endpoint, e.g. https://example.centra.com/graphql/integration */
  url: string
  token: string
  timeoutMs?: number
  limits?: Partial<CentraLimits>
  retry?: Partial<CentraRetryPolicy>
  log?: (entry: CentraLogEntry) => void
  /** injectable for tests; must reject when the signal aborts */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

export interface CallOptions {
  signal?: AbortSignal
}

export interface CentraClient {
  /** Runs a query and returns `data`; throws ConnectorError on any failure. */
  query<T>(document: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<T>
  /**
   * Runs a mutation and returns `data`. Retried only when Centra certainly did not run it
   * (429, connection refused): a timeout or 5xx may have applied it, so the caller decides.
   */
  mutate<T>(document: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<T>
  /** Throws a ConnectorError when a mutation payload carries userErrors. */
  assertNoUserErrors(operation: string, payload: { userErrors?: UserErrorEntry[] | null } | null | undefined): void
  /** The `extensions` of the last answer (complexity, permissionsUsed), for diagnostics. */
  lastExtensions(): Record<string, unknown> | null
}

/** Two thirds to three quarters of Centra's default budget: the rest is left to the store's other integrations. */
export const DEFAULT_LIMITS: CentraLimits = { requestsPer10s: 40, mutationsPer10s: 15, complexityPer10s: 180_000, maxConcurrent: 4 }
export const DEFAULT_RETRY: CentraRetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 15_000, maxRetryAfterMs: 60_000 }
const DEFAULT_TIMEOUT_MS = 30_000

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason
  if (reason instanceof Error) return reason
  const e = new Error('The Centra call was cancelled')
  e.name = 'AbortError'
  return e
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * A call waiting for the rate limiter stops waiting when cancelled. The queued job still gets
 * its turn later, but sendOnce sees the aborted signal and sends nothing.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) {
    work.catch(() => {})
    return Promise.reject(abortError(signal))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {})
      reject(abortError(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}

function operationName(document: string): string {
  return /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[2] ?? 'anonymous'
}

export function createCentraClient(options: CentraClientOptions): CentraClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random
  const log = options.log ?? (() => {})
  // Reservoirs refill every 10 s, the width of Centra's short window.
  const requests = new Bottleneck({
    maxConcurrent: limits.maxConcurrent,
    reservoir: limits.requestsPer10s,
    reservoirRefreshAmount: limits.requestsPer10s,
    reservoirRefreshInterval: 10_000,
  })
  const mutations = new Bottleneck({
    reservoir: limits.mutationsPer10s,
    reservoirRefreshAmount: limits.mutationsPer10s,
    reservoirRefreshInterval: 10_000,
  })
  mutations.chain(requests)
  // Complexity is only known after the answer, so each operation is weighed by what it cost
  // last time (scaled by its page size), and the difference is settled once Centra reports it.
  const complexity = new Bottleneck({
    reservoir: limits.complexityPer10s,
    reservoirRefreshAmount: limits.complexityPer10s,
    reservoirRefreshInterval: 10_000,
  })
  // Not chained: a chained limiter would pass the complexity weight on to the request count.
  const lastCost = new Map<string, { complexity: number; limit: number | null }>()
  const estimate = (op: string, variables: Record<string, unknown>): number => {
    const seen = lastCost.get(op)
    if (!seen) return 1
    const limit = typeof variables.limit === 'number' ? variables.limit : null
    const scaled = seen.limit && limit ? (seen.complexity * limit) / seen.limit : seen.complexity
    return Math.max(1, Math.min(limits.complexityPer10s, Math.ceil(scaled)))
  }
  const settle = async (op: string, variables: Record<string, unknown>, weighed: number, actual: number) => {
    if (!Number.isFinite(actual) || actual <= 0) return
    lastCost.set(op, { complexity: actual, limit: typeof variables.limit === 'number' ? variables.limit : null })
    if (actual > weighed) await complexity.incrementReservoir(-(actual - weighed)).catch(() => {})
  }
  let extensions: Record<string, unknown> | null = null

  async function sendOnce(document: string, variables: Record<string, unknown>, signal: AbortSignal | undefined, op: string, attempt: number) {
    if (signal?.aborted) throw abortError(signal)
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    const started = Date.now()
    let response: AxiosResponse<string>
    try {
      response = await axios.post<string>(
        options.url,
        JSON.stringify({ query: document, variables }),
        {
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.token}` },
          signal: combined,
          responseType: 'text',
          transformResponse: [(data: string) => data],
          validateStatus: () => true,
          maxRedirects: 0,
        },
      )
    } catch (e) {
      if (signal?.aborted) throw abortError(signal)
      const unreachable = unreachableCode(e)
      if (unreachable) throw centraUnreachable(options.url, unreachable, redactError(e))
      const code = timeout.aborted ? 'TIMEOUT' : ((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code)
      const failure = classifyTransport(code, options.url, timeoutMs, redactError(e))
      // No answer, and the host cannot even be connected to now: the network went, not Centra.
      if (failure.kind === 'retryable' && !(await canConnect(options.url))) {
        throw centraUnreachable(options.url, code === 'TIMEOUT' ? null : (code ?? null), redactError(e), failure.ambiguous)
      }
      throw failure
    }
    const durationMs = Date.now() - started
    const { status } = response
    const text = typeof response.data === 'string' ? response.data : JSON.stringify(response.data)
    if (status < 200 || status >= 300) {
      throw classifyStatus(status, text, headerValue(response.headers['retry-after']), options.url)
    }
    let body: { data?: unknown; errors?: GraphQLErrorEntry[]; extensions?: Record<string, unknown> }
    try {
      body = JSON.parse(text)
      if (!body || typeof body !== 'object') throw new Error('not an object')
    } catch (e) {
      throw malformedResponse(status, e)
    }
    extensions = body.extensions ?? null
    log({ level: 'debug', message: 'Centra answered', operation: op, attempt, status, durationMs, complexity: Number(extensions?.complexity ?? NaN) })
    if (body.errors?.length) throw classifyGraphQLErrors(body.errors, status)
    if (body.data === undefined || body.data === null) throw malformedResponse(status)
    return { data: body.data, complexity: Number(body.extensions?.complexity ?? NaN) }
  }

  async function call<T>(document: string, variables: Record<string, unknown>, signal: AbortSignal | undefined, isMutation: boolean): Promise<T> {
    const op = operationName(document)
    for (let attempt = 1; ; attempt++) {
      try {
        if (isMutation) return (await untilAborted(mutations.schedule(() => sendOnce(document, variables, signal, op, attempt)), signal)).data as T
        const weight = estimate(op, variables)
        const answer = await untilAborted(
          complexity.schedule({ weight }, () => requests.schedule(() => sendOnce(document, variables, signal, op, attempt))),
          signal,
        )
        await settle(op, variables, weight, answer.complexity)
        return answer.data as T
      } catch (e) {
        if (!(e instanceof ConnectorError)) throw e
        const floorMs = e.retryAfterSeconds !== null ? e.retryAfterSeconds * 1000 : 0
        // Unreachable is retried once here (a blip); longer outages are the scheduler's to wait out.
        const attempts = e.kind === 'offline' ? Math.min(OFFLINE_ATTEMPTS, retry.maxAttempts) : retry.maxAttempts
        const again = e.retryable && attempt < attempts && !(isMutation && e.ambiguous) && floorMs <= retry.maxRetryAfterMs
        log({ level: 'warn', message: `${e.message}${again ? '' : ' (giving up)'}`, operation: op, attempt, status: e.status })
        if (!again) throw e
        // Full jitter spreads retries of many clients; Retry-After is a floor, never shortened.
        const backoff = random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))
        await sleep(Math.max(backoff, floorMs), signal)
      }
    }
  }

  return {
    query: (document, variables = {}, opts = {}) => call(document, variables, opts.signal, false),
    mutate: (document, variables = {}, opts = {}) => call(document, variables, opts.signal, true),
    assertNoUserErrors(operation, payload) {
      const errors = payload?.userErrors ?? []
      if (errors.length > 0) throw userErrorsToConnectorError(operation, errors)
    },
    lastExtensions: () => extensions,
  }
}

function headerValue(v: unknown): string | null {
  if (Array.isArray(v)) return v[0] ?? null
  return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v)
}

/** axios errors carry the request config, headers included: keep only what is safe to log. */
function redactError(e: unknown): Error {
  const err = e as { message?: string; code?: string; name?: string }
  const safe = new Error(err?.message ?? 'Network error')
  safe.name = err?.name ?? 'Error'
  ;(safe as Error & { code?: string }).code = err?.code
  return safe
}
