/**
 * Centra returns as recorded for reconciliation and the order trace. Upserts are keyed by the
 * Centra return id (reading a return twice is one row); a deletion only stamps the row.
 */
import type { Db } from '../open'
import type { StoreReturn } from '../../../../shared/models/store-return'

export interface ReturnRow {
  return_id: string
  order_number: number
  status: string
  created_at: string | null
  completed_at: string | null
  occurred_at: string
  deleted_at: string | null
  currency: string
  lines_minor: number
  shipping_minor: number
  handling_minor: number
  voucher_minor: number
  total_minor: number
  comment: string | null
}

export interface ReturnLineRow {
  return_id: string
  line_id: string
  order_line_id: number | null
  sku: string | null
  quantity: number
  value_minor: number
}

export interface ReturnTotalsRow {
  key: string
  currency: string
  returns: number
  orders: number
  units: number
  value_minor: number
}

export interface ReturnedOrderRow {
  order_number: number
  market: string | null
  currency: string
  order_date: string | null
  order_total_minor: number | null
  erp_number: string | null
  erp_total_minor: number | null
  returns: number
  units: number
  returned_minor: number
}

export interface ReturnsPeriod {
  from: string
  to: string
}

export function createReturnsRepo(db: Db) {
  const byId = db.prepare('SELECT * FROM centra_returns WHERE return_id = ?')
  const upsert = db.prepare(`
    INSERT INTO centra_returns (return_id, order_number, status, created_at, completed_at, occurred_at, deleted_at, currency,
      lines_minor, shipping_minor, handling_minor, voucher_minor, total_minor, comment, raw_json, first_seen_at, updated_at)
    VALUES (@returnId, @orderNumber, @status, @createdAt, @completedAt, COALESCE(@createdAt, @at), NULL, @currency,
      @linesMinor, @shippingMinor, @handlingMinor, @voucherMinor, @totalMinor, @comment, @raw, @at, @at)
    ON CONFLICT (return_id) DO UPDATE SET
      order_number = excluded.order_number, status = excluded.status, created_at = excluded.created_at,
      completed_at = excluded.completed_at, occurred_at = COALESCE(excluded.created_at, centra_returns.occurred_at),
      deleted_at = NULL, currency = excluded.currency, lines_minor = excluded.lines_minor,
      shipping_minor = excluded.shipping_minor, handling_minor = excluded.handling_minor, voucher_minor = excluded.voucher_minor,
      total_minor = excluded.total_minor, comment = excluded.comment, raw_json = excluded.raw_json, updated_at = excluded.updated_at`)
  const deleteLines = db.prepare('DELETE FROM centra_return_lines WHERE return_id = ?')
  const insertLine = db.prepare(
    'INSERT INTO centra_return_lines (return_id, line_id, order_line_id, sku, quantity, value_minor) VALUES (@returnId, @lineId, @orderLineId, @sku, @quantity, @valueMinor)',
  )
  const markDeleted = db.prepare('UPDATE centra_returns SET deleted_at = @at, updated_at = @at WHERE return_id = @returnId AND deleted_at IS NULL')
  const forOrder = db.prepare('SELECT * FROM centra_returns WHERE order_number = ? ORDER BY occurred_at, return_id')
  const linesOf = db.prepare('SELECT * FROM centra_return_lines WHERE return_id = ? ORDER BY CAST(line_id AS INTEGER), line_id')
  const count = db.prepare('SELECT COUNT(*) AS n FROM centra_returns')

  // Returns count in the month they happened (occurred_at), whatever the month of their order.
  const live = `FROM centra_returns r
    LEFT JOIN centra_orders o ON o.number = r.order_number
    WHERE r.deleted_at IS NULL AND r.occurred_at >= @from AND r.occurred_at < @to`
  const unitsOf = '(SELECT COALESCE(SUM(quantity), 0) FROM centra_return_lines l WHERE l.return_id = r.return_id)'
  const byMarket = db.prepare(`
    SELECT COALESCE(o.market_name, '(order not read yet)') AS key, r.currency AS currency, COUNT(*) AS returns,
      COUNT(DISTINCT r.order_number) AS orders, SUM(${unitsOf}) AS units, SUM(r.total_minor) AS value_minor
    ${live} GROUP BY 1, 2 ORDER BY 1, 2`)
  const byCurrency = db.prepare(`
    SELECT r.currency AS key, r.currency AS currency, COUNT(*) AS returns, COUNT(DISTINCT r.order_number) AS orders,
      SUM(${unitsOf}) AS units, SUM(r.total_minor) AS value_minor
    ${live} GROUP BY 1 ORDER BY 1`)
  const orders = db.prepare(`
    SELECT r.order_number AS order_number, o.market_name AS market, r.currency AS currency, o.order_date AS order_date,
      o.grand_total_minor AS order_total_minor, p.remote_number AS erp_number,
      CASE WHEN p.state = 'posted' THEN p.erp_total_incl_tax_minor END AS erp_total_minor,
      COUNT(*) AS returns, SUM(${unitsOf}) AS units, SUM(r.total_minor) AS returned_minor
    ${live.replace('WHERE', 'LEFT JOIN postings p ON p.centra_order_id = o.centra_id WHERE')}
    GROUP BY r.order_number, r.currency ORDER BY r.order_number LIMIT @limit OFFSET @offset`)
  const countOrders = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT r.order_number, r.currency ${live})`)

  return {
    /** Stores one return and its lines; returns whether anything was new or changed. */
    upsert(ret: StoreReturn, raw: unknown, at: string): 'new' | 'changed' | 'same' {
      const before = byId.get(ret.returnId) as (ReturnRow & { raw_json: string }) | undefined
      const rawJson = JSON.stringify(raw)
      if (before && before.raw_json === rawJson && before.deleted_at === null) return 'same'
      upsert.run({
        returnId: ret.returnId,
        orderNumber: ret.orderNumber,
        status: ret.status,
        createdAt: ret.createdAt,
        completedAt: ret.completedAt,
        currency: ret.currency,
        linesMinor: ret.linesMinor,
        shippingMinor: ret.shippingMinor,
        handlingMinor: ret.handlingMinor,
        voucherMinor: ret.voucherMinor,
        totalMinor: ret.totalMinor,
        comment: ret.comment,
        raw: rawJson,
        at,
      })
      deleteLines.run(ret.returnId)
      for (const l of ret.lines) insertLine.run({ returnId: ret.returnId, ...l })
      return before ? 'changed' : 'new'
    },
    /** Marks a return deleted in Centra; false when Instep never recorded it (or already marked it). */
    markDeleted(returnId: string, at: string): boolean {
      return markDeleted.run({ returnId, at }).changes > 0
    },
    get(returnId: string): ReturnRow | null {
      return (byId.get(returnId) as ReturnRow | undefined) ?? null
    },
    forOrder(orderNumber: number): (ReturnRow & { lines: ReturnLineRow[] })[] {
      return (forOrder.all(orderNumber) as ReturnRow[]).map((r) => ({ ...r, lines: linesOf.all(r.return_id) as ReturnLineRow[] }))
    },
    count(): number {
      return (count.get() as { n: number }).n
    },
    byMarket(period: ReturnsPeriod): ReturnTotalsRow[] {
      return byMarket.all(period) as ReturnTotalsRow[]
    },
    byCurrency(period: ReturnsPeriod): ReturnTotalsRow[] {
      return byCurrency.all(period) as ReturnTotalsRow[]
    },
    /** Orders with returns in the period, one row per order (and currency), paged in SQL. */
    orders(period: ReturnsPeriod, limit: number, offset: number): ReturnedOrderRow[] {
      return orders.all({ ...period, limit, offset }) as ReturnedOrderRow[]
    },
    countOrders(period: ReturnsPeriod): number {
      return (countOrders.get(period) as { n: number }).n
    },
  }
}
export type ReturnsRepo = ReturnType<typeof createReturnsRepo>
