/**
 * The stock job: ERP availability becomes Centra stock, pushed as absolute levels with
 * `setStock`, many sizes per call, most urgent first (to or from zero, below the low-stock
 * threshold).
 *
 * Why it is safe to repeat: every push and each of its rows is stored before Centra is called
 * (row 'pending' → 'sent' → 'applied' | 'rejected'). A run that was stopped midway leaves its
 * push 'pushing'; the next run first finishes that push, re-sending only rows not known to be
 * applied. setStock sets an absolute level, so a row that did reach Centra before the stop is
 * set to the same level again — never added twice — and applied rows are not sent again.
 *
 * Guardrails: when an unusual share of sizes would change, or many would drop to zero, the
 * whole push is stored 'held' and operations are told; nothing is sent until someone approves.
 */
import type { Repos } from '../../db/repos'
import { LastLevels, type SkusByItem } from '../../db/repos/stock.repo'
import { iso, type Clock } from '../../db/repos/clock'
import type { ErpStockSource, StoreStockSink, StoreStockSize } from '../ports'
import { throwIfCancelled, type JobContext, type JobFn, type JobOutcome } from './job-runner'
import { stockMemory, type StockMemory } from './stock-memory'

export interface StockSettings {
  /** Centra warehouse id → ERP location code */
  warehouses: Record<string, string>
  /** units held back per Centra warehouse id (subtracted, never below 0) */
  buffers: Record<string, number>
  quantityType: 'PHYSICAL' | 'FREE_TO_ALLOCATE'
  batchSize: number
  lowStockThreshold: number
  /** hold the push when more than this share of sizes would change */
  maxChangeShare: number
  /** hold the push when more than this share of sizes (or this many) would drop to zero */
  maxZeroShare: number
  maxZeroCount: number
}

export const DEFAULT_STOCK_SETTINGS: StockSettings = {
  warehouses: { '1': 'MAIN', '2': 'US-EAST' },
  buffers: {},
  quantityType: 'PHYSICAL',
  batchSize: 100,
  lowStockThreshold: 5,
  maxChangeShare: 0.3,
  maxZeroShare: 0.2,
  maxZeroCount: 200,
}

export type StockMode = 'delta' | 'full'

/** where the last run's lists are kept (one JSON value in the cursors table) */
export const STOCK_LISTS_KEY = 'stock.lists'

export interface StockDeps {
  repos: Repos
  clock: Clock
  settings: () => StockSettings
  connect: () => { erp: ErpStockSource; store: StoreStockSink }
}

export interface PlannedChange {
  sku: string
  warehouseId: number
  variantId: number
  sizeId: number
  beforeQty: number | null
  afterQty: number
  urgent: boolean
  /** how many mapped warehouses of this size have an ERP level */
  sizeTargets: number
}

export interface StockPlan {
  /** sizes × warehouses compared */
  total: number
  changes: PlannedChange[]
  toZero: number
  /** why the push must wait for a person, or null */
  holdReason: string | null
  /** one per size (warehouseId 0 = all mapped warehouses): the ERP's sum against Centra's total, as read */
  snapshots: { sku: string; warehouseId: number; erpQty: number | null; centraQty: number | null }[]
  /** ERP levels (after buffers) that differ from the last run's, to be remembered */
  erpLevels: { sku: string; warehouseId: number; erpQty: number }[]
  /** ERP items no SKU is mapped to */
  unmappedItems: string[]
  /** ERP items several SKUs are mapped to: not guessed */
  ambiguousItems: { itemNumber: string; skus: string[] }[]
  /** ERP locations no Centra warehouse is mapped to */
  unmappedLocations: string[]
  /** Centra sizes with stock above zero and no ERP stock record (left as they are) */
  withoutErpRecord: string[]
  /**
   * Sizes whose Centra total differs from the sum Instep last pushed: changed in Centra since
   * (by hand, by another integration, or by orders shipping). warehouseId 0: Centra's figure
   * is a total over warehouses, so the change cannot be placed in one warehouse.
   */
  handEdited: { sku: string; warehouseId: number; pushed: number; centra: number }[]
}

export const ALL_WAREHOUSES = 0

const key = (sku: string, warehouseId: number) => `${sku}\u0000${warehouseId}`

/**
 * Pure: ERP rows + Centra totals + what was last pushed → what to push, in order, and whether
 * to hold it.
 *
 * Centra pushes are per warehouse but Centra reads back one total per size (stockTotals), so
 * Centra's level in one warehouse is known only in two cases:
 *  - one warehouse is mapped: the total is that warehouse's level;
 *  - Centra's total equals the sum of what Instep last pushed to every mapped warehouse: nothing
 *    changed in Centra since, so each warehouse still holds what was pushed.
 * Otherwise the size changed in Centra since the last push (listed in `handEdited`) and no
 * warehouse's level is known: a full run (the sweep) pushes every warehouse of that size again,
 * a delta run pushes only warehouses whose ERP level moved. Drift is measured per size, the
 * ERP's sum over mapped warehouses against Centra's total; stock Centra holds in warehouses
 * Instep does not manage counts in that total, so it shows as drift (see docs/runbooks/inventory.md).
 */
export function planStock(args: {
  erpRows: { itemNumber: string; variant?: string | null; location: string; quantity: number }[]
  sizes: StoreStockSize[]
  skusByItem: SkusByItem
  /** what was last read and pushed; or, for a few levels written by hand, per SKU [warehouseId, erpQty, pushedQty, …] with NaN for none */
  last: LastLevels | ReadonlyMap<string, readonly number[]>
  settings: StockSettings
  mode: StockMode
}): StockPlan {
  const { settings: s } = args
  const warehouses = Object.keys(s.warehouses).map(Number)
  const slots = warehouses.length
  const slotOf = new Map(Object.values(s.warehouses).map((loc, i) => [loc, i]))
  const buffers = warehouses.map((wh) => s.buffers[String(wh)] ?? 0)
  // per SKU, the ERP's quantity per mapped warehouse: a row number per SKU into one typed array
  // of `slots` values a row (NaN: no record there). An array per SKU would be 200 000 objects
  // for the garbage collector to copy while the diff runs.
  const erpRowOf = new Map<string, number>()
  let erpQty: Float64Array = new Float64Array(Math.max(1, slots) * 1024).fill(NaN)
  const unmappedItems = new Set<string>()
  const ambiguous = new Map<string, string[]>()
  const unmappedLocations = new Set<string>()
  // item → SKUs mapped to one of its variants, built on the first miss only
  let byVariant: Map<string, string[]> | null = null
  const variantSkus = (item: string) => {
    if (!byVariant) {
      byVariant = new Map()
      for (const [k, skus] of args.skusByItem) {
        const cut = k.indexOf('\u0000')
        if (cut <= 0) continue
        const itemNumber = k.slice(0, cut)
        const list = byVariant.get(itemNumber)
        if (list) list.push(...listOf(skus))
        else byVariant.set(itemNumber, [...listOf(skus)])
      }
    }
    return byVariant.get(item)
  }
  for (const r of args.erpRows) {
    // a row per variant goes to the SKU mapped to that variant, else to the SKU mapped to the item (variants summed)
    const skus = (r.variant ? args.skusByItem.get(`${r.itemNumber}\u0000${r.variant}`) : undefined) ?? args.skusByItem.get(r.itemNumber)
    if (!skus) {
      const perVariant = r.variant ? undefined : variantSkus(r.itemNumber)
      // one figure for the whole item while its sizes are mapped per variant: not split by guess
      if (perVariant) ambiguous.set(r.itemNumber, perVariant)
      else unmappedItems.add(r.variant ? `${r.itemNumber} / ${r.variant}` : r.itemNumber)
      continue
    }
    if (typeof skus !== 'string' && skus.length > 1) {
      ambiguous.set(r.itemNumber, listOf(skus))
      continue
    }
    const slot = slotOf.get(r.location)
    if (slot === undefined) {
      unmappedLocations.add(r.location)
      continue
    }
    const sku = typeof skus === 'string' ? skus : skus[0]
    let row = erpRowOf.get(sku)
    if (row === undefined) {
      row = erpRowOf.size
      if ((row + 1) * slots > erpQty.length) erpQty = widened(erpQty)
      erpRowOf.set(sku, row)
    }
    const at = row * slots + slot
    erpQty[at] = Number.isNaN(erpQty[at]) ? r.quantity : erpQty[at] + r.quantity
  }
  const last = args.last instanceof LastLevels ? args.last : LastLevels.fromLists(args.last)
  const lastColumns = warehouses.map((wh) => last.column(wh))
  const changes: PlannedChange[] = []
  const snapshots: StockPlan['snapshots'] = []
  const erpLevels: StockPlan['erpLevels'] = []
  const withoutErpRecord: string[] = []
  const handEdited: StockPlan['handEdited'] = []
  const single = warehouses.length === 1
  const targets = new Array<number>(warehouses.length)
  const lastErp = new Array<number>(warehouses.length)
  const lastPushed = new Array<number>(warehouses.length)
  let total = 0
  let toZero = 0
  for (const size of args.sizes) {
    const erpRow = erpRowOf.get(size.sku)
    const centra = size.total
    if (erpRow === undefined) {
      // only sizes Centra can sell: one at zero with no ERP record cannot oversell
      if (centra !== null && centra > 0) withoutErpRecord.push(size.sku)
      if (centra !== null) snapshots.push({ sku: size.sku, warehouseId: ALL_WAREHOUSES, erpQty: null, centraQty: centra })
      continue
    }
    const lastRow = last.row(size.sku)
    let erpSum = 0
    let pushedSum = 0
    let allPushed = true
    let sizeTargets = 0
    for (let i = 0; i < slots; i++) {
      lastErp[i] = last.erpAt(lastRow, lastColumns[i])
      lastPushed[i] = last.pushedAt(lastRow, lastColumns[i])
      if (Number.isNaN(lastPushed[i])) allPushed = false
      else pushedSum += lastPushed[i]
      const q = erpQty[erpRow * slots + i]
      if (Number.isNaN(q)) {
        targets[i] = NaN
        continue
      }
      // ERP quantities may have decimals (BC's inventory is a decimal); Centra counts whole units, and a part unit is never offered: floor
      const target = (targets[i] = Math.max(0, Math.floor(q) - buffers[i]))
      erpSum += target
      total++
      sizeTargets++
      if (lastErp[i] !== target) erpLevels.push({ sku: size.sku, warehouseId: warehouses[i], erpQty: target })
    }
    snapshots.push({ sku: size.sku, warehouseId: ALL_WAREHOUSES, erpQty: erpSum, centraQty: centra })
    const unchangedInCentra = allPushed && centra === pushedSum
    if (allPushed && centra !== null && centra !== pushedSum) handEdited.push({ sku: size.sku, warehouseId: ALL_WAREHOUSES, pushed: pushedSum, centra })
    for (let i = 0; i < warehouses.length; i++) {
      const target = targets[i]
      if (Number.isNaN(target)) continue
      // Centra's level in this warehouse, when it can be known (see above)
      const known = single ? centra : unchangedInCentra ? lastPushed[i] : null
      if (known === target) continue
      // delta: only warehouses whose ERP level moved since the last push; full: also sizes changed in Centra
      if (args.mode === 'delta' && lastErp[i] === target && lastPushed[i] === target) continue
      const urgent = target === 0 || known === 0 || known === null || target < s.lowStockThreshold
      if (target === 0 && known !== 0) toZero++
      changes.push({ sku: size.sku, warehouseId: warehouses[i], variantId: size.variantId, sizeId: size.sizeId, beforeQty: known, afterQty: target, urgent, sizeTargets })
    }
  }
  // most urgent first; stable within each group so batches are reproducible
  changes.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.afterQty - b.afterQty || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouseId - b.warehouseId))
  const reasons: string[] = []
  if (total > 0 && changes.length / total > s.maxChangeShare) {
    reasons.push(`${changes.length} of ${total} sizes would change (${pct(changes.length / total)}, the limit is ${pct(s.maxChangeShare)})`)
  }
  if (toZero > s.maxZeroCount || (total > 0 && toZero / total > s.maxZeroShare)) {
    reasons.push(`${toZero} of ${total} sizes would drop to zero (${pct(toZero / Math.max(total, 1))}; the limits are ${pct(s.maxZeroShare)} or ${s.maxZeroCount} sizes)`)
  }
  return {
    total,
    changes,
    toZero,
    holdReason: reasons.length ? reasons.join('; ') : null,
    snapshots,
    erpLevels,
    unmappedItems: [...unmappedItems].sort(),
    ambiguousItems: [...ambiguous].map(([itemNumber, skus]) => ({ itemNumber, skus })),
    unmappedLocations: [...unmappedLocations].sort(),
    withoutErpRecord,
    handEdited,
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`

const listOf = (skus: string | readonly string[]): string[] => (typeof skus === 'string' ? [skus] : [...skus])

/** twice the room, the new half NaN */
function widened(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length * 2).fill(NaN)
  out.set(values)
  return out
}

/** The last plan's lists for the screen (rebuilt on every run). */
export interface StockLists {
  at: string
  unmappedItems: string[]
  ambiguousItems: { itemNumber: string; skus: string[] }[]
  unmappedLocations: string[]
  withoutErpRecord: string[]
  handEdited: StockPlan['handEdited']
}

export function createStockJob(deps: StockDeps, mode: StockMode): JobFn {
  return async (ctx) => {
    const memory = stockMemory(deps.repos)
    try {
      return await runStock(deps, mode, ctx, memory)
    } catch (e) {
      // the store is the truth: the next run re-reads it
      memory.forget()
      throw e
    }
  }
}

async function runStock(deps: StockDeps, mode: StockMode, ctx: JobContext, memory: StockMemory): Promise<JobOutcome> {
  const { erp, store } = deps.connect()
  const settings = deps.settings()
  // an interrupted or approved push goes out first
  for (const p of deps.repos.stock.withState('pushing')) await sendPush(deps, ctx, store, settings, p.id, memory)
  throwIfCancelled(ctx.signal)
  ctx.progress('fetching', 0, null, 'Reading stock from the ERP and Centra…')
  const [erpRows, sizes] = await Promise.all([erp.readStock(ctx.signal), store.readLevels(ctx.signal)])
  ctx.counters.fetched += erpRows.length
  throwIfCancelled(ctx.signal)
  const plan = planStock({ erpRows, sizes, skusByItem: memory.skusByItem(), last: memory.lastLevels(), settings, mode })
  const at = iso(deps.clock)
  const lists: StockLists = { at, unmappedItems: plan.unmappedItems, ambiguousItems: plan.ambiguousItems, unmappedLocations: plan.unmappedLocations, withoutErpRecord: plan.withoutErpRecord, handEdited: plan.handEdited }
  let pushId: number | null = null
  deps.repos.tx(() => {
    deps.repos.cursors.put(STOCK_LISTS_KEY, JSON.stringify(lists), at)
    deps.repos.stock.setErpLevels(plan.erpLevels)
    // a held push still waiting was planned from older stock: this run's plan replaces it
    for (const old of deps.repos.stock.withState('held')) deps.repos.stock.setState(old.id, 'discarded', 'Replaced by a later stock run before anyone reviewed it', at)
    if (plan.changes.length === 0) {
      deps.repos.exceptions.resolveByTraceKey('stock:held', 'A later stock run replaced the held push', at)
      return
    }
    const state = plan.holdReason ? 'held' : 'pushing'
    pushId = deps.repos.stock.createPush(
      { mode, state, reason: plan.holdReason, sizesTotal: plan.total, sizesChanged: plan.changes.length, toZero: plan.toZero },
      plan.changes,
      at,
    )
    if (plan.holdReason) {
      deps.repos.exceptions.raise(
        {
          traceKey: 'stock:held',
          category: 'stock_push_held',
          team: 'operations',
          severity: 'high',
          objectType: 'stock_push',
          objectRef: String(pushId),
          title: `Stock push ${pushId} held for review`,
          detail: `This stock update looks unusual: ${plan.holdReason}. Nothing was sent to Centra. Check the ERP's stock, then approve or discard the push on the Stock & drift screen.`,
        },
        at,
      )
    } else {
      deps.repos.exceptions.resolveByTraceKey('stock:held', `Stock push ${pushId} replaced the held push`, at)
    }
  })
  memory.rememberErp(plan.erpLevels)
  ctx.counters.stored += plan.changes.length
  let incomplete = plan.holdReason !== null
  if (pushId !== null && !plan.holdReason) incomplete = (await sendPush(deps, ctx, store, settings, pushId, memory)) || incomplete
  // snapshot what Centra holds after this run: the total as read, moved by the rows applied now
  const touched = new Set(plan.changes.map((c) => c.sku))
  const after = snapshotsAfterPush(plan, deps.repos.stock.pushedFor(touched))
  deps.repos.tx(() => deps.repos.stock.snapshot(worthKeeping(after, plan, touched, deps.repos.stock.driftingNow()), iso(deps.clock)))
  return { incomplete }
}

/**
 * Centra's total per size after this run's push, without reading Centra again: the total as
 * read plus what each applied row changed. Where a warehouse's level before was unknown (the
 * size had changed in Centra), the total is known only once every mapped warehouse of the size
 * was set: it is then the ERP's sum. Otherwise the total as read stays until the next run.
 */
function snapshotsAfterPush(plan: StockPlan, pushed: Map<string, number>): StockPlan['snapshots'] {
  const bySku = new Map<string, PlannedChange[]>()
  for (const c of plan.changes) {
    const list = bySku.get(c.sku)
    if (list) list.push(c)
    else bySku.set(c.sku, [c])
  }
  if (bySku.size === 0) return plan.snapshots
  return plan.snapshots.map((sn) => {
    const list = bySku.get(sn.sku)
    if (!list || sn.centraQty === null) return sn
    const applied = list.filter((c) => pushed.get(key(c.sku, c.warehouseId)) === c.afterQty)
    if (applied.length === 0) return sn
    if (applied.every((c) => c.beforeQty !== null)) return { ...sn, centraQty: applied.reduce((t, c) => t + c.afterQty - c.beforeQty!, sn.centraQty) }
    return applied.length === applied[0].sizeTargets ? { ...sn, centraQty: sn.erpQty } : sn
  })
}

/**
 * The snapshot rows worth a row in the history: sizes drifting now, sizes drifting at the last
 * snapshot (so their return to no drift is recorded), sizes whose ERP level moved and sizes
 * pushed. A size in step and unchanged adds nothing: at 200 000 sizes a full row set every
 * quarter of an hour would be millions of rows a day saying the same. Worst drift and the trend
 * read drifting rows only, so they are unaffected; a SKU's history has a point where it changed.
 */
function worthKeeping(snapshots: StockPlan['snapshots'], plan: StockPlan, pushed: Set<string>, driftingBefore: Set<string>): StockPlan['snapshots'] {
  const erpMoved = new Set(plan.erpLevels.map((l) => l.sku))
  return snapshots.filter((sn) => (sn.centraQty ?? 0) !== (sn.erpQty ?? 0) || driftingBefore.has(sn.sku) || erpMoved.has(sn.sku) || pushed.has(sn.sku))
}

/** Sends a push's open rows, per warehouse in batches; returns true when some row was rejected. */
export async function sendPush(deps: StockDeps, ctx: JobContext, store: StoreStockSink, settings: StockSettings, pushId: number, memory: StockMemory): Promise<boolean> {
  const { repos, clock } = deps
  const rows = repos.stock.openRows(pushId)
  const byWarehouse = new Map<number, typeof rows>()
  for (const r of rows) {
    const list = byWarehouse.get(r.warehouseId)
    if (list) list.push(r)
    else byWarehouse.set(r.warehouseId, [r])
  }
  // keep urgency order across warehouses: batches go out in the order of their first row
  const batches = [...byWarehouse.values()].flatMap((list) => chunk(list, Math.max(1, settings.batchSize))).sort((a, b) => a[0].seq - b[0].seq)
  let done = 0
  let rejectedAny = false
  for (const batch of batches) {
    throwIfCancelled(ctx.signal)
    ctx.progress('posting', done, rows.length, `Setting stock in Centra (${done} of ${rows.length} sizes)…`)
    repos.tx(() => {
      repos.stock.markSent(pushId, batch, iso(clock))
      repos.stock.countCall(pushId, iso(clock))
    })
    const res = await store.setStock(
      {
        warehouseId: batch[0].warehouseId,
        quantityType: settings.quantityType,
        description: `Instep stock push ${pushId}`,
        levels: batch.map((r) => ({ sku: r.sku, variantId: r.variantId, sizeId: r.sizeId, quantity: r.afterQty })),
      },
      ctx.signal,
    )
    const rejected = new Map(res.rejected.map((r) => [r.sku, r.message]))
    const at = iso(clock)
    repos.tx(() => {
      for (const r of batch) {
        const why = rejected.get(r.sku)
        repos.stock.markDone(pushId, r, { applied: why === undefined, stockChangeIds: why === undefined ? res.stockChangeIds : [], error: why ?? null }, at)
        const traceKey = `stock:${r.sku}:${r.warehouseId}`
        if (why !== undefined) {
          rejectedAny = true
          ctx.counters.failed++
          repos.exceptions.raise(
            {
              traceKey,
              category: 'stock_rejected',
              team: 'ecommerce',
              severity: 'medium',
              objectType: 'sku',
              objectRef: r.sku,
              title: `Centra refused the stock level for ${r.sku}`,
              detail: `Centra did not accept ${r.afterQty} for ${r.sku} in warehouse ${r.warehouseId}: ${why}. The other sizes were updated. Check the size in Centra.`,
            },
            at,
          )
        } else {
          ctx.counters.posted++
          repos.exceptions.resolveByTraceKey(traceKey, 'Stock level accepted by Centra', at)
        }
      }
    })
    memory.rememberPushed(batch.filter((r) => !rejected.has(r.sku)))
    done += batch.length
  }
  repos.stock.setState(pushId, 'done', null, iso(clock))
  ctx.progress('posting', rows.length, rows.length, `Stock set for ${rows.length} sizes`)
  return rejectedAny
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

export type { JobOutcome }
