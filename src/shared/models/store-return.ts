/**
 * A Centra return as Instep records it for reconciliation and the order trace. Returns are not
 * posted to the ERP: finance raises credit notes there. Money is integer minor units in the
 * order currency, gross (tax included), as the shopper paid it.
 */
export type StoreReturnStatus = 'pending' | 'completed'

export interface StoreReturnLine {
  /** Centra return line id */
  lineId: string
  /** the order line the units came from, when Centra said */
  orderLineId: number | null
  sku: string | null
  quantity: number
  /** the returned units' share of the shipped line value */
  valueMinor: number
}

export interface StoreReturn {
  returnId: string
  orderNumber: number
  status: StoreReturnStatus
  /** when Centra created it; null when Centra gave no date (then the first time Instep saw it counts) */
  createdAt: string | null
  completedAt: string | null
  currency: string
  comment: string | null
  lines: StoreReturnLine[]
  linesMinor: number
  shippingMinor: number
  handlingMinor: number
  /** voucher value given back to the order with the return: it lowers what the return is worth */
  voucherMinor: number
  /** lines + shipping + handling − voucher */
  totalMinor: number
}
