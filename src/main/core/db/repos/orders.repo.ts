import type { Db } from '../open'
import type { StoreOrder, StoreOrderLine } from '../../../../shared/models/store-order'

export interface StoredOrderLineRow {
  line_id: number
  kind: string
  sku: string | null
  ean: string | null
  product_number: string
  size: string
  product_name: string | null
  quantity: number
  cancelled_quantity: number
  tax_percent: string
  unit_price_minor: number
  unit_original_price_minor: number
  line_value_minor: number
}

export interface AffectedOrderRow {
  centraId: string
  number: number
  orderDate: string
  currency: string
  grandTotalMinor: number
  postingState: string | null
}

interface OrderRow {
  centra_id: string
  number: number
  status: string
  store_type: string
  market_id: number | null
  market_name: string | null
  country_code: string | null
  currency: string
  conversion_rate: string
  tax_mode: string
  order_date: string
  customer_email: string | null
  customer_name: string | null
  line_values_minor: number
  discounts_minor: number
  shipping_minor: number
  handling_minor: number
  tax_included_minor: number
  tax_added_minor: number
  tax_deducted_minor: number
  grand_total_minor: number
}

const toLine = (l: StoredOrderLineRow): StoreOrderLine => ({
  lineId: l.line_id,
  kind: l.kind as StoreOrderLine['kind'],
  sku: l.sku,
  ean: l.ean,
  productNumber: l.product_number,
  size: l.size,
  productName: l.product_name,
  quantity: l.quantity,
  cancelledQuantity: l.cancelled_quantity,
  taxPercent: l.tax_percent,
  unitPriceMinor: l.unit_price_minor,
  unitOriginalPriceMinor: l.unit_original_price_minor,
  lineValueMinor: l.line_value_minor,
})

export function createOrdersRepo(db: Db) {
  const upsertOrder = db.prepare(`
    INSERT INTO centra_orders (centra_id, number, status, store_type, market_id, market_name, country_code, currency,
      conversion_rate, tax_mode, order_date, customer_email, customer_name, line_values_minor, discounts_minor,
      shipping_minor, handling_minor, tax_included_minor, tax_added_minor, tax_deducted_minor, grand_total_minor,
      content_hash, raw_json, first_seen_at, updated_at)
    VALUES (@centraId, @number, @status, @storeType, @marketId, @marketName, @countryCode, @currency,
      @conversionRate, @taxMode, @orderDate, @customerEmail, @customerName, @lineValuesMinor, @discountsMinor,
      @shippingMinor, @handlingMinor, @taxIncludedMinor, @taxAddedMinor, @taxDeductedMinor, @grandTotalMinor,
      @contentHash, @rawJson, @at, @at)
    ON CONFLICT (centra_id) DO UPDATE SET
      status = excluded.status, market_id = excluded.market_id, market_name = excluded.market_name,
      country_code = excluded.country_code, currency = excluded.currency, conversion_rate = excluded.conversion_rate,
      tax_mode = excluded.tax_mode, order_date = excluded.order_date, customer_email = excluded.customer_email,
      customer_name = excluded.customer_name, line_values_minor = excluded.line_values_minor,
      discounts_minor = excluded.discounts_minor, shipping_minor = excluded.shipping_minor,
      handling_minor = excluded.handling_minor, tax_included_minor = excluded.tax_included_minor,
      tax_added_minor = excluded.tax_added_minor, tax_deducted_minor = excluded.tax_deducted_minor,
      grand_total_minor = excluded.grand_total_minor, content_hash = excluded.content_hash,
      raw_json = excluded.raw_json, updated_at = excluded.updated_at
    WHERE centra_orders.content_hash != excluded.content_hash`)
  const hashOf = db.prepare('SELECT content_hash FROM centra_orders WHERE centra_id = ?')
  const deleteLines = db.prepare('DELETE FROM centra_order_lines WHERE centra_order_id = ?')
  const insertLine = db.prepare(`
    INSERT INTO centra_order_lines (centra_order_id, line_id, kind, sku, ean, product_number, size, product_name,
      quantity, cancelled_quantity, tax_percent, unit_price_minor, unit_original_price_minor, line_value_minor)
    VALUES (@orderId, @lineId, @kind, @sku, @ean, @productNumber, @size, @productName, @quantity,
      @cancelledQuantity, @taxPercent, @unitPriceMinor, @unitOriginalPriceMinor, @lineValueMinor)`)
  const count = db.prepare('SELECT COUNT(*) AS n FROM centra_orders')
  const linesOf = db.prepare('SELECT * FROM centra_order_lines WHERE centra_order_id = ? ORDER BY line_id')
  const byId = db.prepare('SELECT * FROM centra_orders WHERE centra_id = ?')
  const notPostedWithSku = db.prepare(`
    SELECT o.centra_id AS centraId, o.number, o.order_date AS orderDate, o.currency, o.grand_total_minor AS grandTotalMinor,
      p.state AS postingState
    FROM centra_orders o LEFT JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE EXISTS (SELECT 1 FROM centra_order_lines l WHERE l.centra_order_id = o.centra_id AND l.sku = ?)
      AND (p.state IS NULL OR p.state != 'posted')
    ORDER BY o.order_date LIMIT 1000`)
  const byNumber = db.prepare(`
    SELECT o.centra_id AS centraId, o.number, o.order_date AS orderDate, o.currency, o.grand_total_minor AS grandTotalMinor,
      p.state AS postingState
    FROM centra_orders o LEFT JOIN postings p ON p.centra_order_id = o.centra_id WHERE o.number = ?`)
  const distinctSkus = db.prepare(
    'SELECT DISTINCT l.sku AS sku, l.ean AS ean FROM centra_order_lines l LEFT JOIN sku_map m ON m.sku = l.sku WHERE l.sku IS NOT NULL AND m.sku IS NULL',
  )

  return {
    /**
     * Upsert one order and its lines. Returns 'new', 'changed' or 'same' so the caller can count
     * and so replays of an unchanged order write nothing.
     */
    upsert(order: StoreOrder, raw: unknown, contentHash: string, at: string): 'new' | 'changed' | 'same' {
      const before = hashOf.get(order.centraId) as { content_hash: string } | undefined
      if (before?.content_hash === contentHash) return 'same'
      upsertOrder.run({
        centraId: order.centraId,
        number: order.number,
        status: order.status,
        storeType: order.storeType,
        marketId: order.marketId,
        marketName: order.marketName,
        countryCode: order.countryCode,
        currency: order.currency,
        conversionRate: order.conversionRate,
        taxMode: order.taxMode,
        orderDate: order.orderDate,
        customerEmail: order.customerEmail,
        customerName: order.customerName,
        lineValuesMinor: order.totals.lineValuesMinor,
        discountsMinor: order.totals.discountsMinor,
        shippingMinor: order.totals.shippingMinor,
        handlingMinor: order.totals.handlingMinor,
        taxIncludedMinor: order.totals.taxIncludedMinor,
        taxAddedMinor: order.totals.taxAddedMinor,
        taxDeductedMinor: order.totals.taxDeductedMinor,
        grandTotalMinor: order.totals.grandTotalMinor,
        contentHash,
        rawJson: JSON.stringify(raw),
        at,
      })
      deleteLines.run(order.centraId)
      for (const line of order.lines) {
        insertLine.run({
          orderId: order.centraId,
          lineId: line.lineId,
          kind: line.kind,
          sku: line.sku,
          ean: line.ean,
          productNumber: line.productNumber,
          size: line.size,
          productName: line.productName,
          quantity: line.quantity,
          cancelledQuantity: line.cancelledQuantity,
          taxPercent: line.taxPercent,
          unitPriceMinor: line.unitPriceMinor,
          unitOriginalPriceMinor: line.unitOriginalPriceMinor,
          lineValueMinor: line.lineValueMinor,
        })
      }
      return before ? 'changed' : 'new'
    },
    count(): number {
      return (count.get() as { n: number }).n
    },
    /** The stored order in the same model the mapper produced, for planning without Centra. */
    load(centraId: string): StoreOrder | null {
      const o = byId.get(centraId) as OrderRow | undefined
      if (!o) return null
      return {
        centraId: o.centra_id,
        number: o.number,
        status: o.status as StoreOrder['status'],
        storeType: o.store_type as StoreOrder['storeType'],
        marketId: o.market_id,
        marketName: o.market_name,
        countryCode: o.country_code,
        currency: o.currency,
        conversionRate: o.conversion_rate,
        taxMode: o.tax_mode as StoreOrder['taxMode'],
        orderDate: o.order_date,
        customerEmail: o.customer_email,
        customerName: o.customer_name,
        lines: (linesOf.all(centraId) as StoredOrderLineRow[]).map(toLine),
        totals: {
          lineValuesMinor: o.line_values_minor,
          discountsMinor: o.discounts_minor,
          shippingMinor: o.shipping_minor,
          handlingMinor: o.handling_minor,
          taxIncludedMinor: o.tax_included_minor,
          taxAddedMinor: o.tax_added_minor,
          taxDeductedMinor: o.tax_deducted_minor,
          grandTotalMinor: o.grand_total_minor,
        },
      }
    },
    /** Orders not yet in the ERP that carry this SKU: what a mapping fix will release. */
    notPostedWithSku(sku: string): AffectedOrderRow[] {
      return notPostedWithSku.all(sku) as AffectedOrderRow[]
    },
    byNumber(number: number): AffectedOrderRow | null {
      return (byNumber.get(number) as AffectedOrderRow | undefined) ?? null
    },
    /** SKUs on stored order lines that have no mapping yet. */
    unmappedSkus(): { sku: string; ean: string | null }[] {
      return distinctSkus.all() as { sku: string; ean: string | null }[]
    },
  }
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>
