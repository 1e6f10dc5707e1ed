/**
 * Row validation for inbound files, one zod schema per kind. Input is the row as text keyed by
 * our field names (a column the file lacks arrives as ''); output is typed, with money in
 * integer minor units of the row's currency and quantities as integers. Every message is the
 * "what was expected" half of a sentence in the quarantine sidecar.
 */
import { z } from 'zod'
import { fromMinor } from '../../../../../shared/money'
import { parseDate, parseDecimal, parseWholeNumber, toMinorExact, type DateFormat, type DecimalSeparator, type DecimalSeparatorOption, type Parsed } from './values'

export interface ValueOptions {
  decimalSeparator: DecimalSeparatorOption
  /** what the file's delimiter suggests for "1,234"-style values (semicolon files: decimal comma) */
  decimalHint: DecimalSeparator | null
  dateFormat: DateFormat
  /** currency for rows that leave it blank (ERPs often leave the local currency empty) */
  localCurrency: string | null
}

export interface StockRow {
  itemNumber: string
  variant: string | null
  location: string
  quantity: number
  /** YYYY-MM-DD */
  asOf: string
}

export interface ShipmentRow {
  /** our order key (the external document number we sent) or the order number */
  orderKey: string
  lineNo: number | null
  itemNumber: string | null
  quantity: number
  carrier: string
  trackingNumber: string | null
  shippedDate: string
}

export interface ErpOrderRow {
  documentNumber: string
  externalDocumentNumber: string | null
  documentType: 'salesOrder' | 'salesInvoice'
  documentDate: string
  currencyCode: string
  totalExcludingTaxMinor: number
  totalTaxMinor: number
  totalIncludingTaxMinor: number
  /** null when the export has no line columns */
  line: { lineNo: number | null; itemNumber: string | null; description: string | null; quantity: number | null; lineAmountMinor: number | null } | null
}

export interface ItemRow {
  number: string
  description: string
  gtin: string | null
}

const REQUIRED = 'a value (this column may not be empty)'

function parsedField<T>(fn: (s: string) => Parsed<T>) {
  return z.string().transform((s, ctx) => {
    const r = fn(s)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.expected })
      return z.NEVER
    }
    return r.value
  })
}

const text = () => z.string().trim().min(1, REQUIRED)
const optionalText = () =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s))

function orNull<T>(fn: (s: string) => Parsed<T>) {
  return parsedField<T | null>((s) => (s.trim() === '' ? { ok: true, value: null } : fn(s)))
}

function required<T>(fn: (s: string) => Parsed<T>) {
  return parsedField<T>((s) => (s.trim() === '' ? { ok: false, expected: REQUIRED } : fn(s)))
}

const CURRENCY = /^[A-Z]{3}$/

function documentType(s: string): Parsed<ErpOrderRow['documentType']> {
  const n = s.trim().toLowerCase().replace(/[^a-z]/g, '')
  if (n === '' || ['order', 'salesorder', 'o', 'so'].includes(n)) return { ok: true, value: 'salesOrder' }
  if (['invoice', 'salesinvoice', 'postedinvoice', 'postedsalesinvoice', 'i', 'inv'].includes(n)) return { ok: true, value: 'salesInvoice' }
  return { ok: false, expected: '"order" or "invoice"' }
}

export function schemasFor(o: ValueOptions) {
  const qty = (min: number) => required((s) => parseWholeNumber(s, o.decimalSeparator, o.decimalHint, min))
  const date = () => required((s) => parseDate(s, o.dateFormat))
  const amount = () => required((s) => parseDecimal(s, o.decimalSeparator, o.decimalHint))
  const lineNo = () => orNull((s) => parseWholeNumber(s, o.decimalSeparator, o.decimalHint, 1))

  const stock = z.object({
    itemNumber: text(),
    variant: optionalText(),
    location: text(),
    quantity: qty(0),
    asOf: date(),
  }) satisfies z.ZodType<StockRow, Record<string, string>>

  const shipments = z
    .object({
      orderKey: text(),
      lineNo: lineNo(),
      itemNumber: optionalText(),
      quantity: qty(1),
      carrier: text(),
      trackingNumber: optionalText(),
      shippedDate: date(),
    })
    .superRefine((row, ctx) => {
      if (row.lineNo === null && row.itemNumber === null) {
        ctx.addIssue({ code: 'custom', path: ['itemNumber'], message: 'a line number or an item number, so we know what was shipped' })
      }
    }) satisfies z.ZodType<ShipmentRow, Record<string, string>>

  const currency = z
    .string()
    .trim()
    .transform((s, ctx) => {
      const c = s.toUpperCase() || o.localCurrency
      if (!c || !CURRENCY.test(c)) {
        ctx.addIssue({ code: 'custom', message: 'a three-letter currency code such as EUR' + (o.localCurrency ? '' : ' (or set the local currency for this connection)') })
        return z.NEVER
      }
      return c
    })

  const erpOrders = z
    .object({
      documentNumber: text(),
      externalDocumentNumber: optionalText(),
      documentType: parsedField(documentType),
      documentDate: date(),
      currency,
      totalExcludingTax: amount(),
      totalTax: amount(),
      totalIncludingTax: amount(),
      lineNo: lineNo(),
      itemNumber: optionalText(),
      description: optionalText(),
      quantity: orNull((s) => parseWholeNumber(s, o.decimalSeparator, o.decimalHint, 0)),
      lineAmount: orNull((s) => parseDecimal(s, o.decimalSeparator, o.decimalHint)),
    })
    .transform((row, ctx): ErpOrderRow => {
      const minor = (field: string, value: string | null): number | null => {
        if (value === null) return null
        const r = toMinorExact(value, row.currency)
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', path: [field], message: r.expected })
          return null
        }
        return r.value
      }
      const excl = minor('totalExcludingTax', row.totalExcludingTax)
      const tax = minor('totalTax', row.totalTax)
      const incl = minor('totalIncludingTax', row.totalIncludingTax)
      const lineAmount = minor('lineAmount', row.lineAmount)
      if (excl !== null && tax !== null && incl !== null && excl + tax !== incl) {
        const c = row.currency
        ctx.addIssue({
          code: 'custom',
          path: ['totalIncludingTax'],
          message: `total excluding tax plus tax: ${fromMinor(excl, c)} + ${fromMinor(tax, c)} = ${fromMinor(excl + tax, c)}`,
        })
      }
      const hasLine = row.lineNo !== null || row.itemNumber !== null || row.quantity !== null || row.lineAmount !== null
      return {
        documentNumber: row.documentNumber,
        externalDocumentNumber: row.externalDocumentNumber,
        documentType: row.documentType,
        documentDate: row.documentDate,
        currencyCode: row.currency,
        totalExcludingTaxMinor: excl ?? 0,
        totalTaxMinor: tax ?? 0,
        totalIncludingTaxMinor: incl ?? 0,
        line: hasLine
          ? { lineNo: row.lineNo, itemNumber: row.itemNumber, description: row.description, quantity: row.quantity, lineAmountMinor: lineAmount }
          : null,
      }
    })

  const items = z.object({
    number: text(),
    description: z.string().trim(),
    gtin: optionalText(),
  }) satisfies z.ZodType<ItemRow, Record<string, string>>

  return { stock, shipments, 'erp-orders': erpOrders, items }
}

export type InboundSchemas = ReturnType<typeof schemasFor>
