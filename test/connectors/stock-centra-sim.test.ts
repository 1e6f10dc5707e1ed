/**
 * The stock job against the Centra simulator through the real connector: levels per size per
 * warehouse in the simulator, read back as Centra's per-size totals.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import { STOCK_QUANTITY_COST } from '../../src/sim/centra/complexity'
import { createCentraAdapter, type CentraAdapter } from '../../src/main/core/sync/connectors/centra'
import { centraStockSink } from '../../src/main/core/connect/centra-stock'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos, type Repos } from '../../src/main/core/db/repos'
import { createStockJob, DEFAULT_STOCK_SETTINGS, STOCK_LISTS_KEY, type StockLists, type StockSettings } from '../../src/main/core/sync/engine/stock-sync'
import type { JobContext } from '../../src/main/core/sync/engine/job-runner'
import type { ErpStockRow, StoreStockSink } from '../../src/main/core/sync/ports'

let sim: RunningCentraSim
let centra: CentraAdapter
let sink: StoreStockSink
let dir: string
let repos: Repos
let skus: { sku: string; variantId: number; sizeId: number }[]
/** the ERP's stock: per SKU, [MAIN, US-EAST] */
let erp: Map<string, [number, number]>

// free-to-allocate levels: what Instep sets is exactly what Centra's total reads back, whatever is allocated
const settings = (over: Partial<StockSettings> = {}): StockSettings => ({
  ...DEFAULT_STOCK_SETTINGS,
  warehouses: { '1': 'MAIN', '2': 'US-EAST' },
  quantityType: 'FREE_TO_ALLOCATE',
  batchSize: 10,
  maxChangeShare: 1,
  maxZeroShare: 1,
  maxZeroCount: 1e9,
  ...over,
})
let current = settings()
const erpRows = (): ErpStockRow[] =>
  [...erp].flatMap(([sku, [main, us]]) => [
    { itemNumber: `IT-${sku}`, location: 'MAIN', quantity: main },
    { itemNumber: `IT-${sku}`, location: 'US-EAST', quantity: us },
  ])
let extraRows: ErpStockRow[] = []
let t = Date.parse('2026-11-01T10:00:00Z')
const deps = () => ({
  repos,
  clock: () => new Date((t += 1000)),
  settings: () => current,
  connect: () => ({ erp: { readStock: async () => [...erpRows(), ...extraRows] }, store: sink }),
})
const ctx = (): JobContext => ({ runId: 1, scope: {}, signal: new AbortController().signal, counters: { fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 }, progress() {} })
const run = (mode: 'delta' | 'full') => createStockJob(deps(), mode)(ctx())

const admin = async (path: string, body?: unknown) =>
  (await fetch(`${sim.baseUrl}/__admin/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<
    Record<string, unknown>
  >
const setStockCalls = async () => ((await admin('stats')).byOperation as Record<string, number>).setStock ?? 0
const totals = async () => new Map((await sink.readLevels()).map((s) => [s.sku, s.total]))
const expectCentraMatchesErp = async () => {
  const read = await totals()
  for (const [sku, [main, us]] of erp) expect([sku, read.get(sku)]).toEqual([sku, main + us])
}

beforeAll(async () => {
  sim = await startCentraSimulator({ seed: 11, rateLimits: false })
  // no waiting in retries or for the budget; a lost answer shows within half a second
  centra = createCentraAdapter({ baseUrl: sim.url, token: sim.token, timeoutMs: 500, sleep: async () => {}, limits: { requestsPer10s: 10_000, mutationsPer10s: 10_000 } })
  sink = centraStockSink(centra, () => current.quantityType)
  skus = sim.catalog.products.flatMap((p) => p.variants.flatMap((v) => v.sizes.map((s) => ({ sku: s.sku, variantId: v.centraVariantId, sizeId: s.centraSizeId }))))
})
afterAll(() => sim.close())

beforeEach(async () => {
  await admin('reset', {})
  dir = mkdtempSync(join(tmpdir(), 'instep-stock-sim-'))
  repos = createRepos(openDatabase(join(dir, 'instep.db')))
  const ins = repos.db.prepare(`INSERT INTO sku_map (sku, erp_item_number, origin, matched_by, updated_at) VALUES (?, ?, 'manual', 'manual', '2026-01-01')`)
  for (const s of skus) ins.run(s.sku, `IT-${s.sku}`)
  erp = new Map(skus.map((s, i) => [s.sku, [(i * 7) % 30, (i * 11) % 20]]))
  extraRows = []
  current = settings()
  // the first sweep sets every warehouse (nothing was pushed yet, so no level is known)
  await run('full')
  await expectCentraMatchesErp()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const changeMain = (n: number, to: (q: number) => number) => {
  for (const s of skus.slice(0, n)) {
    const [main, us] = erp.get(s.sku)!
    erp.set(s.sku, [to(main), us])
  }
}

describe('stock sync against the Centra simulator', () => {
  it('the first sweep set every size of both warehouses in ⌈sizes / batch⌉ calls per warehouse', async () => {
    expect(await setStockCalls()).toBe(2 * Math.ceil(skus.length / 10))
  })

  it('a sweep pushes only the changed sizes, in ⌈changed / batch⌉ setStock calls', async () => {
    const before = await setStockCalls()
    changeMain(23, (q) => q + 5)
    await run('full')
    expect((await setStockCalls()) - before).toBe(3)
    const [push] = repos.stock.recent(1)
    expect(push).toMatchObject({ state: 'done', sizesChanged: 23, calls: 3 })
    await expectCentraMatchesErp()
    // nothing changed since: nothing is sent
    await run('full')
    expect((await setStockCalls()) - before).toBe(3)
  })

  it('a lost answer midway stops the run; the next run resends only rows not known applied, and levels end right', async () => {
    changeMain(30, (q) => q + 2)
    const before = await setStockCalls()
    // request 1 reads the sizes; the 2nd setStock (request 3) is applied but its answer never comes
    await admin('faults', { spec: 'after:timeout@nth=3' })
    await expect(run('delta')).rejects.toThrow()
    await admin('faults', { spec: '' })
    expect((await setStockCalls()) - before).toBe(2)
    const states = repos.db.prepare(`SELECT state, COUNT(*) AS n FROM stock_push_rows WHERE push_id = (SELECT MAX(id) FROM stock_pushes) GROUP BY state ORDER BY state`).all()
    expect(states).toEqual([{ state: 'applied', n: 10 }, { state: 'pending', n: 10 }, { state: 'sent', n: 10 }])
    await run('delta')
    // the 'sent' batch again (absolute levels: harmless) and the pending one; the applied batch is not resent
    expect((await setStockCalls()) - before).toBe(4)
    const [push] = repos.stock.recent(1)
    expect(push).toMatchObject({ state: 'done', sizesChanged: 30, calls: 4 })
    await expectCentraMatchesErp()
  })

  it('a 429 midway is waited out inside the run: every level lands once', async () => {
    changeMain(30, (q) => q + 1)
    const before = await setStockCalls()
    await admin('faults', { spec: '429@nth=3' })
    await run('delta')
    await admin('faults', { spec: '' })
    expect((await setStockCalls()) - before).toBe(3)
    await expectCentraMatchesErp()
  })

  it('a size Centra refuses is reported by SKU; the other sizes of the call are set', async () => {
    const [a, b, c] = skus
    const res = await sink.setStock({
      warehouseId: 1,
      quantityType: 'FREE_TO_ALLOCATE',
      description: 'test',
      levels: [
        { sku: a.sku, variantId: a.variantId, sizeId: a.sizeId, quantity: 3 },
        { sku: 'NO-SUCH-SIZE', variantId: b.variantId, sizeId: 999_999, quantity: 1 },
        { sku: c.sku, variantId: c.variantId, sizeId: c.sizeId, quantity: 4 },
      ],
    })
    expect(res.rejected).toEqual([{ sku: 'NO-SUCH-SIZE', message: expect.stringContaining('Could not find size') }])
    expect(res.stockChangeIds).toHaveLength(1)
    const read = await totals()
    expect(read.get(a.sku)).toBe(3 + erp.get(a.sku)![1])
    expect(read.get(c.sku)).toBe(4 + erp.get(c.sku)![1])
  })

  it('holds a mass drop to zero for review and sends nothing', async () => {
    current = settings({ maxZeroShare: 0.2, maxZeroCount: 200 })
    const before = await setStockCalls()
    changeMain(60, () => 0)
    const out = await run('delta')
    expect(out.incomplete).toBe(true)
    expect(await setStockCalls()).toBe(before)
    const [held] = repos.stock.withState('held')
    expect(held.reason).toMatch(/would drop to zero/)
    expect(repos.db.prepare(`SELECT COUNT(*) AS n FROM exceptions WHERE category = 'stock_push_held'`).get()).toEqual({ n: 1 })
  })

  it('lists an ERP item no size is mapped to and a Centra size with no ERP record, and guesses neither', async () => {
    const lonely = skus[5]
    repos.db.prepare('DELETE FROM sku_map WHERE sku = ?').run(lonely.sku)
    const lonelyTotal = (await totals()).get(lonely.sku)
    extraRows = [{ itemNumber: 'GHOST-1', location: 'MAIN', quantity: 9 }]
    erp.set(lonely.sku, [99, 99])
    await run('full')
    const lists = JSON.parse(repos.cursors.get(STOCK_LISTS_KEY)!) as StockLists
    expect(lists.unmappedItems).toEqual(['GHOST-1', `IT-${lonely.sku}`])
    expect(lists.withoutErpRecord).toEqual([lonely.sku])
    expect((await totals()).get(lonely.sku)).toBe(lonelyTotal)
  })

  it('a change made in Centra by hand shows as drift and is listed; the sweep puts it right', async () => {
    const s = skus[0]
    await centra.changeStock({ intoWarehouseId: 2, description: 'count correction', changes: [{ variantId: s.variantId, size: { id: s.sizeId }, quantity: 4 }] })
    await run('delta')
    const lists = JSON.parse(repos.cursors.get(STOCK_LISTS_KEY)!) as StockLists
    const [main, us] = erp.get(s.sku)!
    expect(lists.handEdited).toEqual([{ sku: s.sku, warehouseId: 0, pushed: main + us, centra: main + us + 4 }])
    expect(repos.stock.worstDrift(repos.stock.latestSnapshotAt()!, 5, 0).items).toEqual([{ sku: s.sku, warehouseId: 0, erpQty: main + us, centraQty: main + us + 4, drift: 4 }])
    await run('full')
    await expectCentraMatchesErp()
    expect(repos.stock.worstDrift(repos.stock.latestSnapshotAt()!, 5, 0).total).toBe(0)
  })

  it('keeps a history row only for sizes that drift, drifted at the last run, moved in the ERP or were pushed', async () => {
    const rows = () => repos.db.prepare('SELECT sku, drift FROM stock_snapshots WHERE taken_at = ? AND erp_qty IS NOT NULL ORDER BY sku').all(repos.stock.latestSnapshotAt()) as { sku: string; drift: number }[]
    expect(rows()).toHaveLength(skus.length) // the first sweep: every size
    changeMain(3, (q) => q + 1)
    await run('delta')
    expect(rows().map((r) => r.sku)).toEqual(skus.slice(0, 3).map((s) => s.sku).sort())
    const s = skus[10]
    await centra.changeStock({ intoWarehouseId: 1, description: 'found in the back room', changes: [{ variantId: s.variantId, size: { id: s.sizeId }, quantity: 2 }] })
    await run('delta')
    expect(rows()).toEqual([{ sku: s.sku, drift: 2 }])
    await run('full')
    expect(rows()).toEqual([{ sku: s.sku, drift: 0 }])
    const before = repos.stock.latestSnapshotAt()
    await run('full')
    expect(repos.stock.latestSnapshotAt()).toBe(before) // nothing new to record
  })

  it('reads free-to-allocate at no complexity cost; physical stock costs more', async () => {
    await centra.listSizeStock({ page: 1, limit: 50, quantity: 'FREE_TO_ALLOCATE' })
    const free = Number(centra.client.lastExtensions()?.complexity)
    await centra.listSizeStock({ page: 1, limit: 50, quantity: 'PHYSICAL' })
    const physical = Number(centra.client.lastExtensions()?.complexity)
    expect(physical - free).toBe(50 * STOCK_QUANTITY_COST)
  })
})
