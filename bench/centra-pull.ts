/**
 * Pull N orders through the Centra simulator with its rate limits on (requests, mutations and
 * complexity per 10 s), the way the order sync pages them. The client is set to the budget the
 * simulator reports through Centra's own `rateLimits` query, as a production client should be.
 * Prints orders/s, the share of the request budget used, and peak memory.
 *
 *   node bin/run-ts.mjs bench/centra-pull.ts [orders=100000] [pageSize=50, the order sync's default]
 */
import { startCentraSimulator } from '../src/sim/centra'
import { createCentraAdapter } from '../src/main/core/sync/connectors/centra'

const orders = Number(process.argv[2] ?? 100_000)
const pageSize = Number(process.argv[3] ?? 50)

const sim = await startCentraSimulator({ scenario: 'bench', orders, token: 'bench-token-centra' })
const probe = createCentraAdapter({ baseUrl: sim.url, token: sim.token })
const limits = await probe.rateLimits()
const quota = (type: string) => limits.find((l) => l.type === type && l.intervalSeconds === 'TEN_SECONDS')?.quota
const requestsPer10s = quota('REQUEST_COUNT') ?? 60
const complexityPer10s = quota('QUERY_COMPLEXITY') ?? 250_000
// Wait out the probe's own request so the measured window starts with a full budget.
await new Promise((r) => setTimeout(r, 10_500))

const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, limits: { requestsPer10s, complexityPer10s } })
let peakHeap = 0
let peakRss = 0
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  peakHeap = Math.max(peakHeap, m.heapUsed)
  peakRss = Math.max(peakRss, m.rss)
}, 200)

const started = performance.now()
let fetched = 0
let pages = 0
const seen = new Set<number>()
for (let page = 1; ; page++) {
  const result = await adapter.fetchOrdersPage({ since: null, page, limit: pageSize })
  pages++
  for (const o of result.orders) seen.add(o.number)
  fetched += result.orders.length
  if (pages % 50 === 0) process.stdout.write(`  … ${fetched} orders after ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
  if (!result.hasMore) break
}
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
const stats = (await (await fetch(`${sim.baseUrl}/__admin/stats`)).json()) as {
  requests: number
  rateLimited: number
  rateLimits: { type: string; intervalSeconds: string; quota: number; usedQuota: number }[]
}
// A window-based budget allows one full window at the start, then one per 10 s.
const windows = Math.floor(seconds / 10) + 1
const budget = windows * requestsPer10s
const hourly = (type: string) => stats.rateLimits.find((l) => l.type === type && l.intervalSeconds === 'ONE_HOUR')
const complexityUsed = hourly('QUERY_COMPLEXITY')?.usedQuota ?? 0
// The hourly window caps the total over any hour; within one hour it is not pro-rated.
const complexityBudget = Math.min(windows * complexityPer10s, (hourly('QUERY_COMPLEXITY')?.quota ?? Infinity) * Math.ceil(seconds / 3600))

console.log(`Centra pull: ${orders} orders in the simulator, page size ${pageSize}`)
console.log(`  fetched ${fetched} (${seen.size} distinct) in ${pages} pages, ${seconds.toFixed(1)} s → ${(fetched / seconds).toFixed(0)} orders/s`)
console.log(`  budget reported by rateLimits: ${requestsPer10s} requests and ${complexityPer10s} complexity per 10 s`)
console.log(`  requests used ${pages} of ${budget.toFixed(0)} allowed in that time → ${((pages / budget) * 100).toFixed(0)} % of the request budget; 429s seen: ${stats.rateLimited}`)
console.log(`  complexity used ${complexityUsed} (${(complexityUsed / Math.max(1, fetched)).toFixed(0)} per order) of ${complexityBudget.toFixed(0)} allowed → ${((complexityUsed / complexityBudget) * 100).toFixed(0)} % of the complexity budget (the binding one)`)
console.log(`  hourly complexity quota ${hourly('QUERY_COMPLEXITY')?.quota}: at this cost at most ${(((hourly('QUERY_COMPLEXITY')?.quota ?? 0) / Math.max(1, complexityUsed / Math.max(1, fetched)))).toFixed(0)} orders per hour`)
console.log(`  peak heap ${(peakHeap / 1024 / 1024).toFixed(0)} MB, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`)
await sim.close()
process.exit(0)
