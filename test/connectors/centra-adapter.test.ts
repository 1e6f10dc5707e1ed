import { afterEach, describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createCentraAdapter, type CentraAdapterOptions, type CentraLogEntry } from '../../src/main/core/sync/connectors/centra'
import { startCentraSimulator, type CentraSimOptions, type RunningCentraSim } from '../../src/sim/centra'

let sim: RunningCentraSim | null = null
afterEach(async () => {
  await sim?.close()
  sim = null
})

/** Waits recorded, not slept: retries are tested for what they ask, not for wall time. */
function fastSleep() {
  const waits: number[] = []
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms)
    },
  }
}

async function setup(simOptions: CentraSimOptions = {}, adapterOptions: Partial<CentraAdapterOptions> = {}) {
  sim = await startCentraSimulator({ seed: 42, ...simOptions })
  const timing = fastSleep()
  const logs: CentraLogEntry[] = []
  const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: timing.sleep, log: (e) => logs.push(e), ...adapterOptions })
  return { sim, adapter, waits: timing.waits, logs }
}

async function fetchAll(adapter: ReturnType<typeof createCentraAdapter>, limit = 25, since: string | null = null) {
  const numbers: number[] = []
  for (let page = 1; ; page++) {
    const r = await adapter.fetchOrdersPage({ since, page, limit })
    numbers.push(...r.orders.map((o) => o.number))
    if (!r.hasMore) break
  }
  return numbers
}

async function stats(s: RunningCentraSim): Promise<{ byStatus: Record<string, number>; faultsFired: number }> {
  return (await (await fetch(`${s.baseUrl}/__admin/stats`)).json()) as { byStatus: Record<string, number>; faultsFired: number }
}

describe('Centra adapter against the simulator', () => {
  it('pages through every order once, oldest first, mapped', async () => {
    const { adapter } = await setup()
    const page = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 50 })
    expect(page.orders).toHaveLength(50)
    expect(page.raw).toHaveLength(50)
    expect(page.hasMore).toBe(true)
    const dates = page.orders.map((o) => Date.parse(o.orderDate))
    expect([...dates].sort((a, b) => a - b)).toEqual(dates)
    const numbers = await fetchAll(adapter)
    expect(numbers).toHaveLength(120)
    expect(new Set(numbers).size).toBe(120)
  })

  it('reads from `since` inclusive', async () => {
    const { adapter } = await setup()
    const first = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 200 })
    const since = first.orders[100].orderDate
    const rest = await fetchAll(adapter, 200, since)
    expect(rest[0]).toBe(first.orders[100].number)
    expect(rest).toHaveLength(20)
  })

  it('fails at once with an auth error a user can act on when the token is wrong, and never logs the token', async () => {
    const { adapter, waits, logs, sim } = await setup({ token: 'the-real-token' }, { token: 'a-wrong-secret-token' })
    const err = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ kind: 'auth', status: 401, system: 'centra' })
    expect(err.message).toMatch(/Centra refused the API token \(401\)\. Check the Integration API token in Settings → Connections/)
    expect(waits).toEqual([])
    const everything = JSON.stringify(logs) + err.message + String(err.cause ?? '')
    expect(everything).not.toContain('a-wrong-secret-token')
    expect(everything).not.toContain(sim.token)
  })

  it('names the missing permission when the token is restricted, and does not retry', async () => {
    const { adapter, waits } = await setup({ permissions: ['Order:read', 'Customer:read'] })
    const err = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'auth' })
    expect(err.message).toMatch(/missing a permission: You need Order\.shippingAddress:read permission/)
    expect(waits).toEqual([])
  })

  it('waits at least Retry-After on 429 and then succeeds', async () => {
    const { adapter, waits, sim } = await setup({ faults: '429@nth=1' })
    const page = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    expect(page.orders).toHaveLength(10)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(1000)
    expect((await stats(sim)).byStatus['429']).toBe(1)
  })

  it('respects the simulator rate limit budget: a 429 from the real limiter is retried after its Retry-After', async () => {
    const { adapter, waits } = await setup({ rateLimits: { requests: 2 } })
    await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    await adapter.fetchOrdersPage({ since: null, page: 2, limit: 10 })
    // The third call meets the sim's 429; with sleeping recorded (not real) the retry meets it again until attempts run out.
    const err = await adapter.fetchOrdersPage({ since: null, page: 3, limit: 10 }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'retryable', status: 429 })
    expect(waits.every((w) => w >= 1000)).toBe(true)
    expect(waits).toHaveLength(4)
  })

  it('hands a long Retry-After back to the caller instead of sleeping through it', async () => {
    const { adapter, waits } = await setup({ faults: '429@nth=1&retryAfter=3600' })
    const err = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'retryable', status: 429, retryAfterSeconds: 3600 })
    expect(waits).toEqual([])
  })

  it('retries a 500 and a malformed body, marking them ambiguous', async () => {
    const { adapter, logs } = await setup({ faults: '500@nth=1,malformed@nth=2' })
    const page = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    expect(page.orders).toHaveLength(10)
    const warnings = logs.filter((l) => l.level === 'warn').map((l) => l.message)
    expect(warnings[0]).toMatch(/server problem \(500\)/)
    expect(warnings[1]).toMatch(/could not read/)
  })

  it('times out a call that never gets an answer, and retries it', async () => {
    const { adapter, logs } = await setup({ faults: 'timeout@nth=1' }, { timeoutMs: 300 })
    const page = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    expect(page.orders).toHaveLength(10)
    expect(logs.find((l) => l.level === 'warn')?.message).toMatch(/did not answer within/)
  })

  it('gives up after the last attempt with a retryable error for the engine', async () => {
    const { adapter, waits } = await setup({ faults: '503@every=1' }, { retry: { maxAttempts: 3 } })
    const err = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'retryable', status: 503, ambiguous: true })
    expect(waits).toHaveLength(2)
  })

  it('reports an unreachable Centra as offline', async () => {
    const { adapter, sim } = await setup({}, { retry: { maxAttempts: 1 } })
    await sim.close()
    const err = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'offline' })
    expect(err.message).toMatch(/cannot reach Centra at 127\.0\.0\.1/)
  })

  it('stops at once when cancelled', async () => {
    const { adapter } = await setup({ faults: 'latency:2000' })
    const controller = new AbortController()
    const pending = adapter.fetchOrdersPage({ since: null, page: 1, limit: 10, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const started = Date.now()
    const err = await pending.catch((e) => e)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(err).not.toBeInstanceOf(ConnectorError)
    expect(err.name).toMatch(/Abort/)
  })

  it('stops waiting for the rate limiter when cancelled', async () => {
    const { adapter, sim } = await setup({}, { limits: { requestsPer10s: 1 } })
    await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    const controller = new AbortController()
    const pending = adapter.fetchOrdersPage({ since: null, page: 2, limit: 10, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const started = Date.now()
    const err = await pending.catch((e) => e)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(err.name).toMatch(/Abort/)
    expect((await stats(sim)).byStatus['200']).toBe(1)
  })

  it('fetches all orders exactly once through 429, 500, timeout, malformed JSON and a dropped connection', async () => {
    const { adapter, sim } = await setup(
      { faults: '429@nth=2,500@nth=4,timeout@nth=6,malformed@nth=8,reset@nth=10,503@nth=12' },
      { timeoutMs: 300 },
    )
    const numbers = await fetchAll(adapter, 10)
    expect(numbers).toHaveLength(120)
    expect(new Set(numbers).size).toBe(120)
    expect((await stats(sim)).faultsFired).toBe(6)
  })

  it('keeps its own complexity budget, so paging waits instead of meeting 429s', { timeout: 25_000 }, async () => {
    // Sim allows 5 000 complexity points per 10 s; a 10-order page costs about 1 800.
    const { adapter, sim, waits } = await setup({ rateLimits: { complexity: 5_000 } }, { limits: { complexityPer10s: 4_000 } })
    const started = Date.now()
    const numbers: number[] = []
    for (let page = 1; page <= 3; page++) numbers.push(...(await adapter.fetchOrdersPage({ since: null, page, limit: 10 })).orders.map((o) => o.number))
    expect(new Set(numbers).size).toBe(30)
    expect((await stats(sim)).byStatus['429']).toBeUndefined()
    expect(waits).toEqual([])
    // The third page had to wait for the next 10-second window.
    expect(Date.now() - started).toBeGreaterThan(5_000)
  })

  it('pings and reads rate limits', async () => {
    const { adapter } = await setup()
    expect(await adapter.ping()).toEqual({ baseCurrency: 'EUR' })
    const limits = await adapter.rateLimits()
    expect(limits.find((l) => l.type === 'REQUEST_COUNT' && l.intervalSeconds === 'TEN_SECONDS')?.quota).toBe(60)
  })

  it('finds one order by number and answers null for an unknown one', async () => {
    const { adapter } = await setup()
    expect((await adapter.fetchOrderByNumber(1010))?.order.number).toBe(1010)
    expect(await adapter.fetchOrderByNumber(99_999)).toBeNull()
  })
})
