import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos, type Repos } from '../../src/main/core/db/repos'
import { createStockJob, DEFAULT_STOCK_SETTINGS, planStock, type StockSettings } from '../../src/main/core/sync/engine/stock-sync'
import type { JobContext } from '../../src/main/core/sync/engine/job-runner'
import type { ErpStockRow, StoreStockSink, StoreStockSize } from '../../src/main/core/sync/ports'

type FakeSize = Omit<StoreStockSize, 'total'> & { levels: Record<number, number> }

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'instep-stock-'))
  const repos = createRepos(openDatabase(join(dir, 'instep.db')))
  return { repos, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

function mapSkus(repos: Repos, pairs: [string, string][]) {
  const ins = repos.db.prepare(`INSERT INTO sku_map (sku, erp_item_number, origin, matched_by, updated_at) VALUES (?, ?, 'manual', 'manual', '2026-01-01')`)
  for (const [sku, item] of pairs) ins.run(sku, item)
}

/** A Centra stand-in: levels per size and warehouse, read back as one total per size as Centra does; a call log, a refusal list and an optional crash. */
function fakeCentra(sizes: FakeSize[]) {
  const calls: { warehouseId: number; skus: string[] }[] = []
  const state = { refuse: new Set<string>(), failOnCall: 0 }
  const sink: StoreStockSink = {
    async readLevels() {
      return sizes.map((s) => ({ sku: s.sku, sizeId: s.sizeId, variantId: s.variantId, total: Object.values(s.levels).reduce((t, q) => t + q, 0) }))
    },
    async setStock({ warehouseId, levels }) {
      calls.push({ warehouseId, skus: levels.map((l) => l.sku) })
      const rejected: { sku: string; message: string }[] = []
      for (const l of levels) {
        if (state.refuse.has(l.sku)) {
          rejected.push({ sku: l.sku, message: 'Size is not active' })
          continue
        }
        sizes.find((s) => s.sku === l.sku)!.levels[warehouseId] = l.quantity
      }
      // the levels landed, but the answer is lost: the run stops here
      if (state.failOnCall === calls.length) throw new Error('connection reset')
      return { stockChangeIds: [calls.length], rejected }
    },
  }
  return { sink, calls, state, level: (sku: string, wh: number) => sizes.find((s) => s.sku === sku)!.levels[wh] }
}

function ctx(): JobContext {
  return { runId: 1, scope: {}, signal: new AbortController().signal, counters: { fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 }, progress() {} }
}

const settings = (over: Partial<StockSettings> = {}): StockSettings => ({ ...DEFAULT_STOCK_SETTINGS, warehouses: { '1': 'MAIN' }, maxChangeShare: 1, maxZeroShare: 1, maxZeroCount: 1e9, ...over })
const size = (n: number, levels: Record<number, number> = { 1: 10 }): FakeSize => ({ sku: `SKU-${n}`, sizeId: n, variantId: 1000 + n, levels })
const totals = (sizes: FakeSize[]): StoreStockSize[] => sizes.map(({ levels, ...s }) => ({ ...s, total: Object.values(levels).reduce((t, q) => t + q, 0) }))

describe('stock plan', () => {
  it('maps ERP items to SKUs and locations to warehouses, subtracts the buffer and lists what it cannot place', () => {
    const plan = planStock({
      erpRows: [
        { itemNumber: 'I1', location: 'MAIN', quantity: 12 },
        { itemNumber: 'I2', location: 'MAIN', quantity: 1 },
        { itemNumber: 'I3', location: 'MAIN', quantity: 5 },
        { itemNumber: 'I4', location: 'MAIN', quantity: 5 },
        { itemNumber: 'I1', location: 'OUTLET', quantity: 5 },
      ],
      // SKU-10 has no ERP record either, but at zero in Centra it is not selling: not listed
      sizes: totals([size(1), size(2), size(9), size(10, { 1: 0 })]),
      skusByItem: new Map([['I1', ['SKU-1']], ['I2', ['SKU-2']], ['I3', ['SKU-3a', 'SKU-3b']]]),
      last: new Map(),
      settings: settings({ buffers: { '1': 2 } }),
      mode: 'full',
    })
    expect(plan.changes.map((c) => [c.sku, c.beforeQty, c.afterQty, c.urgent])).toEqual([
      ['SKU-2', 10, 0, true], // 1 − buffer 2 floors at 0: urgent, first
    ])
    expect(plan.unmappedItems).toEqual(['I4'])
    expect(plan.ambiguousItems).toEqual([{ itemNumber: 'I3', skus: ['SKU-3a', 'SKU-3b'] }])
    expect(plan.unmappedLocations).toEqual(['OUTLET'])
    expect(plan.withoutErpRecord).toEqual(['SKU-9'])
  })

  it('sends an ERP variant\'s stock to the SKU mapped to that variant; an item total over variant-mapped sizes is not split', () => {
    const plan = planStock({
      erpRows: [
        { itemNumber: 'TEE', variant: 'M', location: 'MAIN', quantity: 4 },
        { itemNumber: 'TEE', variant: 'L', location: 'MAIN', quantity: 6 },
        { itemNumber: 'TEE', variant: 'XS', location: 'MAIN', quantity: 1 },
        { itemNumber: 'CAP', location: 'MAIN', quantity: 9 },
        { itemNumber: 'MUG', variant: 'RED', location: 'MAIN', quantity: 2 },
        { itemNumber: 'MUG', variant: 'BLUE', location: 'MAIN', quantity: 3 },
      ],
      sizes: totals([size(1, { 1: 0 }), size(2, { 1: 0 }), size(3, { 1: 0 }), size(4, { 1: 0 })]),
      skusByItem: new Map([
        ['TEE\u0000M', ['SKU-1']],
        ['TEE\u0000L', ['SKU-2']],
        ['CAP\u0000ONE', ['SKU-3']],
        ['MUG', ['SKU-4']],
      ]),
      last: new Map(),
      settings: settings(),
      mode: 'full',
    })
    expect(plan.changes.map((c) => [c.sku, c.afterQty]).sort()).toEqual([
      ['SKU-1', 4],
      ['SKU-2', 6],
      ['SKU-4', 5], // variants summed to the SKU mapped to the item
    ])
    expect(plan.unmappedItems).toEqual(['TEE / XS'])
    expect(plan.ambiguousItems).toEqual([{ itemNumber: 'CAP', skus: ['SKU-3'] }])
  })

  it('holds a run where an unusual share of sizes would drop to zero, with the numbers', () => {
    const sizes = Array.from({ length: 10 }, (_, i) => size(i))
    const plan = planStock({
      erpRows: sizes.map((s, i) => ({ itemNumber: `I${i}`, location: 'MAIN', quantity: i < 3 ? 0 : 10 })),
      sizes: totals(sizes),
      skusByItem: new Map(sizes.map((s, i) => [`I${i}`, [s.sku]])),
      last: new Map(),
      settings: { ...DEFAULT_STOCK_SETTINGS, warehouses: { '1': 'MAIN' } },
      mode: 'full',
    })
    expect(plan.toZero).toBe(3)
    expect(plan.holdReason).toContain('3 of 10 sizes would drop to zero')
  })
})

describe('stock plan over Centra totals (two warehouses)', () => {
  const two = settings({ warehouses: { '1': 'MAIN', '2': 'US-EAST' } })
  const erpRows = [
    { itemNumber: 'I1', location: 'MAIN', quantity: 7 },
    { itemNumber: 'I1', location: 'US-EAST', quantity: 3.9 },
  ]
  const sku = (total: number | null): StoreStockSize[] => [{ sku: 'SKU-1', sizeId: 1, variantId: 1001, total }]
  // per SKU: [warehouseId, erp, pushed, …]
  const last = (erp: [number, number], pushed: [number, number]) => new Map([['SKU-1', [1, erp[0], pushed[0], 2, erp[1], pushed[1]]]])
  const plan = (total: number | null, l: ReturnType<typeof last>, mode: 'delta' | 'full') =>
    planStock({ erpRows, sizes: sku(total), skusByItem: new Map([['I1', ['SKU-1']]]), last: l, settings: two, mode })

  it('trusts what was pushed while Centra\'s total still equals its sum, and floors part units', () => {
    const p = plan(12, last([7, 5], [7, 5]), 'delta')
    expect(p.changes.map((c) => [c.warehouseId, c.beforeQty, c.afterQty])).toEqual([[2, 5, 3]])
    expect(p.handEdited).toEqual([])
    expect(p.snapshots).toEqual([{ sku: 'SKU-1', warehouseId: 0, erpQty: 10, centraQty: 12 }])
  })

  it('a total that moved since the push cannot be placed in a warehouse: listed, and the sweep sets every warehouse again', () => {
    const l = last([7, 3], [7, 3])
    expect(plan(8, l, 'delta').changes).toEqual([])
    expect(plan(8, l, 'delta').handEdited).toEqual([{ sku: 'SKU-1', warehouseId: 0, pushed: 10, centra: 8 }])
    expect(plan(8, l, 'full').changes.map((c) => [c.warehouseId, c.beforeQty, c.afterQty])).toEqual([
      [2, null, 3],
      [1, null, 7],
    ])
    // and when the total agrees, the sweep has nothing to do
    expect(plan(10, l, 'full').changes).toEqual([])
  })
})

describe('stock job', () => {
  function setup(n: number, erpQty: (i: number) => number) {
    const { repos, cleanup } = store()
    const sizes = Array.from({ length: n }, (_, i) => size(i))
    mapSkus(repos, sizes.map((s, i) => [s.sku, `I${i}`]))
    const centra = fakeCentra(sizes)
    const erpRows: ErpStockRow[] = sizes.map((_, i) => ({ itemNumber: `I${i}`, location: 'MAIN', quantity: erpQty(i) }))
    let t = Date.parse('2026-11-01T10:00:00Z')
    const deps = {
      repos,
      clock: () => new Date((t += 1000)),
      settings: () => settings({ batchSize: 3 }),
      connect: () => ({ erp: { readStock: async () => erpRows }, store: centra.sink }),
    }
    return { repos, cleanup, centra, erpRows, deps }
  }

  it('pushes only changes, urgent first, many sizes per call; one refused SKU does not block the rest', async () => {
    const { repos, cleanup, centra, deps } = setup(8, (i) => (i === 5 ? 0 : i === 6 ? 10 : 20))
    centra.state.refuse.add('SKU-2')
    const out = await createStockJob(deps, 'full')(ctx())
    expect(out.incomplete).toBe(true)
    // 7 changes (SKU-6 already right) in ⌈7/3⌉ calls, the drop to zero in the first
    expect(centra.calls.map((c) => c.skus.length)).toEqual([3, 3, 1])
    expect(centra.calls[0].skus[0]).toBe('SKU-5')
    expect(centra.level('SKU-1', 1)).toBe(20)
    expect(centra.level('SKU-2', 1)).toBe(10)
    const raised = repos.db.prepare(`SELECT category, team FROM exceptions WHERE trace_key = 'stock:SKU-2:1'`).all()
    expect(raised).toEqual([{ category: 'stock_rejected', team: 'ecommerce' }])
    const row = repos.db.prepare(`SELECT state, error FROM stock_push_rows WHERE sku = 'SKU-2'`).get() as { state: string; error: string }
    expect(row).toEqual({ state: 'rejected', error: 'Size is not active' })
    // drift now: only the refused size, Centra 10 vs ERP 20
    const at = repos.stock.latestSnapshotAt()!
    expect(repos.stock.worstDrift(at, 10, 0).items).toEqual([{ sku: 'SKU-2', warehouseId: 0, erpQty: 20, centraQty: 10, drift: -10 }])
    // a second delta run with nothing new sends only the still-refused size
    centra.state.refuse.clear()
    await createStockJob(deps, 'delta')(ctx())
    expect(centra.calls.slice(3).map((c) => c.skus)).toEqual([['SKU-2']])
    cleanup()
  })

  it('a push interrupted midway resumes without re-sending sizes already applied', async () => {
    const { repos, cleanup, centra, deps } = setup(9, () => 3)
    centra.state.failOnCall = 2
    await expect(createStockJob(deps, 'full')(ctx())).rejects.toThrow('connection reset')
    const states = repos.db.prepare('SELECT state, COUNT(*) AS n FROM stock_push_rows GROUP BY state ORDER BY state').all()
    expect(states).toEqual([{ state: 'applied', n: 3 }, { state: 'pending', n: 3 }, { state: 'sent', n: 3 }])
    centra.state.failOnCall = 0
    await createStockJob(deps, 'full')(ctx())
    // the resumed push sends the 'sent' batch again (absolute levels: harmless) and the pending one; no new push is needed
    expect(centra.calls.map((c) => c.skus.length)).toEqual([3, 3, 3, 3])
    expect(centra.calls[2].skus).toEqual(centra.calls[1].skus)
    const sent = centra.calls.flatMap((c) => c.skus)
    for (const sku of centra.calls[0].skus) expect(sent.filter((s) => s === sku)).toHaveLength(1)
    for (let i = 0; i < 9; i++) expect(centra.level(`SKU-${i}`, 1)).toBe(3)
    expect(repos.stock.recent(10).map((p) => [p.state, p.calls])).toEqual([['done', 4]])
    cleanup()
  })

  it('holds a suspicious mass drop for review and sends nothing', async () => {
    const { repos, cleanup, centra, deps } = setup(10, () => 0)
    deps.settings = () => ({ ...DEFAULT_STOCK_SETTINGS, warehouses: { '1': 'MAIN' } })
    const out = await createStockJob(deps, 'full')(ctx())
    expect(out.incomplete).toBe(true)
    expect(centra.calls).toHaveLength(0)
    const [held] = repos.stock.withState('held')
    expect(held).toMatchObject({ sizesChanged: 10, toZero: 10 })
    expect(held.reason).toContain('10 of 10 sizes would drop to zero')
    cleanup()
  })

  it('a later run replaces a held push nobody reviewed: held again, or sent when the ERP looks normal again', async () => {
    const { repos, cleanup, centra, deps, erpRows } = setup(10, () => 0)
    deps.settings = () => ({ ...DEFAULT_STOCK_SETTINGS, warehouses: { '1': 'MAIN' }, batchSize: 100 })
    await createStockJob(deps, 'delta')(ctx())
    await createStockJob(deps, 'delta')(ctx())
    expect(repos.stock.recent(5).map((p) => [p.id, p.state])).toEqual([
      [2, 'held'],
      [1, 'discarded'],
    ])
    // the ERP's count is finished: one size really went down by one, the rest stay
    for (const [i, r] of erpRows.entries()) r.quantity = i === 0 ? 9 : 10
    await createStockJob(deps, 'delta')(ctx())
    expect(repos.stock.recent(5).map((p) => [p.id, p.state])).toEqual([
      [3, 'done'],
      [2, 'discarded'],
      [1, 'discarded'],
    ])
    expect(centra.calls.map((c) => c.skus)).toEqual([['SKU-0']])
    expect(repos.db.prepare(`SELECT status FROM exceptions WHERE category = 'stock_push_held'`).all()).toEqual([{ status: 'resolved' }])
    cleanup()
  })
})
