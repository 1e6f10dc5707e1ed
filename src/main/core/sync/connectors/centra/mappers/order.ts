/**
 * Centra order JSON → StoreOrder. Pure: no I/O, no clock. Floats become integer minor units
 * exactly once, here, with the order currency's digits (toMinor: half away from zero).
 *
 * Tax mode, decided from the order's own totals because Centra has no "prices include tax"
 * field on the order:
 *   1. taxAdded ≠ 0                      → 'added'    (tax on top of net prices, e.g. US sales tax)
 *   2. taxIncluded ≠ 0 or taxDeducted ≠ 0 → 'included' (tax inside gross prices, e.g. EU VAT)
 *   3. no tax at all                      → 'added'    (gross = net, so reading prices as net is
 *      exact, and the ERP applies its own — zero — tax instead of extracting one)
 * Line prices then come from the matching variant: Centra's price fields default to
 * includingTax: true (gross); in tax-added markets the `…Net` aliases (includingTax: false) are
 * used so line values are the net amounts the totals add up from. When the net aliases were not
 * selected (older payloads), the default values are used as they are.
 *
 * Discounts: Centra's sign convention for totals.discounts is not documented; the magnitude is
 * kept (a discount is always money off).
 */
import { toMinor } from '../../../../../../shared/money'
import type { StoreOrder, StoreOrderLine, StoreOrderStatus, StoreType, TaxMode } from '../../../../../../shared/models/store-order'

export class CentraMappingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CentraMappingError'
  }
}

type Json = Record<string, unknown>
const STATUSES: StoreOrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'ARCHIVED', 'CANCELLED']
const LINE_KINDS: Record<string, StoreOrderLine['kind']> = {
  ProductOrderLine: 'product',
  BundleOrderLine: 'bundle',
  BundleItemOrderLine: 'bundleItem',
  GiftCertificateOrderLine: 'giftCertificate',
}

const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

function moneyValue(v: unknown): number | null {
  const m = obj(v)
  const value = m ? m.value : undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The order's currency: grand total first, then any money field that names one. */
function currencyOf(order: Json): string | null {
  const fromMoney = (v: unknown) => str(obj(obj(v)?.currency)?.code)
  const direct = fromMoney(order.grandTotal)
  if (direct) return direct
  for (const line of Array.isArray(order.lines) ? order.lines : []) {
    const l = obj(line)
    const code = l && (fromMoney(l.unitPrice) ?? fromMoney(l.lineValue))
    if (code) return code
  }
  return null
}

export function deriveTaxMode(totals: { taxAdded: number; taxIncluded: number; taxDeducted: number }): TaxMode {
  if (totals.taxAdded !== 0) return 'added'
  if (totals.taxIncluded !== 0 || totals.taxDeducted !== 0) return 'included'
  return 'added'
}

/** Maps one order line; exported for tests on recorded payloads that carry lines only. */
export function mapCentraOrderLine(raw: unknown, currency: string, taxMode: TaxMode = 'included', orderRef = 'the order'): StoreOrderLine {
  const line = obj(raw)
  if (!line) throw new CentraMappingError(`A line of ${orderRef} is not an object`)
  const id = line.id
  if (typeof id !== 'number') throw new CentraMappingError(`A line of ${orderRef} has no numeric id`)
  const pick = (gross: unknown, net: unknown, field: string): number => {
    const chosen = taxMode === 'added' && moneyValue(net) !== null ? moneyValue(net) : moneyValue(gross)
    if (chosen === null) throw new CentraMappingError(`Line ${id} of ${orderRef} has no ${field}`)
    return toMinor(chosen, currency)
  }
  const quantity = typeof line.quantity === 'number' ? line.quantity : null
  if (quantity === null) throw new CentraMappingError(`Line ${id} of ${orderRef} has no quantity`)
  const unitPriceMinor = pick(line.unitPrice, line.unitPriceNet, 'unitPrice')
  const size = obj(line.productSize)
  const product = obj(line.product)
  const taxPercent = typeof line.taxPercent === 'number' ? String(line.taxPercent) : '0'
  return {
    lineId: id,
    kind: LINE_KINDS[String(line.__typename)] ?? 'product',
    sku: str(size?.SKU),
    ean: str(size?.EAN) ?? str(size?.GTIN),
    productNumber: str(line.productNumber) ?? '',
    size: str(line.size) ?? str(size?.description) ?? '',
    productName: str(line.productName) ?? str(product?.name),
    quantity,
    cancelledQuantity: typeof line.cancelledQuantity === 'number' ? line.cancelledQuantity : 0,
    taxPercent,
    unitPriceMinor,
    unitOriginalPriceMinor:
      moneyValue(line.unitOriginalPrice) !== null ? pick(line.unitOriginalPrice, line.unitOriginalPriceNet, 'unitOriginalPrice') : unitPriceMinor,
    lineValueMinor: moneyValue(line.lineValue) !== null ? pick(line.lineValue, line.lineValueNet, 'lineValue') : unitPriceMinor * quantity,
  }
}

export function mapCentraOrder(raw: unknown): StoreOrder {
  const order = obj(raw)
  if (!order) throw new CentraMappingError('Centra sent an order that is not an object')
  const number = order.number
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new CentraMappingError('Centra sent an order without a number')
  const ref = `Centra order ${number}`
  const id = str(order.id)
  if (!id) throw new CentraMappingError(`${ref} has no id`)
  const status = order.status as StoreOrderStatus
  if (!STATUSES.includes(status)) throw new CentraMappingError(`${ref} has an unknown status "${String(order.status)}"`)
  const orderDateRaw = str(order.orderDate)
  const orderMs = orderDateRaw ? Date.parse(orderDateRaw) : NaN
  if (!Number.isFinite(orderMs)) throw new CentraMappingError(`${ref} has no valid orderDate`)
  const currency = currencyOf(order)
  if (!currency) throw new CentraMappingError(`${ref} has no currency (grandTotal.currency.code)`)
  const grandTotal = moneyValue(order.grandTotal)
  if (grandTotal === null) throw new CentraMappingError(`${ref} has no grandTotal`)
  const totals = obj(order.totals)
  if (!totals) throw new CentraMappingError(`${ref} has no totals`)
  const minor = (v: unknown) => toMinor(moneyValue(v) ?? 0, currency)
  const taxAddedMinor = minor(totals.taxAdded)
  const taxIncludedMinor = minor(totals.taxIncluded)
  const taxDeductedMinor = minor(totals.taxDeducted)
  const taxMode = deriveTaxMode({ taxAdded: taxAddedMinor, taxIncluded: taxIncludedMinor, taxDeducted: taxDeductedMinor })
  const rawLines = Array.isArray(order.lines) ? order.lines : []
  const lines = rawLines.map((l) => mapCentraOrderLine(l, currency, taxMode, ref))

  const storeType: StoreType =
    obj(order.store)?.type === 'WHOLESALE' || order.__typename === 'WholesaleOrder' ? 'WHOLESALE' : 'DIRECT_TO_CONSUMER'
  const market = obj(order.market)
  const address = obj(order.shippingAddress)
  const person = obj(order.customer) ?? obj(order.buyer)
  const name = [str(person?.firstName) ?? str(address?.firstName), str(person?.lastName) ?? str(address?.lastName)].filter(Boolean).join(' ')
  const conversionRate = obj(order.grandTotal)?.conversionRate

  return {
    centraId: id,
    number,
    status,
    storeType,
    marketId: typeof market?.id === 'number' ? market.id : null,
    marketName: str(market?.name),
    countryCode: str(obj(address?.country)?.code),
    currency,
    conversionRate: typeof conversionRate === 'number' && Number.isFinite(conversionRate) ? String(conversionRate) : '1',
    taxMode,
    orderDate: new Date(orderMs).toISOString(),
    customerEmail: str(person?.email) ?? str(address?.email),
    customerName: name || null,
    lines,
    totals: {
      lineValuesMinor: minor(totals.lineValues),
      discountsMinor: Math.abs(minor(totals.discounts)),
      shippingMinor: minor(totals.shipping),
      handlingMinor: minor(totals.handling),
      taxIncludedMinor,
      taxAddedMinor,
      taxDeductedMinor,
      grandTotalMinor: toMinor(grandTotal, currency),
    },
  }
}
