/** Everything Instep knows about one order, read for the order trace. */
import type { Db } from '../open'
import { toException, type ExceptionDbRow } from './exceptions.repo'
import type { ExceptionRow } from '../../../../shared/contract'

export interface TraceOrderRow {
  centra_id: string
  number: number
  status: string
  market_name: string | null
  country_code: string | null
  currency: string
  conversion_rate: string
  tax_mode: string
  order_date: string
  customer_name: string | null
  line_values_minor: number
  discounts_minor: number
  shipping_minor: number
  handling_minor: number
  tax_included_minor: number
  tax_added_minor: number
  grand_total_minor: number
  first_seen_at: string
  updated_at: string
}

export interface TraceLineRow {
  line_id: number
  kind: string
  sku: string | null
  product_name: string | null
  quantity: number
  cancelled_quantity: number
  tax_percent: string
  unit_price_minor: number
  line_value_minor: number
  erp_item_number: string | null
}

export interface TracePostingRow {
  state: string
  idempotency_key: string
  attempts: number
  remote_number: string | null
  last_error: string | null
  plan_json: string | null
  created_at: string
  updated_at: string
  posted_at: string | null
  not_before: string | null
}

export interface TraceDocumentRow {
  id: string
  number: string
  document_type: string
  currency: string
  total_excl_tax_minor: number
  total_tax_minor: number
  total_incl_tax_minor: number
  read_at: string
}

export interface TraceDocumentLineRow {
  sequence: number
  kind: string
  number: string
  quantity: string
  tax_percent: string
  amount_excl_tax_minor: number
  tax_minor: number
  amount_incl_tax_minor: number
}

export interface TraceVarianceRow {
  kind: 'rounding' | 'mismatch'
  field: string
  line_ref: string | null
  centra_minor: number
  erp_minor: number
  diff_minor: number
  explanation: string
  found_at: string
}

export interface TraceShipmentRow {
  source_number: string
  carrier: string | null
  tracking_number: string | null
  shipped_at: string | null
  state: string
  lines_json: string
}


export function createTraceRepo(db: Db) {
  const order = db.prepare('SELECT * FROM centra_orders WHERE number = ?')
  const lines = db.prepare(`SELECT l.line_id, l.kind, l.sku, l.product_name, l.quantity, l.cancelled_quantity, l.tax_percent,
      l.unit_price_minor, l.line_value_minor, m.erp_item_number
    FROM centra_order_lines l LEFT JOIN sku_map m ON m.sku = l.sku WHERE l.centra_order_id = ? ORDER BY l.line_id`)
  const posting = db.prepare('SELECT * FROM postings WHERE centra_order_id = ?')
  const document = db.prepare('SELECT * FROM erp_documents WHERE centra_order_id = ? ORDER BY read_at DESC LIMIT 1')
  const documentLines = db.prepare('SELECT * FROM erp_document_lines WHERE document_id = ? ORDER BY sequence')
  const variances = db.prepare('SELECT * FROM posting_variances WHERE centra_order_id = ? ORDER BY id')
  // The order's own exceptions, and those of the SKUs on its lines (they held it back).
  const exceptions = db.prepare(`SELECT * FROM exceptions
    WHERE (object_type = 'order' AND object_ref = @number) OR trace_key LIKE 'order:' || @number || ':%'
       OR (object_type = 'sku' AND object_ref IN (SELECT sku FROM centra_order_lines WHERE centra_order_id = @centraId AND sku IS NOT NULL))
    ORDER BY CASE WHEN status IN ('open','acknowledged') THEN 0 ELSE 1 END, last_seen_at DESC LIMIT 200`)
  const shipments = db.prepare("SELECT * FROM fulfilments WHERE centra_order_id = ? AND state != 'unmatched' ORDER BY id")

  return {
    order(number: number): TraceOrderRow | null {
      return (order.get(number) as TraceOrderRow | undefined) ?? null
    },
    lines(centraId: string): TraceLineRow[] {
      return lines.all(centraId) as TraceLineRow[]
    },
    posting(centraId: string): TracePostingRow | null {
      return (posting.get(centraId) as TracePostingRow | undefined) ?? null
    },
    document(centraId: string): { doc: TraceDocumentRow; lines: TraceDocumentLineRow[] } | null {
      const doc = document.get(centraId) as TraceDocumentRow | undefined
      return doc ? { doc, lines: documentLines.all(doc.id) as TraceDocumentLineRow[] } : null
    },
    variances(centraId: string): TraceVarianceRow[] {
      return variances.all(centraId) as TraceVarianceRow[]
    },
    exceptions(centraId: string, number: number): ExceptionRow[] {
      return (exceptions.all({ centraId, number: String(number) }) as ExceptionDbRow[]).map(toException)
    },
    shipments(centraId: string): TraceShipmentRow[] {
      return shipments.all(centraId) as TraceShipmentRow[]
    },
  }
}
export type TraceRepo = ReturnType<typeof createTraceRepo>
