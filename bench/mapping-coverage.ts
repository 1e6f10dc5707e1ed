/**
 * SKU coverage and order trace on a large store: N orders with 3 lines each over S SKUs, 90 % of
 * them mapped, a third of the orders not yet in the ERP. Prints how long one page of the Mapping
 * screen (all, not mapped, search) and one order trace take, as the screens ask for them.
 *
 *   node bin/run-ts.mjs bench/mapping-coverage.ts [orders=50000] [skus=20000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/core/db/open'
import { createRepos } from '../src/main/core/db/repos'
import { mappingHandlers } from '../src/main/core/domains/mapping/handlers'
import { traceHandlers } from '../src/main/core/domains/trace/handlers'
import type { HandlerContext } from '../src/main/core/rpc/handlers'
import { storeOrder } from '../test/helpers/fake-connectors'

const orders = Number(process.argv[2] ?? 50_000)
const skus = Number(process.argv[3] ?? 20_000)
const dir = mkdtempSync(join(tmpdir(), 'instep-bench-mapping-'))
const db = openDatabase(join(dir, 'instep.db'))
const repos = createRepos(db)
const at = '2026-11-01T00:00:00.000Z'

const t0 = performance.now()
repos.tx(() => {
  repos.mapping.upsertItems(
    Array.from({ length: skus }, (_, i) => ({ id: `i${i}`, number: `ITEM-${i}`, displayName: `Item ${i}`, gtin: `7300${String(i).padStart(9, '0')}` })),
    at,
  )
  for (let i = 0; i < skus; i++) {
    if (i % 10 !== 0) repos.mapping.addIfAbsent({ sku: `SKU-${i}`, ean: null, erpItemNumber: `ITEM-${i}`, origin: 'auto', matchedBy: 'sku' }, at)
  }
  for (let n = 1; n <= orders; n++) {
    const skuAt = (k: number) => `SKU-${(n * 7 + k * 13) % skus}`
    const order = storeOrder(n, [0, 1, 2].map((k) => ({ sku: skuAt(k), qty: 1 + (k % 2) })), { customerEmail: null, customerName: null })
    repos.orders.upsert(order, {}, `h${n}`, at)
    if (n % 3 !== 0) {
      repos.postings.plan(order.centraId, `K-${n}`, 'h', '{"lines":[]}', 'planned', at)
      repos.postings.markPosted(order.centraId, { remoteId: `r${n}`, remoteNumber: `SO${n}`, totalInclTaxMinor: 40_000, totalTaxMinor: 8_000 }, at)
    }
  }
})
const loadMs = performance.now() - t0

const ctx = { repos, clock: () => new Date('2026-11-02T00:00:00Z') } as unknown as HandlerContext
function time(label: string, fn: () => unknown, runs = 5): void {
  fn() // warm the statement cache
  const t = performance.now()
  for (let i = 0; i < runs; i++) fn()
  console.log(`${label.padEnd(48)} ${((performance.now() - t) / runs).toFixed(1).padStart(8)} ms`)
}

console.log(`${orders} orders × 3 lines, ${skus} SKUs (90 % mapped), ${Math.floor(orders / 3)} orders not in the ERP; loaded in ${(loadMs / 1000).toFixed(1)} s`)
time('Mapping · all SKUs, page 1 (25)', () => mappingHandlers['mapping.listSkus']({ status: 'all', limit: 25, offset: 0 }, ctx))
time('Mapping · not mapped, page 1 (25)', () => mappingHandlers['mapping.listSkus']({ status: 'unmapped', limit: 25, offset: 0 }, ctx))
time('Mapping · all SKUs, page 400 (25)', () => mappingHandlers['mapping.listSkus']({ status: 'all', limit: 25, offset: 10_000 }, ctx))
time('Mapping · search "SKU-123"', () => mappingHandlers['mapping.listSkus']({ status: 'all', search: 'SKU-123', limit: 25, offset: 0 }, ctx))
time('Mapping · item search "ITEM-99"', () => mappingHandlers['mapping.searchItems']({ search: 'ITEM-99', limit: 8 }, ctx))
time('Mapping · export CSV (whole map)', () => mappingHandlers['mapping.exportCsv']({}, ctx), 2)
time('Order trace · one order', () => traceHandlers['trace.getOrder']({ number: Math.floor(orders / 2) }, ctx), 20)

db.close()
rmSync(dir, { recursive: true, force: true })
