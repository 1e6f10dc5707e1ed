import type { Db } from '../open'
import { LastLevels } from './last-levels'

export { LastLevels }

export type StockPushState = 'pushing' | 'done' | 'held' | 'discarded'
export type StockRowState = 'pending' | 'sent' | 'applied' | 'rejected'

export interface StockPush {
  id: number
  mode: 'delta' | 'full'
  state: StockPushState
  reason: string | null
  sizesTotal: number
  sizesChanged: number
  toZero: number
  calls: number
  createdAt: string
  updatedAt: string
}

export interface StockPushRow {
  pushId: number
  sku: string
  warehouseId: number
  variantId: number
  sizeId: number
  beforeQty: number | null
  afterQty: number
  urgent: boolean
  seq: number
  state: StockRowState
  stockChangeIds: number[]
  error: string | null
}

/**
 * ERP item (with its variant, when the mapping names one) → the Centra SKU mapped to it, or the
 * SKUs when several are (ambiguous for stock). Keys: the item number, or item number + NUL +
 * variant code.
 */
export type SkusByItem = ReadonlyMap<string, string | readonly string[]>

/**
 * Whole tables are read for stock in chunks of rowid order, one JSON array per column and
 * chunk: better-sqlite3 builds a JS array per row, and at 400 000 rows that cost more than the
 * query itself, while JSON.parse builds a column array in one go. A chunk keeps each string a
 * few megabytes however large the table grows.
 */
const CHUNK_ROWS = 100_000

export interface StockSnapshot {
  sku: string
  warehouseId: number
  erpQty: number | null
  centraQty: number | null
}

interface PushRow {
  id: number
  mode: 'delta' | 'full'
  state: StockPushState
  reason: string | null
  sizes_total: number
  sizes_changed: number
  to_zero: number
  calls: number
  created_at: string
  updated_at: string
}
interface RowRow {
  push_id: number
  sku: string
  warehouse_id: number
  variant_id: number
  size_id: number
  before_qty: number | null
  after_qty: number
  urgent: number
  seq: number
  state: StockRowState
  stock_change_ids: string | null
  error: string | null
}

const push = (r: PushRow): StockPush => ({
  id: r.id,
  mode: r.mode,
  state: r.state,
  reason: r.reason,
  sizesTotal: r.sizes_total,
  sizesChanged: r.sizes_changed,
  toZero: r.to_zero,
  calls: r.calls,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})
const row = (r: RowRow): StockPushRow => ({
  pushId: r.push_id,
  sku: r.sku,
  warehouseId: r.warehouse_id,
  variantId: r.variant_id,
  sizeId: r.size_id,
  beforeQty: r.before_qty,
  afterQty: r.after_qty,
  urgent: r.urgent === 1,
  seq: r.seq,
  state: r.state,
  stockChangeIds: r.stock_change_ids ? (JSON.parse(r.stock_change_ids) as number[]) : [],
  error: r.error,
})

export function createStockRepo(db: Db) {
  const insertPush = db.prepare(
    `INSERT INTO stock_pushes (mode, state, reason, sizes_total, sizes_changed, to_zero, created_at, updated_at)
     VALUES (@mode, @state, @reason, @sizesTotal, @sizesChanged, @toZero, @at, @at)`,
  )
  const insertRow = db.prepare(
    `INSERT INTO stock_push_rows (push_id, sku, warehouse_id, variant_id, size_id, before_qty, after_qty, urgent, seq, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
  )
  const getPush = db.prepare('SELECT * FROM stock_pushes WHERE id = ?')
  const byState = db.prepare('SELECT * FROM stock_pushes WHERE state = ? ORDER BY id')
  const recent = db.prepare('SELECT * FROM stock_pushes ORDER BY id DESC LIMIT ?')
  const setState = db.prepare('UPDATE stock_pushes SET state = ?, reason = COALESCE(?, reason), updated_at = ? WHERE id = ?')
  const addCall = db.prepare('UPDATE stock_pushes SET calls = calls + 1, updated_at = ? WHERE id = ?')
  const open = db.prepare(`SELECT * FROM stock_push_rows WHERE push_id = ? AND state IN ('pending','sent') ORDER BY seq`)
  const rows = db.prepare('SELECT * FROM stock_push_rows WHERE push_id = ? ORDER BY seq LIMIT ? OFFSET ?')
  const markSent = db.prepare(`UPDATE stock_push_rows SET state = 'sent', sent_at = ? WHERE push_id = ? AND sku = ? AND warehouse_id = ?`)
  const markDone = db.prepare(
    'UPDATE stock_push_rows SET state = ?, stock_change_ids = ?, error = ?, done_at = ? WHERE push_id = ? AND sku = ? AND warehouse_id = ?',
  )
  const putPushed = db.prepare(
    `INSERT INTO stock_levels (sku, warehouse_id, pushed_qty, pushed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sku, warehouse_id) DO UPDATE SET pushed_qty = excluded.pushed_qty, pushed_at = excluded.pushed_at`,
  )
  const putErp = db.prepare(
    `INSERT INTO stock_levels (sku, warehouse_id, erp_qty) VALUES (?, ?, ?)
     ON CONFLICT (sku, warehouse_id) DO UPDATE SET erp_qty = excluded.erp_qty`,
  )
  const levelChunk = db
    .prepare(
      `SELECT max(id), count(*), json_group_array(sku), json_group_array(warehouse_id), json_group_array(erp_qty), json_group_array(pushed_qty)
       FROM (SELECT rowid AS id, sku, warehouse_id, erp_qty, pushed_qty FROM stock_levels WHERE rowid > ? ORDER BY rowid LIMIT ?)`,
    )
    .raw(true)
  const pushedOne = db.prepare('SELECT warehouse_id, pushed_qty FROM stock_levels WHERE sku = ?')
  const snap = db.prepare('INSERT OR REPLACE INTO stock_snapshots (taken_at, sku, warehouse_id, erp_qty, centra_qty, drift) VALUES (?, ?, ?, ?, ?, ?)')
  const latestAt = db.prepare('SELECT MAX(taken_at) AS at FROM stock_snapshots')
  const driftingAt = db.prepare('SELECT sku FROM stock_snapshots WHERE taken_at = ? AND drift <> 0').pluck()
  const worst = db.prepare(
    `SELECT sku, warehouse_id, erp_qty, centra_qty, drift FROM stock_snapshots WHERE taken_at = ?
     AND drift <> 0 ORDER BY ABS(drift) DESC, sku, warehouse_id LIMIT ? OFFSET ?`,
  )
  const worstCount = db.prepare(
    'SELECT COUNT(*) AS n, TOTAL(ABS(drift)) AS units, TOTAL(drift > 0) AS over, TOTAL(CASE WHEN drift > 0 THEN drift ELSE 0 END) AS over_units FROM stock_snapshots WHERE taken_at = ? AND drift <> 0',
  )
  const trendByRun = db.prepare(
    `SELECT taken_at, TOTAL(ABS(drift)) AS abs_drift, TOTAL(drift <> 0) AS drifting FROM stock_snapshots
     WHERE taken_at >= ? GROUP BY taken_at ORDER BY taken_at DESC LIMIT ?`,
  )
  const history = db.prepare(
    'SELECT taken_at, warehouse_id, erp_qty, centra_qty, drift FROM stock_snapshots WHERE sku = ? ORDER BY taken_at, warehouse_id LIMIT 1000',
  )
  const trend = db.prepare(
    `SELECT day, AVG(abs_drift) AS abs_drift, AVG(drifting) AS drifting FROM (
       SELECT substr(taken_at, 1, 10) AS day, taken_at, SUM(ABS(drift)) AS abs_drift, SUM(drift <> 0) AS drifting
       FROM stock_snapshots WHERE taken_at >= ? GROUP BY taken_at
     ) GROUP BY day ORDER BY day`,
  )

  const skuMapChunk = db
    .prepare(
      `SELECT max(id), count(*), json_group_array(sku), json_group_array(erp_item_number), json_group_array(erp_variant_code)
       FROM (SELECT rowid AS id, sku, erp_item_number, erp_variant_code FROM sku_map WHERE rowid > ? ORDER BY rowid LIMIT ?)`,
    )
    .raw(true)
  /** calls fn with each chunk's columns, parsed; all chunks from one snapshot of the table */
  const eachChunk = db.transaction((chunk: typeof levelChunk, fn: (columns: unknown[][]) => void) => {
    for (let after = 0; ; ) {
      const [last, count, ...columns] = chunk.get(after, CHUNK_ROWS) as [number | null, number, ...string[]]
      if (count > 0) fn(columns.map((c) => JSON.parse(c) as unknown[]))
      if (count < CHUNK_ROWS || last === null) return
      after = last
    }
  })
  const skuMapVersion = db.prepare('SELECT version FROM sku_map_version WHERE id = 1').pluck()

  return {
    /** Moves whenever the SKU mapping changes (migration 014's triggers). */
    skuMapVersion(): number {
      return skuMapVersion.get() as number
    },
    /** ERP item → the SKU or SKUs mapped to it (see SkusByItem) */
    skusByItem(): SkusByItem {
      const out = new Map<string, string | string[]>()
      eachChunk(skuMapChunk, (columns) => {
        const [skus, items, variants] = columns as [string[], string[], (string | null)[]]
        for (let i = 0; i < skus.length; i++) {
          const key = variants[i] ? `${items[i]}\u0000${variants[i]}` : items[i]
          // one SKU per item is the rule: kept as the string itself, a list only when there are more
          const had = out.get(key)
          if (had === undefined) out.set(key, skus[i])
          else if (typeof had === 'string') out.set(key, [had, skus[i]])
          else had.push(skus[i])
        }
      })
      return out
    },
    createPush(
      p: { mode: 'delta' | 'full'; state: 'pushing' | 'held'; reason: string | null; sizesTotal: number; sizesChanged: number; toZero: number },
      items: Omit<StockPushRow, 'pushId' | 'state' | 'stockChangeIds' | 'error' | 'seq'>[],
      at: string,
    ): number {
      const id = Number(insertPush.run({ ...p, at }).lastInsertRowid)
      items.forEach((i, seq) => insertRow.run(id, i.sku, i.warehouseId, i.variantId, i.sizeId, i.beforeQty, i.afterQty, i.urgent ? 1 : 0, seq))
      return id
    },
    get(id: number): StockPush | null {
      const r = getPush.get(id) as PushRow | undefined
      return r ? push(r) : null
    },
    withState(state: StockPushState): StockPush[] {
      return (byState.all(state) as PushRow[]).map(push)
    },
    recent(limit: number): StockPush[] {
      return (recent.all(limit) as PushRow[]).map(push)
    },
    setState(id: number, state: StockPushState, reason: string | null, at: string): void {
      setState.run(state, reason, at, id)
    },
    countCall(id: number, at: string): void {
      addCall.run(at, id)
    },
    /** Rows not yet known to be applied, most urgent first (the order they were planned in). */
    openRows(pushId: number): StockPushRow[] {
      return (open.all(pushId) as RowRow[]).map(row)
    },
    rows(pushId: number, limit: number, offset: number): StockPushRow[] {
      return (rows.all(pushId, limit, offset) as RowRow[]).map(row)
    },
    /** Written before the call: a row left 'sent' may or may not have reached Centra. */
    markSent(pushId: number, items: { sku: string; warehouseId: number }[], at: string): void {
      for (const i of items) markSent.run(at, pushId, i.sku, i.warehouseId)
    },
    markDone(pushId: number, i: { sku: string; warehouseId: number; afterQty: number }, result: { applied: boolean; stockChangeIds: number[]; error: string | null }, at: string): void {
      markDone.run(result.applied ? 'applied' : 'rejected', JSON.stringify(result.stockChangeIds), result.error, at, pushId, i.sku, i.warehouseId)
      if (result.applied) putPushed.run(i.sku, i.warehouseId, i.afterQty, at)
    },
    /** What was last read from the ERP (after buffers) and last pushed, per SKU and warehouse. */
    lastBySku(): LastLevels {
      const out = new LastLevels()
      eachChunk(levelChunk, (columns) => {
        const [skus, warehouses, erp, pushed] = columns as [string[], number[], (number | null)[], (number | null)[]]
        for (let i = 0; i < skus.length; i++) out.put(skus[i], warehouses[i], erp[i] ?? NaN, pushed[i] ?? NaN)
      })
      return out
    },
    /** What was last pushed for some SKUs only (after a push: just the sizes it touched). */
    pushedFor(skus: Iterable<string>): Map<string, number> {
      const out = new Map<string, number>()
      for (const sku of skus) for (const r of pushedOne.all(sku) as { warehouse_id: number; pushed_qty: number | null }[]) if (r.pushed_qty !== null) out.set(`${sku}\u0000${r.warehouse_id}`, r.pushed_qty)
      return out
    },
    setErpLevels(items: { sku: string; warehouseId: number; erpQty: number }[]): void {
      for (const i of items) putErp.run(i.sku, i.warehouseId, i.erpQty)
    },
    snapshot(items: StockSnapshot[], at: string): void {
      for (const i of items) snap.run(at, i.sku, i.warehouseId, i.erpQty, i.centraQty, (i.centraQty ?? 0) - (i.erpQty ?? 0))
    },
    /** SKUs drifting in the latest snapshot (their return to no drift must be recorded too). */
    driftingNow(): Set<string> {
      const at = (latestAt.get() as { at: string | null }).at
      return new Set(at ? (driftingAt.all(at) as string[]) : [])
    },
    latestSnapshotAt(): string | null {
      return (latestAt.get() as { at: string | null }).at
    },
    worstDrift(at: string, limit: number, offset: number) {
      const items = (worst.all(at, limit, offset) as { sku: string; warehouse_id: number; erp_qty: number | null; centra_qty: number | null; drift: number }[]).map(
        (r) => ({ sku: r.sku, warehouseId: r.warehouse_id, erpQty: r.erp_qty, centraQty: r.centra_qty, drift: r.drift }),
      )
      const sum = worstCount.get(at) as { n: number; units: number; over: number; over_units: number }
      return { items, total: sum.n, units: sum.units, oversell: { sizes: sum.over, units: sum.over_units } }
    },
    history(sku: string) {
      return (history.all(sku) as { taken_at: string; warehouse_id: number; erp_qty: number | null; centra_qty: number | null; drift: number }[]).map((r) => ({
        takenAt: r.taken_at,
        warehouseId: r.warehouse_id,
        erpQty: r.erp_qty,
        centraQty: r.centra_qty,
        drift: r.drift,
      }))
    },
    /** Per run, the latest `limit` runs since `since`, oldest first: total absolute drift and drifting sizes. */
    trendByRun(since: string, limit: number) {
      return (trendByRun.all(since, limit) as { taken_at: string; abs_drift: number; drifting: number }[])
        .reverse()
        .map((r) => ({ day: r.taken_at, absDrift: r.abs_drift, drifting: r.drifting }))
    },
    /** Per day: the average over that day's runs of the total absolute drift and of the number of drifting sizes. */
    trend(since: string) {
      return (trend.all(since) as { day: string; abs_drift: number; drifting: number }[]).map((r) => ({
        day: r.day,
        absDrift: Math.round(r.abs_drift),
        drifting: Math.round(r.drifting),
      }))
    },
  }
}

export type StockRepo = ReturnType<typeof createStockRepo>
