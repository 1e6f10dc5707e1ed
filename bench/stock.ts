/**
 * Stock at scale: N sizes (default 200 000) × 2 warehouses, 2 % of levels changed in the ERP
 * since the last push. Data is generated straight into the store and in memory (no HTTP for
 * the read). Prints: time to read what was last pushed + the SKU map and diff (goal < 2 s) on
 * the first run after start (from the store) and on later runs (from the job's memory), the
 * setStock calls used vs the optimum ⌈changed / batch size⌉ per warehouse and vs one call per
 * size, the time the whole job takes in Instep (record, push to an instant Centra stand-in,
 * snapshot), and the push time inside Centra's mutation budget (20 calls / 10 s) — computed
 * from the budget, not pushed to the simulator.
 *
 *   node bin/run-ts.mjs bench/stock.ts [sizes=200000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/core/db/open'
import { createRepos } from '../src/main/core/db/repos'
import { createStockJob, DEFAULT_STOCK_SETTINGS, planStock } from '../src/main/core/sync/engine/stock-sync'
import { stockMemory } from '../src/main/core/sync/engine/stock-memory'
import type { ErpStockRow, StoreStockSink, StoreStockSize } from '../src/main/core/sync/ports'

const n = Number(process.argv[2] ?? 200_000)
const BUDGET_CALLS = 20
const BUDGET_WINDOW_S = 10
const dir = mkdtempSync(join(tmpdir(), 'instep-bench-stock-'))
const repos = createRepos(openDatabase(join(dir, 'instep.db')))
const settings = { ...DEFAULT_STOCK_SETTINGS }
const at = '2026-11-01T00:00:00.000Z'

// steady state: every size mapped, last pushed level = Centra's level = the old ERP level
const base = (i: number, wh: number) => ((i * 7 + wh * 13) % 50) + 1
// Centra reads back one total per size (stockTotals); the stand-in keeps both warehouses to add up
const levels = Array.from({ length: n }, (_, i) => [base(i, 1), base(i, 2)])
const sizes: StoreStockSize[] = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, sizeId: i, variantId: 1_000_000 + i, total: base(i, 1) + base(i, 2) }))
repos.tx(() => {
  const ins = repos.db.prepare(`INSERT INTO sku_map (sku, erp_item_number, origin, matched_by, updated_at) VALUES (?, ?, 'auto', 'sku', ?)`)
  for (let i = 0; i < n; i++) ins.run(`SKU-${i}`, `I${i}`, at)
  for (let i = 0; i < n; i++) for (const wh of [1, 2]) repos.stock.markDone(0, { sku: `SKU-${i}`, warehouseId: wh, afterQty: base(i, wh) }, { applied: true, stockChangeIds: [], error: null }, at)
  repos.stock.setErpLevels(sizes.flatMap((s, i) => [1, 2].map((wh) => ({ sku: s.sku, warehouseId: wh, erpQty: base(i, wh) }))))
})
// 2 % of the 2n levels change; every 50th of those goes to zero (160: under the 200 guardrail)
const erpRows: ErpStockRow[] = []
let changedWanted = 0
for (let i = 0; i < n; i++) {
  for (const [wh, loc] of [[1, 'MAIN'], [2, 'US-EAST']] as const) {
    const change = (i * 2 + wh) % 50 === 0
    if (change) changedWanted++
    erpRows.push({ itemNumber: `I${i}`, location: loc, quantity: change ? (changedWanted % 50 === 0 ? 0 : base(i, wh) + 3) : base(i, wh) })
  }
}

const c0 = process.cpuUsage()
const t0 = performance.now()
const skusByItem = repos.stock.skusByItem()
const last = repos.stock.lastBySku()
const t1 = performance.now()
const plan = planStock({ erpRows, sizes, skusByItem, last, settings, mode: 'delta' })
const t2 = performance.now()
const cpu = process.cpuUsage(c0)

const batch = settings.batchSize
const perWarehouse = new Map<number, number>()
for (const c of plan.changes) perWarehouse.set(c.warehouseId, (perWarehouse.get(c.warehouseId) ?? 0) + 1)
const optimum = [...perWarehouse.values()].reduce((sum, k) => sum + Math.ceil(k / batch), 0)

let calls = 0
const sink: StoreStockSink = {
  readLevels: async () => sizes,
  setStock: async ({ warehouseId, levels: batch }) => {
    calls++
    for (const l of batch) {
      levels[l.sizeId][warehouseId - 1] = l.quantity
      sizes[l.sizeId].total = levels[l.sizeId][0] + levels[l.sizeId][1]
    }
    return { stockChangeIds: [calls], rejected: [] }
  },
}
let tick = Date.parse(at)
const job = createStockJob({ repos, clock: () => new Date((tick += 1)), settings: () => settings, connect: () => ({ erp: { readStock: async () => erpRows }, store: sink }) }, 'delta')
const t3 = performance.now()
await job({ runId: 1, scope: {}, signal: new AbortController().signal, counters: { fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 }, progress() {} })
const t4 = performance.now()

// Every later run: the job kept what it read and wrote in memory (the SKU map is re-read only
// when its version moved), so only the diff remains. Another 2 % of levels change.
let moved = 0
for (let i = 0; i < n; i++) {
  for (const wh of [1, 2]) {
    if ((i * 2 + wh) % 50 !== 1) continue
    moved++
    erpRows[i * 2 + wh - 1].quantity += 2
  }
}
const memory = stockMemory(repos)
const c5 = process.cpuUsage()
const t5 = performance.now()
const warm = planStock({ erpRows, sizes, skusByItem: memory.skusByItem(), last: memory.lastLevels(), settings, mode: 'delta' })
const t6 = performance.now()
const cpuWarm = process.cpuUsage(c5)

const pushSeconds = Math.max(0, calls - BUDGET_CALLS) / (BUDGET_CALLS / BUDGET_WINDOW_S)
const ms = (x: number) => `${Math.round(x)} ms`
console.log(`stock bench: ${n} sizes × 2 warehouses = ${2 * n} levels, ${plan.changes.length} changed (${((plan.changes.length / (2 * n)) * 100).toFixed(1)} %), ${plan.toZero} to zero, held: ${plan.holdReason ? 'yes' : 'no'}`)
console.log(`  read last pushed + SKU map from the store   ${ms(t1 - t0)}`)
console.log(`  diff (plan, urgent first)                   ${ms(t2 - t1)}`)
console.log(`  read + diff, first run after start          ${ms(t2 - t0)}  (goal < 2000 ms) ${t2 - t0 < 2000 ? 'OK' : 'OVER'}; CPU time ${ms((cpu.user + cpu.system) / 1000)} (wall time also counts other work on a busy machine)`)
console.log(`  read + diff, every later run (from memory)  ${ms(t6 - t5)}  (goal < 2000 ms) ${t6 - t5 < 2000 ? 'OK' : 'OVER'}; CPU time ${ms((cpuWarm.user + cpuWarm.system) / 1000)}; ${warm.changes.length} changed of ${moved} moved`)
console.log(`  setStock calls used                         ${calls}  (optimum ⌈changed / ${batch}⌉ per warehouse: ${optimum}; one call per size: ${plan.changes.length})`)
const kept = (repos.db.prepare('SELECT COUNT(*) AS n FROM stock_snapshots').get() as { n: number }).n
console.log(`  whole job in Instep (record, push to an instant stand-in, history rows kept: ${kept})  ${ms(t4 - t3)}`)
console.log(`  push inside Centra's budget (${BUDGET_CALLS} calls / ${BUDGET_WINDOW_S} s, computed from the budget): ~${pushSeconds.toFixed(1)} s; one call per size: ~${(Math.max(0, plan.changes.length - BUDGET_CALLS) / (BUDGET_CALLS / BUDGET_WINDOW_S) / 60).toFixed(0)} min`)
rmSync(dir, { recursive: true, force: true })
