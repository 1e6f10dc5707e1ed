/**
 * Pure mapping between Instep's ERP drafts (integer minor units) and Business Central's sales
 * documents (JSON decimals at the currency's precision).
 */
import Decimal from 'decimal.js'
import type { ErpLineReadBack, ErpOrderRef, ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../../../../../shared/models/erp'
import { fromMinor, toMinor } from '../../../../../../shared/money'

export interface BcSalesOrderLineBody {
  /**
   * 'Charge' is an item charge (Charge (Item) in BC): the API takes the line, but it has no way
   * to assign the charge to item lines, and BC refuses to invoice an unassigned item charge.
   */
  lineType: 'Item' | 'Account' | 'Charge'
  /** absent on variant lines, which name their item by id (see toBcLine) */
  lineObjectNumber?: string
  itemId?: string
  itemVariantId?: string
  description?: string
  quantity: number
  unitPrice: number
  discountAmount?: number
  taxCode?: string
}

export interface BcSalesOrderBody {
  externalDocumentNumber: string
  customerNumber: string
  currencyCode: string
  orderDate: string
  pricesIncludeTax: boolean
  salesOrderLines: BcSalesOrderLineBody[]
}

/** Fields of a BC salesOrder / salesInvoice the mappers read. */
export interface BcSalesDocument {
  id: string
  number: string
  externalDocumentNumber: string
  currencyCode: string
  totalAmountExcludingTax: number
  totalTaxAmount: number
  totalAmountIncludingTax: number
  /** posted invoices: the order they were posted from */
  orderId?: string
  salesOrderLines?: BcSalesLine[]
  salesInvoiceLines?: BcSalesLine[]
}

export interface BcSalesLine {
  id: string
  sequence: number
  lineType: string
  lineObjectNumber: string
  description: string
  quantity: number
  unitPrice: number
  discountAmount: number
  amountExcludingTax: number
  taxCode: string
  taxPercent: number
  totalTaxAmount: number
  amountIncludingTax: number
  netAmount: number
  netTaxAmount: number
  netAmountIncludingTax: number
}

/** BC's description field holds 100 characters; longer Centra names are cut, not rejected. */
const DESCRIPTION_MAX = 100

/** JSON number for a minor amount; exact because the decimal string has currency precision. */
function money(minor: number, currency: string): number {
  return Number(fromMinor(minor, currency))
}

/** The GUIDs of a variant line's item and variant, looked up by the adapter. */
export interface BcLineIds {
  itemId: string
  itemVariantId: string
}

/**
 * A variant line names its item by `itemId` rather than by number: BC checks `itemVariantId`
 * against the item the line already has, and the id makes that item unambiguous.
 */
export function toBcLine(line: ErpSalesOrderLineDraft, currency: string, ids?: BcLineIds): BcSalesOrderLineBody {
  const lineType = line.kind === 'item' ? 'Item' : line.chargeType === 'item-charge' ? 'Charge' : 'Account'
  const body: BcSalesOrderLineBody = {
    lineType,
    ...(ids ? { itemId: ids.itemId, itemVariantId: ids.itemVariantId } : { lineObjectNumber: line.number }),
    quantity: line.quantity,
    unitPrice: money(line.unitPriceMinor, currency),
  }
  if (line.description) body.description = line.description.slice(0, DESCRIPTION_MAX)
  if (line.discountMinor) body.discountAmount = money(line.discountMinor, currency)
  if (line.taxCode) body.taxCode = line.taxCode
  return body
}

/** `ids` holds the looked-up GUIDs of variant lines, by line index. */
export function toBcSalesOrder(draft: ErpSalesOrderDraft, ids: ReadonlyMap<number, BcLineIds> = new Map()): BcSalesOrderBody {
  return {
    externalDocumentNumber: draft.externalDocumentNumber,
    customerNumber: draft.customerNumber,
    currencyCode: draft.currencyCode,
    orderDate: draft.orderDate.slice(0, 10),
    pricesIncludeTax: draft.pricesIncludeTax,
    salesOrderLines: draft.lines.map((l, i) => toBcLine(l, draft.currencyCode, ids.get(i))),
  }
}

/**
 * BC reports LCY documents with the company's LCY code (or blank on older builds); the caller
 * passes the currency it expects so minor units are computed at the right precision.
 */
export function toErpOrderRef(doc: BcSalesDocument, documentType: ErpOrderRef['documentType'], fallbackCurrency: string): ErpOrderRef {
  const currency = doc.currencyCode || fallbackCurrency
  return {
    id: doc.id,
    number: doc.number,
    externalDocumentNumber: doc.externalDocumentNumber,
    documentType,
    totalExcludingTaxMinor: toMinor(doc.totalAmountExcludingTax, currency),
    totalTaxMinor: toMinor(doc.totalTaxAmount, currency),
    totalIncludingTaxMinor: toMinor(doc.totalAmountIncludingTax, currency),
    currencyCode: currency,
  }
}

/** Kept as an alias: the shared model is the contract, this name predates it. */
export type ErpOrderLineReadBack = ErpLineReadBack

export function toLineReadBack(line: BcSalesLine, currency: string): ErpOrderLineReadBack {
  const m = (v: number) => toMinor(v ?? 0, currency)
  return {
    id: line.id,
    sequence: line.sequence,
    kind: line.lineType === 'Item' ? 'item' : line.lineType === 'Comment' ? 'comment' : 'charge',
    number: line.lineObjectNumber,
    description: line.description,
    quantity: line.quantity,
    // Unit prices may carry more decimals than the currency; minor units round them half-up.
    unitPriceMinor: m(line.unitPrice),
    discountMinor: m(line.discountAmount),
    taxCode: line.taxCode,
    taxPercent: new Decimal(line.taxPercent ?? 0).toString(),
    amountExcludingTaxMinor: m(line.amountExcludingTax),
    taxMinor: m(line.totalTaxAmount),
    amountIncludingTaxMinor: m(line.amountIncludingTax),
    netAmountMinor: m(line.netAmount),
    netTaxMinor: m(line.netTaxAmount),
  }
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
