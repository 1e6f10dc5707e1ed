/** What Instep sends to and reads back from an ERP, independent of the ERP's own API. */

export interface ErpItem {
  /** ERP's own id (a GUID in Business Central) */
  id: string
  number: string
  displayName: string
  gtin: string | null
}

/** A variant of an ERP item (Business Central: item variant, e.g. one per size of a style). */
export interface ErpItemVariant {
  id: string
  itemId: string
  itemNumber: string
  /** the variant code, as the ERP stores it (Business Central: upper case, up to 10 characters) */
  code: string
  description: string
}

/** A place the ERP keeps stock (Business Central: location). */
export interface ErpLocation {
  id: string
  code: string
  displayName: string
}

export interface ErpCustomer {
  id: string
  number: string
  displayName: string
  currencyCode: string
  country: string
}

export interface ErpSalesOrderLineDraft {
  kind: 'item' | 'charge'
  /** ERP item number (for kind 'item') or G/L account / item charge number (for kind 'charge') */
  number: string
  /**
   * kind 'item': the ERP variant of the item, when the SKU is mapped to one. Only present when
   * set, so plans without variants keep the hash they always had.
   */
  variantCode?: string
  /** the Centra SKU of a line with a variant code, so a variant the ERP lacks can be named by SKU */
  sku?: string
  /** kind 'charge': booked on a G/L account (absent) or as an item charge ('item-charge') */
  chargeType?: 'item-charge'
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
