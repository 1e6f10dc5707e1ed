/**
 * Order to cash, end to end: N orders from the Centra simulator → plan → Business Central
 * simulator → read-back, with both simulators' documented rate limits on and network latency
 * on the ERP. Prints orders/s, where the time goes, the share of Business Central's request
 * budget used, and peak memory.
 *
 *   node bin/run-ts.mjs bench/orders-e2e.ts [orders=1000] [erpLatencyMs=50] [concurrency=4]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCentraSimulator } from '../src/sim/centra'
import { startBcSimulator } from '../src/sim/bc'
import { saveConfig, OrdersSettings, ScheduleSettings } from '../src/main/core/workspace/config'
import { writeSecrets } from '../src/main/core/workspace/secrets'
import { createCore } from '../src/main/core/core'

const orders = Number(process.argv[2] ?? 1000)
const latencyMs = Number(process.argv[3] ?? 50)
const concurrency = Number(process.argv[4] ?? 4)
const BC_BUDGET_PER_SECOND = 6000 / 300 // 6,000 requests per 5 minutes

const dir = mkdtempSync(join(tmpdir(), 'instep-bench-'))
const token = 'bench-token-0123456789'
const centra = await startCentraSimulator({ scenario: 'bench', orders, token, from: '2026-10-01T00:00:00Z', to: '2026-10-31T23:59:59Z' })
const bc = await startBcSimulator({ faults: `latency:${latencyMs}`, clientSecret: 'bench-secret' })
writeSecrets(dir, { centra: token, bc: 'bench-secret' })
saveConfig(dir, {
  version: 1,
  name: 'Benchmark',
  centra: { url: centra.url, token: { secret: 'centra' } },
  erp: { kind: 'business-central', baseUrl: bc.baseUrl, tokenUrl: bc.tokenUrl, companyId: bc.companyId, clientId: bc.clientId, clientSecret: { secret: 'bc' } },
  orders: OrdersSettings.parse({ pageSize: 100, shippingAccount: '6110', handlingAccount: '6120', postConcurrency: concurrency }),
  schedule: ScheduleSettings.parse({ ordersEveryMinutes: 0 }),
})

const core = createCore({ workspaceDir: dir, mode: 'cli', schedule: false })
const phases = new Map<string, number>()
let phase = ''
let phaseStart = performance.now()
let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
core.subscribe((event, payload) => {
  if (event !== 'sync.progress') return
  const p = payload as { phase: string; done: number; total: number | null }
  if (p.phase !== phase) {
    if (phase) phases.set(phase, (phases.get(phase) ?? 0) + performance.now() - phaseStart)
    phase = p.phase
    phaseStart = performance.now()
  }
})

const started = performance.now()
const run = await core.runner.wait(core.runner.start('orders', 'cli'))
const seconds = (performance.now() - started) / 1000
if (phase) phases.set(phase, (phases.get(phase) ?? 0) + performance.now() - phaseStart)
clearInterval(sampler)
const stats = (await (await fetch(`${bc.origin}/__admin/stats`)).json()) as Record<string, number>
const postingSeconds = (phases.get('posting') ?? 0) / 1000
const bcRequests = Number(stats.requests ?? stats.total ?? 0)

const c = run.counters
console.log(`orders end to end: ${orders} generated, run ${run.status}`)
console.log(`  read ${c.fetched}, posted ${c.posted}, already in ERP ${c.alreadyInErp}, blocked ${c.blocked}, failed ${c.failed}`)
console.log(`  total ${seconds.toFixed(1)} s → ${(c.posted / seconds).toFixed(1)} orders/s end to end`)
for (const [name, ms] of phases) console.log(`  phase ${name.padEnd(9)} ${(ms / 1000).toFixed(1)} s`)
console.log(`  Business Central requests: ${bcRequests} (${(bcRequests / Math.max(1, c.posted)).toFixed(2)} per posted order), throttled 429: ${stats.throttled429 ?? 0}, 503: ${stats.throttled503 ?? 0}, max in flight ${stats.maxInFlightSeen ?? '?'}`)
// BC allows 6,000 requests in any 5-minute window: over a short run all of them may come at once,
// so the share is only meaningful for runs longer than the window.
const allowed = Math.max(6000, BC_BUDGET_PER_SECOND * seconds)
console.log(
  `  request rate ${(bcRequests / seconds).toFixed(1)}/s; budget share ${((bcRequests / allowed) * 100).toFixed(0)} % of what BC allows in ${seconds.toFixed(0)} s` +
    (seconds < 300 ? ' (run shorter than BC\'s 5-minute window: the share is not yet a sustained figure)' : ''),
)
console.log(`  posting phase: ${(c.posted / Math.max(postingSeconds, 0.001)).toFixed(1)} orders/s`)
console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`)

await core.close()
await Promise.all([centra.close(), bc.close()])
rmSync(dir, { recursive: true, force: true })
