/**
 * Centra shipments, events and catalog sizes → small typed records in Centra's own terms. Pure.
 * Shipment money stays as Centra sent it (value + currency) converted to minor units.
 */
import { toMinor } from '../../../../../../shared/money'

export interface CentraShipment {
  id: number
  /** display number "<order>-<n>"; use `id` in calls */
  number: string
  orderNumber: number | null
  orderStatus: string | null
  isGoodToGo: boolean
  isPaid: boolean
  isCaptured: boolean
  isShipped: boolean
  shippedAt: string | null
  trackingNumber: string | null
  grandTotalMinor: number | null
  currency: string | null
  lines: { id: number; orderLineId: number | null; quantity: number }[]
}

export interface CentraEventRecord {
  id: number
  objectType: string
  changeType: string
  /** the object's id; for Order, the order number */
  objectReference: number
  createdAt: string | null
  /** the object's current state as Centra sent it (null for DELETED or types we did not select) */
  rawObject: unknown
}

export interface CentraProductSize {
  sizeId: number
  sku: string
  ean: string | null
  sizeNumber: string | null
  sizeName: string | null
  isActive: boolean
  variantId: number | null
  variantNumber: string | null
  productId: number | null
  productNumber: string | null
  productName: string | null
  freeToAllocate: number | null
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {})
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

export function mapCentraShipment(raw: unknown): CentraShipment {
  const s = obj(raw)
  const id = num(s.id)
  if (id === null) throw new Error('Centra sent a shipment without an id')
  const total = obj(s.grandTotal)
  const currency = str(obj(total.currency).code)
  const value = num(total.value)
  return {
    id,
    number: str(s.number) ?? String(id),
    orderNumber: num(obj(s.order).number),
    orderStatus: str(obj(s.order).status),
    isGoodToGo: s.isGoodToGo === true,
    isPaid: s.isPaid === true,
    isCaptured: s.isCaptured === true,
    isShipped: s.isShipped === true,
    shippedAt: str(s.shippedAt),
    trackingNumber: str(s.trackingNumber),
    grandTotalMinor: currency && value !== null ? toMinor(value, currency) : null,
    currency,
    lines: (Array.isArray(s.lines) ? s.lines : []).map((l) => ({
      id: num(obj(l).id) ?? 0,
      orderLineId: num(obj(obj(l).orderLine).id),
      quantity: num(obj(l).quantity) ?? 0,
    })),
  }
}

export function mapCentraEvent(raw: unknown): CentraEventRecord {
  const e = obj(raw)
  const id = num(e.id)
  const ref = num(e.objectReference) ?? (typeof e.objectReference === 'string' ? Number(e.objectReference) : null)
  if (id === null || ref === null || !Number.isFinite(ref)) throw new Error('Centra sent an event without an id or object reference')
  return {
    id,
    objectType: String(e.objectType),
    changeType: String(e.changeType),
    objectReference: ref,
    createdAt: str(e.createdAt),
    rawObject: e.object ?? null,
  }
}

export function mapCentraProductSize(raw: unknown): CentraProductSize {
  const s = obj(raw)
  const variant = obj(s.productVariant)
  const product = obj(variant.product)
  const stock = s.stockTotals ? obj(s.stockTotals) : null
  return {
    sizeId: num(s.id) ?? 0,
    sku: str(s.SKU) ?? '',
    ean: str(s.EAN) ?? str(s.GTIN),
    sizeNumber: str(s.sizeNumber),
    sizeName: str(s.description),
    isActive: s.isActive !== false,
    variantId: num(variant.id),
    variantNumber: str(variant.variantNumber),
    productId: num(product.id),
    productNumber: str(product.productNumber),
    productName: str(product.name),
    freeToAllocate: stock ? num(stock.freeToAllocateQuantity) : null,
  }
}
