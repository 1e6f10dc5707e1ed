/**
 * BC's per-user limits (operational-limits-online): 6,000 requests per 5-minute sliding window
 * (429 beyond), 5 requests processing at once with the rest queued (queue of 95, 429 when
 * full; 503 when a request waited too long — 8 minutes online, shorter here).
 */
export interface ThrottleLimits {
  requestsPer5Min: number
  maxInFlight: number
  maxQueue: number
  queueTimeoutMs: number
}

export const DEFAULT_LIMITS: ThrottleLimits = { requestsPer5Min: 6000, maxInFlight: 5, maxQueue: 95, queueTimeoutMs: 30_000 }

export type Admission = { ok: true; release: () => void } | { ok: false; status: 429 | 503; reason: string }

const WINDOW_MS = 5 * 60 * 1000

export class Throttle {
  private stamps: number[] = []
  private inFlight = 0
  private waiters: { resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = []
  maxInFlightSeen = 0
  rejected429 = 0
  rejected503 = 0

  constructor(private limits: ThrottleLimits | null) {}

  setLimits(limits: ThrottleLimits | null): void {
    this.limits = limits
  }

  current(): { inFlight: number; queued: number; inWindow: number } {
    this.prune(Date.now())
    return { inFlight: this.inFlight, queued: this.waiters.length, inWindow: this.stamps.length }
  }

  private prune(now: number): void {
    while (this.stamps.length && this.stamps[0] <= now - WINDOW_MS) this.stamps.shift()
  }

  async admit(): Promise<Admission> {
    const limits = this.limits
    if (!limits) return this.enter()
    const now = Date.now()
    this.prune(now)
    if (this.stamps.length >= limits.requestsPer5Min) {
      this.rejected429++
      return { ok: false, status: 429, reason: `Too many requests reached. Actual (${this.stamps.length + 1}). Maximum (${limits.requestsPer5Min})` }
    }
    this.stamps.push(now)
    if (this.inFlight < limits.maxInFlight) return this.enter()
    if (this.waiters.length >= limits.maxQueue) {
      this.rejected429++
      return { ok: false, status: 429, reason: `The request queue is full. Maximum (${limits.maxQueue})` }
    }
    const admitted = await new Promise<boolean>((resolve) => {
      const waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          resolve(false)
        }, limits.queueTimeoutMs),
      }
      this.waiters.push(waiter)
    })
    if (!admitted) {
      this.rejected503++
      return { ok: false, status: 503, reason: 'The request waited too long in the queue and was cancelled' }
    }
    return this.enter()
  }

  private enter(): Admission {
    this.inFlight++
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, this.inFlight)
    let released = false
    return {
      ok: true,
      release: () => {
        if (released) return
        released = true
        this.inFlight--
        const next = this.waiters.shift()
        if (next) {
          clearTimeout(next.timer)
          next.resolve(true)
        }
      },
    }
  }

  close(): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer)
      w.resolve(false)
    }
  }
}
