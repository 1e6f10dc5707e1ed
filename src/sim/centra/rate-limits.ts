/**
 * Centra's three token buckets (requests, mutations, query complexity), each with a 10-second
 * and a one-hour window. Defaults are the Growth tier that new.centra.dev lists as standard.
 * Windows are fixed (they start with the first request after the previous one ended), which is
 * enough to make a client that ignores the budget meet 429s.
 */
export type RateLimitType = 'REQUEST_COUNT' | 'MUTATION_COUNT' | 'QUERY_COMPLEXITY'

export interface RateLimitQuotas {
  requests: number
  mutations: number
  complexity: number
}

export const DEFAULT_TEN_SECOND_QUOTAS: RateLimitQuotas = { requests: 60, mutations: 20, complexity: 250_000 }
export const DEFAULT_HOUR_QUOTAS: RateLimitQuotas = { requests: 5_000, mutations: 1_800, complexity: 30_000_000 }

interface Window {
  seconds: number
  startedAt: number
  used: Record<RateLimitType, number>
  quota: Record<RateLimitType, number>
}

const KEYS: [RateLimitType, keyof RateLimitQuotas][] = [
  ['REQUEST_COUNT', 'requests'],
  ['MUTATION_COUNT', 'mutations'],
  ['QUERY_COMPLEXITY', 'complexity'],
]

function makeWindow(seconds: number, q: RateLimitQuotas): Window {
  return {
    seconds,
    startedAt: 0,
    used: { REQUEST_COUNT: 0, MUTATION_COUNT: 0, QUERY_COMPLEXITY: 0 },
    quota: { REQUEST_COUNT: q.requests, MUTATION_COUNT: q.mutations, QUERY_COMPLEXITY: q.complexity },
  }
}

export class RateLimiter {
  private windows: Window[]

  constructor(
    tenSeconds: Partial<RateLimitQuotas> = {},
    private readonly enabled = true,
    private readonly now: () => number = Date.now,
  ) {
    // The hour window scales with a raised 10-s quota so tests that lift one do not hit the other.
    const ten = { ...DEFAULT_TEN_SECOND_QUOTAS, ...tenSeconds }
    const scale = (k: keyof RateLimitQuotas, factor: number) =>
      ten[k] > DEFAULT_TEN_SECOND_QUOTAS[k] ? ten[k] * factor : DEFAULT_HOUR_QUOTAS[k]
    const hour: RateLimitQuotas = { requests: scale('requests', 360), mutations: scale('mutations', 90), complexity: scale('complexity', 120) }
    this.windows = [makeWindow(10, ten), makeWindow(3600, hour)]
  }

  /** The most complexity one request can ever get: the 10-second quota (null when unlimited). */
  maxComplexity(): number | null {
    return this.enabled ? this.windows[0].quota.QUERY_COMPLEXITY : null
  }

  reset(): void {
    for (const w of this.windows) {
      w.startedAt = 0
      for (const [k] of KEYS) w.used[k] = 0
    }
  }

  private roll(): void {
    const t = this.now()
    for (const w of this.windows) {
      if (t - w.startedAt >= w.seconds * 1000) {
        w.startedAt = t
        for (const [k] of KEYS) w.used[k] = 0
      }
    }
  }

  /**
   * Takes the cost of one request, or refuses it whole. Returns the seconds to wait when refused
   * (what goes into Retry-After), or null when the request may run.
   */
  take(cost: { mutations: number; complexity: number }): { retryAfterSeconds: number; type: RateLimitType } | null {
    if (!this.enabled) return null
    this.roll()
    const want: Record<RateLimitType, number> = { REQUEST_COUNT: 1, MUTATION_COUNT: cost.mutations, QUERY_COMPLEXITY: cost.complexity }
    for (const w of this.windows) {
      for (const [k] of KEYS) {
        if (w.used[k] + want[k] > w.quota[k]) {
          const wait = Math.max(1, Math.ceil((w.startedAt + w.seconds * 1000 - this.now()) / 1000))
          return { retryAfterSeconds: wait, type: k }
        }
      }
    }
    for (const w of this.windows) for (const [k] of KEYS) w.used[k] += want[k]
    return null
  }

  /** The `rateLimits` query's answer. */
  report(): { type: RateLimitType; intervalSeconds: 'TEN_SECONDS' | 'ONE_HOUR'; quota: number; usedQuota: number; remainingQuota: number }[] {
    this.roll()
    return this.windows.flatMap((w) =>
      KEYS.map(([k]) => ({
        type: k,
        intervalSeconds: w.seconds === 10 ? ('TEN_SECONDS' as const) : ('ONE_HOUR' as const),
        quota: w.quota[k],
        usedQuota: Math.min(w.used[k], w.quota[k]),
        remainingQuota: Math.max(0, w.quota[k] - w.used[k]),
      })),
    )
  }
}
