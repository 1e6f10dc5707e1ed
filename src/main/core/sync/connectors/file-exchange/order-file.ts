/**
 * Pure mapping between Instep's sales-order drafts (integer minor units) and the order files
 * the ERP imports: CSV with one row per order line and the order's header fields repeated on
 * every row, or JSON holding the whole draft with amounts as decimal strings. The same draft
 * always gives the same bytes, which is what makes re-writing an order idempotent.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { ErpOrderRef, ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../../../../shared/models/erp'
import { fromMinor, toMinor } from '../../../../../shared/money'
import { normalizeHeader } from './columns'

export const ORDER_COLUMNS = [
  'orderKey',
  'customerNumber',
  'currency',
  'orderDate',
  'pricesIncludeTax',
  'lineNo',
  'lineType',
  'itemNumber',
  'description',
  'quantity',
  'unitPrice',
  'discount',
  'taxCode',
  'taxPercent',
  'lineAmount',
  'lineTax',
] as const
export type OrderColumn = (typeof ORDER_COLUMNS)[number]

export const DEFAULT_ORDER_HEADERS: Record<OrderColumn, string> = {
  orderKey: 'order_key',
  customerNumber: 'customer_number',
  currency: 'currency',
  orderDate: 'order_date',
  pricesIncludeTax: 'prices_include_tax',
  lineNo: 'line_no',
  lineType: 'line_type',
  itemNumber: 'item_number',
  description: 'description',
  quantity: 'quantity',
  unitPrice: 'unit_price',
  discount: 'discount',
  taxCode: 'tax_code',
  taxPercent: 'tax_percent',
  lineAmount: 'line_amount',
  lineTax: 'line_tax',
}

export const ORDER_JSON_FORMAT = 'instep.sales-order.v1'

export interface OrderCsvOptions {
  headers: Record<OrderColumn, string>
  delimiter: string
  decimalSeparator: '.' | ','
}

/** Line amount as the ERP should book it: quantity × unit price − line discount (gross when prices include tax). */
export function lineAmountMinor(line: ErpSalesOrderLineDraft): number {
  const amount = line.quantity * line.unitPriceMinor - line.discountMinor
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Line amount for ${line.number} is too large`)
  return amount
}

/** Problems that make a draft unwritable; empty when it is fine. */
export function draftProblems(draft: ErpSalesOrderDraft): string[] {
  const problems: string[] = []
  if (!draft.externalDocumentNumber?.trim()) problems.push('the order key (external document number) is empty')
  if (!/^[A-Z]{3}$/.test(draft.currencyCode)) problems.push(`currency "${draft.currencyCode}" is not a three-letter ISO code`)
  if (!/^\d{4}-\d{2}-\d{2}/.test(draft.orderDate)) problems.push(`order date "${draft.orderDate}" is not an ISO date`)
  if (draft.lines.length === 0) problems.push('the order has no lines')
  draft.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.quantity)) problems.push(`line ${i + 1}: quantity ${l.quantity} is not a whole number`)
    if (!Number.isSafeInteger(l.unitPriceMinor)) problems.push(`line ${i + 1}: unit price ${l.unitPriceMinor} is not in minor units`)
    if (!Number.isSafeInteger(l.discountMinor)) problems.push(`line ${i + 1}: discount ${l.discountMinor} is not in minor units`)
    if (!Number.isSafeInteger(l.expectedTaxMinor)) problems.push(`line ${i + 1}: tax ${l.expectedTaxMinor} is not in minor units`)
    if (!l.number?.trim()) problems.push(`line ${i + 1}: the item number is empty`)
  })
  return problems
}

function decimal(minor: number, currency: string, sep: '.' | ','): string {
  const text = fromMinor(minor, currency)
  return sep === ',' ? text.replace('.', ',') : text
}

export function orderCsv(drafts: ErpSalesOrderDraft[], o: OrderCsvOptions): string {
  const rows: string[][] = [ORDER_COLUMNS.map((c) => o.headers[c])]
  for (const d of drafts) {
    d.lines.forEach((l, i) => {
      const values: Record<OrderColumn, string> = {
        orderKey: d.externalDocumentNumber,
        customerNumber: d.customerNumber,
        currency: d.currencyCode,
        orderDate: d.orderDate.slice(0, 10),
        pricesIncludeTax: d.pricesIncludeTax ? 'true' : 'false',
        lineNo: String(i + 1),
        lineType: l.kind,
        itemNumber: l.number,
        description: l.description,
        quantity: String(l.quantity),
        unitPrice: decimal(l.unitPriceMinor, d.currencyCode, o.decimalSeparator),
        discount: decimal(l.discountMinor, d.currencyCode, o.decimalSeparator),
        taxCode: l.taxCode ?? '',
        taxPercent: o.decimalSeparator === ',' ? l.taxPercent.replace('.', ',') : l.taxPercent,
        lineAmount: decimal(lineAmountMinor(l), d.currencyCode, o.decimalSeparator),
        lineTax: decimal(l.expectedTaxMinor, d.currencyCode, o.decimalSeparator),
      }
      rows.push(ORDER_COLUMNS.map((c) => values[c]))
    })
  }
  // CRLF: what Excel and most ERP import tools expect; quoting only where a value needs it.
  return stringify(rows, { delimiter: o.delimiter, record_delimiter: '\r\n' })
}

interface JsonOrderLine {
  lineNo: number
  kind: 'item' | 'charge'
  number: string
  description: string
  quantity: number
  unitPrice: string
  discount: string
  taxCode: string | null
  taxPercent: string
  lineAmount: string
  /** tax on the line as Centra charged it; the ERP computes its own */
  expectedTax: string
  sourceLineId: number | null
}

interface JsonOrder {
  format: typeof ORDER_JSON_FORMAT
  externalDocumentNumber: string
  customerNumber: string
  currencyCode: string
  orderDate: string
  pricesIncludeTax: boolean
  lines: JsonOrderLine[]
  totalLineAmount: string
  expectedTotal: string
  expectedTax: string
}

function toJsonOrder(d: ErpSalesOrderDraft): JsonOrder {
  const c = d.currencyCode
  return {
    format: ORDER_JSON_FORMAT,
    externalDocumentNumber: d.externalDocumentNumber,
    customerNumber: d.customerNumber,
    currencyCode: c,
    orderDate: d.orderDate.slice(0, 10),
    pricesIncludeTax: d.pricesIncludeTax,
    lines: d.lines.map((l, i) => ({
      lineNo: i + 1,
      kind: l.kind,
      number: l.number,
      description: l.description,
      quantity: l.quantity,
      unitPrice: fromMinor(l.unitPriceMinor, c),
      discount: fromMinor(l.discountMinor, c),
      taxCode: l.taxCode,
      taxPercent: l.taxPercent,
      lineAmount: fromMinor(lineAmountMinor(l), c),
      expectedTax: fromMinor(l.expectedTaxMinor, c),
      sourceLineId: l.sourceLineId,
    })),
    totalLineAmount: fromMinor(
      d.lines.reduce((s, l) => s + lineAmountMinor(l), 0),
      c,
    ),
    expectedTotal: fromMinor(d.expectedTotalMinor, c),
    expectedTax: fromMinor(d.expectedTaxMinor, c),
  }
}

/** One order → one JSON object; a batch → `{ format, orders: [...] }`. */
export function orderJson(drafts: ErpSalesOrderDraft[], single: boolean): string {
  const body = single ? toJsonOrder(drafts[0]) : { format: ORDER_JSON_FORMAT, orders: drafts.map(toJsonOrder) }
  return JSON.stringify(body, null, 2) + '\n'
}

/** Reads our own JSON order files back into drafts. */
export function readOrderJson(text: string): ErpSalesOrderDraft[] {
  const doc = JSON.parse(text) as JsonOrder | { orders: JsonOrder[] }
  const orders = 'orders' in doc ? doc.orders : [doc]
  return orders.map((o) => ({
    externalDocumentNumber: o.externalDocumentNumber,
    customerNumber: o.customerNumber,
    currencyCode: o.currencyCode,
    orderDate: o.orderDate,
    pricesIncludeTax: o.pricesIncludeTax,
    lines: o.lines.map((l) => ({
      kind: l.kind,
      number: l.number,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor: toMinor(l.unitPrice, o.currencyCode),
      discountMinor: toMinor(l.discount, o.currencyCode),
      taxCode: l.taxCode,
      taxPercent: l.taxPercent,
      expectedTaxMinor: toMinor(l.expectedTax, o.currencyCode),
      sourceLineId: l.sourceLineId,
    })),
    expectedTotalMinor: toMinor(o.expectedTotal, o.currencyCode),
    expectedTaxMinor: toMinor(o.expectedTax, o.currencyCode),
  }))
}

/**
 * Reads our own CSV order files back into drafts (rows grouped by order key, in file order).
 * A CSV does not carry the Centra line ids or the order's expected totals: those come back as
 * null and as the sums of the lines.
 */
export function readOrderCsv(text: string, o: OrderCsvOptions): ErpSalesOrderDraft[] {
  const records = parse(text, { bom: true, delimiter: o.delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][]
  if (records.length === 0) return []
  const header = records[0].map(normalizeHeader)
  const col = (c: OrderColumn) => header.indexOf(normalizeHeader(o.headers[c]))
  const at = Object.fromEntries(ORDER_COLUMNS.map((c) => [c, col(c)])) as Record<OrderColumn, number>
  const num = (v: string) => (o.decimalSeparator === ',' ? v.replace(',', '.') : v)
  const drafts = new Map<string, ErpSalesOrderDraft>()
  const cell = (r: string[], c: OrderColumn) => (at[c] >= 0 ? (r[at[c]] ?? '') : '')
  for (const r of records.slice(1)) {
    const key = r[at.orderKey]
    const currency = r[at.currency]
    let d = drafts.get(key)
    if (!d) {
      d = {
        externalDocumentNumber: key,
        customerNumber: r[at.customerNumber],
        currencyCode: currency,
        orderDate: r[at.orderDate],
        pricesIncludeTax: r[at.pricesIncludeTax] === 'true',
        lines: [],
        expectedTotalMinor: 0,
        expectedTaxMinor: 0,
      }
      drafts.set(key, d)
    }
    d.lines.push({
      kind: r[at.lineType] === 'charge' ? 'charge' : 'item',
      number: r[at.itemNumber],
      description: r[at.description] ?? '',
      quantity: Number(r[at.quantity]),
      unitPriceMinor: toMinor(num(r[at.unitPrice]), currency),
      discountMinor: toMinor(num(r[at.discount]), currency),
      taxCode: cell(r, 'taxCode') || null,
      taxPercent: num(cell(r, 'taxPercent')) || '0',
      expectedTaxMinor: toMinor(num(cell(r, 'lineTax')) || '0', currency),
      sourceLineId: null,
    })
  }
  for (const d of drafts.values()) {
    const t = totalsFromDraft(d)
    d.expectedTaxMinor = t.totalTaxMinor
    d.expectedTotalMinor = t.totalIncludingTaxMinor
  }
  return [...drafts.values()]
}

/**
 * Totals of an order we wrote, from its lines: the line amounts and the tax Centra charged on
 * each line. The ERP computes its own tax; its figures replace these once its export is
 * imported (see `findByExternalDocumentNumber`).
 */
export function totalsFromDraft(
  draft: ErpSalesOrderDraft,
): Pick<ErpOrderRef, 'totalExcludingTaxMinor' | 'totalTaxMinor' | 'totalIncludingTaxMinor'> {
  let sum = 0
  let tax = 0
  for (const line of draft.lines) {
    sum += lineAmountMinor(line)
    tax += line.expectedTaxMinor
  }
  return draft.pricesIncludeTax
    ? { totalExcludingTaxMinor: sum - tax, totalTaxMinor: tax, totalIncludingTaxMinor: sum }
    : { totalExcludingTaxMinor: sum, totalTaxMinor: tax, totalIncludingTaxMinor: sum + tax }
}
