/** What Instep sends to and reads back from an ERP, independent of the ERP's own API. */

export interface ErpItem {
  /** ERP's own id (a GUID in Business Central) */
  id: string
  number: string
  displayName: string
  gtin: string | null
}

export interface ErpSalesOrderLineDraft {
  kind: 'item' | 'charge'
  /** ERP item number (for kind 'item') or G/L account / charge number (for kind 'charge') */
  number: string
  description: string
  quantity: number
  /** unit price in minor units of the order currency, gross when pricesIncludeTax */
  unitPriceMinor: number
  /** line discount in minor units of the order currency (line and order-level discounts together) */
  discountMinor: number
  taxCode: string | null
  /** tax rate in percent as Centra charged it, e.g. "25" */
  taxPercent: string
  /** tax on this line as Centra's data implies it, for comparison with what the ERP computes */
  expectedTaxMinor: number
  /** Centra order line this comes from (null for shipping and handling) */
  sourceLineId: number | null
}

/** An ERP customer Instep may have to create (one per shopper, when the workspace says so). */
export interface ErpCustomerDraft {
  number: string
  displayName: string
  email: string | null
  country: string
  currencyCode: string
}

export interface ErpSalesOrderDraft {
  /** our idempotency key, sent as the ERP's external document number */
  externalDocumentNumber: string
  customerNumber: string
  currencyCode: string
  orderDate: string
  pricesIncludeTax: boolean
  lines: ErpSalesOrderLineDraft[]
  /** set when the customer is one per shopper: ensured in the ERP before the order is created */
  customer?: ErpCustomerDraft
  /** the order total the customer paid, which the ERP document must reproduce */
  expectedTotalMinor: number
  expectedTaxMinor: number
}

export interface ErpOrderRef {
  id: string
  number: string
  externalDocumentNumber: string
  /** where it was found: an open order or an already posted invoice */
  documentType: 'salesOrder' | 'salesInvoice'
  totalExcludingTaxMinor: number
  totalTaxMinor: number
  totalIncludingTaxMinor: number
  currencyCode: string
}

/** One line of an ERP document as the ERP computed it. */
export interface ErpLineReadBack {
  id: string
  sequence: number
  kind: 'item' | 'charge' | 'comment'
  number: string
  description: string
  quantity: number
  unitPriceMinor: number
  discountMinor: number
  taxCode: string
  /** percent as a decimal string; sales tax shows an effective rate such as "6.00002" */
  taxPercent: string
  /** per-line presentation (can differ from the header by rounding cents) */
  amountExcludingTaxMinor: number
  taxMinor: number
  amountIncludingTaxMinor: number
  /** stored amounts after invoice discount; these sum to the header totals */
  netAmountMinor: number
  netTaxMinor: number
}

export interface ErpDocumentReadBack extends ErpOrderRef {
  lines: ErpLineReadBack[]
}
