/**
 * The only code that talks HTTP to Business Central: Entra client-credentials tokens, company
 * scoped URLs, the documented rate budget, retries for transient failures, time-outs,
 * cancellation and redacted logging. Everything it throws is a ConnectorError.
 */
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios'
import Bottleneck from 'bottleneck'
import { ConnectorError } from '../../connector-error'
import { BcConnectorError, fromHttpStatus, fromNetworkError, retryAfterSeconds } from './errors'
import { canConnect, OFFLINE_ATTEMPTS, unreachableCode } from '../unreachable'

export interface BcLogEvent {
  method: string
  /** path and query only; never headers, tokens or bodies */
  url: string
  status: number | null
  attempt: number
  durationMs: number
  outcome: 'ok' | 'retry' | 'error'
  error?: string
}

export interface BcClientOptions {
  /** `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0` */
  baseUrl: string
  /** `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token` */
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
  companyId?: string
  /** picks the company by name when no id is given (needed when the environment has several) */
  companyName?: string
  timeoutMs?: number
  /** retries after the first attempt, for retryable failures only */
  maxRetries?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** a Retry-After longer than this is not waited out here; the error goes to the caller to reschedule */
  maxRetryAfterMs?: number
  /** BC online: 5 requests in flight and 6,000 per 5 minutes per user */
  maxConcurrent?: number
  requestsPer5Min?: number
  /** refresh the token this long before it expires */
  tokenRefreshMarginMs?: number
  log?: (event: BcLogEvent) => void
}

export interface BcRequest {
  method?: Method
  /** relative to the company (`salesOrders`) unless `absolute`; or a full nextLink URL */
  path: string
  company?: boolean
  params?: Record<string, string | number>
  data?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
  /**
   * Whether failures after the request was sent may be retried. Defaults to true for GET only:
   * a POST that timed out may have been applied, so it is never repeated here.
   */
  idempotent?: boolean
}

export interface BcResponse<T> {
  status: number
  data: T
  etag: string | null
}

const DEFAULT_SCOPE = 'https://api.businesscentral.dynamics.com/.default'
const FIVE_MINUTES = 5 * 60 * 1000
const REFILL_MS = 3000
const REFILLS_PER_5_MIN = FIVE_MINUTES / REFILL_MS

/**
 * BC counts requests in a *sliding* 5-minute window. A reservoir reset every 5 minutes could
 * spend the budget twice across a reset, so this is a token bucket: a small burst plus a steady
 * refill, which together never exceed the budget in any window. The burst is kept to a
 * twentieth of the budget because whatever it holds is taken from the sustained rate: with
 * 6,000 per 5 minutes that leaves 19 requests/s (95 % of the budget) for long runs.
 */
export function slidingWindowBudget(requestsPer5Min: number): {
  reservoir: number
  reservoirIncreaseAmount: number
  reservoirIncreaseInterval: number
  reservoirIncreaseMaximum: number
} {
  const burst = Math.max(1, Math.floor(requestsPer5Min / 20))
  const steady = Math.max(1, requestsPer5Min - burst)
  // Any 5-minute window sees at most (window / interval) + 1 refills.
  let interval = REFILL_MS
  let perRefill = Math.floor(steady / (REFILLS_PER_5_MIN + 1))
  if (perRefill < 1) {
    perRefill = 1
    interval = Math.ceil(FIVE_MINUTES / Math.max(1, steady - 1))
  }
  return { reservoir: burst, reservoirIncreaseAmount: perRefill, reservoirIncreaseInterval: interval, reservoirIncreaseMaximum: burst }
}

/**
 * BC's limits are per user, and a service principal is one user however many clients Instep
 * creates for it (a sync run, a manual retry, a reconciliation): they share one limiter.
 */
const limiters = new Map<string, { limiter: Bottleneck; refs: number }>()

function acquireLimiter(key: string, maxConcurrent: number, requestsPer5Min: number): Bottleneck {
  const existing = limiters.get(key)
  if (existing) {
    existing.refs++
    return existing.limiter
  }
  const limiter = new Bottleneck({ maxConcurrent, ...slidingWindowBudget(requestsPer5Min) })
  limiters.set(key, { limiter, refs: 1 })
  return limiter
}

async function releaseLimiter(key: string): Promise<void> {
  const entry = limiters.get(key)
  if (!entry) return
  entry.refs--
  if (entry.refs > 0) return
  limiters.delete(key)
  await entry.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)
}

/** Retried automatically: throttling, gateway and time-out answers; BC did not do the work. */
const AUTO_RETRY_STATUSES = new Set([408, 429, 502, 503, 504])

export class BcClient {
  private readonly http: AxiosInstance
  private readonly limiter: Bottleneck
  private readonly limiterKey: string
  private closed = false
  private readonly opts: Required<Omit<BcClientOptions, 'companyId' | 'companyName' | 'log'>> & Pick<BcClientOptions, 'log' | 'companyName'>
  private token: { value: string; refreshAt: number } | null = null
  private tokenPending: Promise<string> | null = null
  private companyId: string | null
  private companyPending: Promise<string> | null = null

  constructor(options: BcClientOptions) {
    this.opts = {
      scope: DEFAULT_SCOPE,
      timeoutMs: 30_000,
      maxRetries: 5,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 120_000,
      maxConcurrent: 5,
      requestsPer5Min: 6000,
      tokenRefreshMarginMs: 60_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    }
    this.companyId = options.companyId ?? null
    this.http = axios.create({ validateStatus: () => true, maxRedirects: 0 })
    this.limiterKey = `${this.opts.tokenUrl}|${this.opts.clientId}`
    this.limiter = acquireLimiter(this.limiterKey, this.opts.maxConcurrent, this.opts.requestsPer5Min)
  }

  /** Releases this client's share of the limiter; the last one stops its timers. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await releaseLimiter(this.limiterKey)
  }

  // ---------- auth ------------------------------------------------------------------------

  private async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.refreshAt > Date.now()) return this.token.value
    // One token request at a time; concurrent callers share it.
    this.tokenPending ??= this.fetchToken(signal).finally(() => {
      this.tokenPending = null
    })
    return this.tokenPending
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
      scope: this.opts.scope,
    })
    const started = Date.now()
    let res: AxiosResponse
    try {
      res = await this.http.post(this.opts.tokenUrl, body.toString(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        timeout: this.opts.timeoutMs,
        signal,
      })
    } catch (e) {
      this.logEvent('POST', this.opts.tokenUrl, null, 1, started, 'error', 'token request failed')
      if (signal?.aborted) throw abortedError(e)
      // A time-out or reset while the sign-in host cannot be connected to at all is offline too.
      const code = unreachableCode(e)
      throw fromNetworkError({
        code: code ?? (e as { code?: string }).code,
        unreachable: code !== null || !(await canConnect(this.opts.tokenUrl)),
        write: false,
        sent: true,
        cause: redactError(e),
        reached: { system: 'Microsoft sign-in for Business Central', url: this.opts.tokenUrl },
      })
    }
    this.logEvent('POST', this.opts.tokenUrl, res.status, 1, started, res.status === 200 ? 'ok' : 'error')
    const data = res.data as { access_token?: string; expires_in?: number; error?: string; error_description?: string }
    if (res.status !== 200 || !data.access_token) {
      const aad = typeof data.error_description === 'string' ? data.error_description.split('\r\n')[0] : `HTTP ${res.status}`
      throw new ConnectorError({
        system: 'erp',
        kind: res.status >= 500 ? 'retryable' : 'auth',
        status: res.status,
        message: `Microsoft sign-in refused Instep's Business Central credentials (${aad}). Check the tenant, client id and client secret in the connection settings.`,
      })
    }
    const lifetimeMs = (data.expires_in ?? 3599) * 1000
    // Renew ahead of expiry so a request never leaves with a token about to die; short-lived
    // tokens get half their lifetime rather than being fetched again on every call.
    this.token = { value: data.access_token, refreshAt: Date.now() + lifetimeMs - Math.min(this.opts.tokenRefreshMarginMs, lifetimeMs / 2) }
    return this.token.value
  }

  // ---------- company ---------------------------------------------------------------------

  async resolveCompanyId(signal?: AbortSignal): Promise<string> {
    if (this.companyId) return this.companyId
    this.companyPending ??= (async () => {
      const res = await this.request<{ value: { id: string; name: string; displayName: string }[] }>({
        path: `${this.opts.baseUrl}/companies`,
        company: false,
        signal,
      })
      const companies = res.data.value
      const wanted = this.opts.companyName
      const match = wanted ? companies.filter((c) => c.name === wanted || c.displayName === wanted) : companies
      if (match.length !== 1) {
        this.companyPending = null
        throw new ConnectorError({
          system: 'erp',
          kind: 'not_found',
          message: wanted
            ? `Business Central has no single company named "${wanted}" (found: ${companies.map((c) => c.name).join(', ') || 'none'}). Fix the company in the connection settings.`
            : `This Business Central environment has ${companies.length} companies. Choose one in the connection settings.`,
        })
      }
      this.companyId = match[0].id
      return match[0].id
    })()
    return this.companyPending
  }

  // ---------- requests --------------------------------------------------------------------

  async request<T>(req: BcRequest): Promise<BcResponse<T>> {
    const method = (req.method ?? 'GET').toUpperCase() as Method
    const idempotent = req.idempotent ?? method === 'GET'
    const url = /^https?:\/\//.test(req.path)
      ? req.path
      : req.company === false
        ? `${this.opts.baseUrl}/${req.path}`
        : `${this.opts.baseUrl}/companies(${await this.resolveCompanyId(req.signal)})/${req.path}`
    let refreshedAfter401 = false
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(req.signal)
      const started = Date.now()
      let failure: ConnectorError & { tokenRequest?: boolean }
      try {
        const token = await this.accessToken(req.signal).catch((e: unknown) => {
          throw e instanceof ConnectorError && e.retryable ? new TokenFailure(e) : e
        })
        const res = await this.limiter.schedule(() =>
          this.http.request({
            method,
            url,
            params: req.params,
            data: req.data,
            timeout: this.opts.timeoutMs,
            signal: req.signal,
            headers: {
              accept: 'application/json',
              // BC words its errors in the caller's language; errors.ts recognises English ones.
              'accept-language': 'en-US',
              ...(req.data !== undefined ? { 'content-type': 'application/json' } : {}),
              ...req.headers,
              authorization: `Bearer ${token}`,
            },
          }),
        )
        const unreadable = res.status >= 200 && res.status < 300 && res.status !== 204 && typeof res.data === 'string' && res.data !== ''
        if (unreadable) {
          // A 2xx whose body is not JSON (cut off by a proxy, say): the work may be done, the
          // answer is lost — for a write that is the ambiguous case, for a read just retry.
          throw new BcConnectorError({
            system: 'erp',
            kind: 'retryable',
            ambiguous: !idempotent,
            message: 'Business Central sent an answer Instep could not read. Instep will check whether the change arrived before trying again.',
          })
        }
        if (res.status >= 200 && res.status < 300) {
          this.logEvent(method, url, res.status, attempt, started, 'ok')
          const etag = typeof res.headers.etag === 'string' ? res.headers.etag : null
          return { status: res.status, data: res.data as T, etag }
        }
        if (res.status === 401 && !refreshedAfter401) {
          // Tokens can be revoked or expire early; BC rejected it before doing anything.
          refreshedAfter401 = true
          this.token = null
          this.logEvent(method, url, res.status, attempt, started, 'retry', 'token refused, signing in again')
          attempt--
          continue
        }
        failure = fromHttpStatus({
          status: res.status,
          data: res.data,
          write: !idempotent,
          retryAfter: retryAfterSeconds(res.headers['retry-after']),
        })
      } catch (e) {
        if (e instanceof TokenFailure) {
          // The API request was never sent, so even a write may be retried.
          failure = e.error
          failure.tokenRequest = true
        } else if (e instanceof BcConnectorError && e.kind === 'retryable' && e.status === null) {
          failure = e
        } else if (e instanceof ConnectorError) {
          throw e
        } else if (axios.isCancel(e) || req.signal?.aborted) {
          throw abortedError(e, !idempotent)
        } else {
          const unreachable = unreachableCode(e)
          // No answer and the host cannot be connected to now: offline (a write stays ambiguous).
          const gone = unreachable === null && !(await canConnect(url))
          failure = fromNetworkError({
            code: unreachable ?? (e as { code?: string }).code,
            unreachable: unreachable !== null || gone,
            write: !idempotent,
            sent: unreachable === null,
            cause: redactError(e),
            reached: { system: 'Business Central', url },
          })
        }
      }
      // A write is only repeated when BC surely did not process it: throttled with 429.
      const canRetry =
        failure.retryable &&
        (failure.status === null || AUTO_RETRY_STATUSES.has(failure.status)) &&
        (idempotent || failure.status === 429 || failure.tokenRequest === true || (failure.kind === 'offline' && !failure.ambiguous)) &&
        // Unreachable is retried once here (a blip); longer outages are the scheduler's to wait out.
        attempt <= (failure.kind === 'offline' ? Math.min(OFFLINE_ATTEMPTS - 1, this.opts.maxRetries) : this.opts.maxRetries) &&
        (failure.retryAfterSeconds === null || failure.retryAfterSeconds * 1000 <= this.opts.maxRetryAfterMs)
      this.logEvent(method, url, failure.status, attempt, started, canRetry ? 'retry' : 'error', failure.message)
      if (!canRetry) throw failure
      await sleep(this.backoffMs(attempt, failure.retryAfterSeconds), req.signal)
    }
  }

  /** GET every page of a collection, following `@odata.nextLink` verbatim. */
  async getAll<T>(path: string, opts: { params?: Record<string, string | number>; pageSize?: number; signal?: AbortSignal } = {}): Promise<T[]> {
    const out: T[] = []
    const headers: Record<string, string> = opts.pageSize ? { prefer: `odata.maxpagesize=${opts.pageSize}` } : {}
    let next: BcRequest | null = { path, params: opts.params, headers, signal: opts.signal }
    while (next) {
      const res: BcResponse<{ value: T[]; '@odata.nextLink'?: string }> = await this.request(next)
      out.push(...res.data.value)
      const link = res.data['@odata.nextLink']
      next = link ? { path: link, headers, signal: opts.signal } : null
    }
    return out
  }

  /** What the server asked for with Retry-After, else exponential backoff with full jitter. */
  backoffMs(attempt: number, retryAfter: number | null): number {
    if (retryAfter !== null) return retryAfter * 1000
    const cap = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempt - 1))
    return Math.random() * cap
  }

  private logEvent(method: string, url: string, status: number | null, attempt: number, started: number, outcome: BcLogEvent['outcome'], error?: string): void {
    if (!this.opts.log) return
    this.opts.log({ method, url: redactUrl(url), status, attempt, durationMs: Date.now() - started, outcome, error })
  }
}

/** A transient failure of the token endpoint, before the API request itself was sent. */
class TokenFailure extends Error {
  constructor(readonly error: ConnectorError & { tokenRequest?: boolean }) {
    super(error.message)
  }
}

/** Keeps host, path and query; drops credentials that could sit in a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    for (const key of [...u.searchParams.keys()]) if (/secret|token|password|sig/i.test(key) && key !== '$skiptoken') u.searchParams.set(key, '***')
    return decodeURIComponent(u.toString())
  } catch {
    return '(unparseable url)'
  }
}

/** Axios errors carry the request config, including the Authorization header: keep only the code. */
function redactError(e: unknown): Error {
  const code = (e as { code?: string }).code
  const message = e instanceof Error ? e.message : String(e)
  const clean = new Error(message.replace(/Bearer\s+\S+/gi, 'Bearer ***'))
  ;(clean as Error & { code?: string }).code = code
  return clean
}

/** A cancelled write may already have reached BC, so it is ambiguous like a time-out. */
function abortedError(e: unknown, ambiguous = false): ConnectorError {
  return new BcConnectorError({
    system: 'erp',
    kind: 'retryable',
    ambiguous,
    message: 'The Business Central request was cancelled.',
    cause: redactError(e),
  })
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal.reason)
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal.reason))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortedError(signal?.reason))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
