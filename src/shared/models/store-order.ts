/**
 * An order as Instep understands it, mapped from Centra's shapes by a pure mapper.
 * Money is integer minor units in the order currency.
 */
export type StoreType = 'DIRECT_TO_CONSUMER' | 'WHOLESALE'
export type TaxMode = 'included' | 'added'
export type StoreOrderStatus = 'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'ARCHIVED' | 'CANCELLED'

export interface StoreOrderLine {
  /** Centra order line id */
  lineId: number
  kind: 'product' | 'bundle' | 'bundleItem' | 'giftCertificate'
  sku: string | null
  ean: string | null
  productNumber: string
  size: string
  productName: string | null
  /** current quantity, cancelled units excluded */
  quantity: number
  cancelledQuantity: number
  /** tax rate in percent as a decimal string ("25", "8.875") */
  taxPercent: string
  unitPriceMinor: number
  unitOriginalPriceMinor: number
  /** unitPrice x quantity, as Centra reports it (tax included when the market includes tax) */
  lineValueMinor: number
}

export interface StoreOrderTotals {
  lineValuesMinor: number
  discountsMinor: number
  shippingMinor: number
  handlingMinor: number
  taxIncludedMinor: number
  taxAddedMinor: number
  taxDeductedMinor: number
  grandTotalMinor: number
}

export interface StoreOrder {
  centraId: string
  number: number
  status: StoreOrderStatus
  storeType: StoreType
  marketId: number | null
  marketName: string | null
  countryCode: string | null
  currency: string
  /** Centra's conversionRate for the order, kept as a decimal string */
  conversionRate: string
  taxMode: TaxMode
  orderDate: string
  customerEmail: string | null
  customerName: string | null
  lines: StoreOrderLine[]
  totals: StoreOrderTotals
}
