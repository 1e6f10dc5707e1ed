/**
 * Centra return JSON → StoreReturn. Pure. A return line's value is its share of the shipment
 * line's gross value (returned units ÷ shipped units, half away from zero), so a whole line
 * returned is exactly what was shipped. The extra values (shipping, handling, voucher) and the
 * dates are read from fields whose names are unverified (see the simulator schema); a missing
 * one counts as zero or unknown, never as a guess.
 */
import Decimal from 'decimal.js'
import { toMinor } from '../../../../../../shared/money'
import type { StoreReturn, StoreReturnLine } from '../../../../../../shared/models/store-return'
import { CentraMappingError } from './order'

type Json = Record<string, unknown>
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
/** Centra prints dates with an offset; stored as UTC ISO so month boundaries compare as text. */
const isoDate = (v: unknown): string | null => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

function money(v: unknown): { value: number; currency: string | null } | null {
  const m = obj(v)
  const value = m ? num(m.value) : null
  return value === null ? null : { value, currency: str(obj(m!.currency)?.code) }
}

/** Centra's status text is unverified ("pending"/"completed" in the docs' prose): anything saying complete counts as completed. */
export function returnStatus(raw: unknown): StoreReturn['status'] {
  return typeof raw === 'string' && /complete/i.test(raw) ? 'completed' : 'pending'
}

export function mapCentraReturn(raw: unknown): StoreReturn {
  const r = obj(raw)
  const id = r ? num(r.id) : null
  if (!r || id === null) throw new CentraMappingError('Centra sent a return without an id')
  const shipment = obj(r.shipment)
  const order = obj(shipment?.order)
  const orderNumber = order ? num(order.number) : null
  if (orderNumber === null) throw new CentraMappingError(`Return ${id} names no order (its shipment has no order number)`)
  const rawLines = Array.isArray(r.lines) ? r.lines : []
  const extras = { shipping: money(r.shippingCost), handling: money(r.handlingCost), voucher: money(r.voucherValue) }
  let currency: string | null = str(obj(obj(shipment?.grandTotal)?.currency)?.code)
  for (const l of rawLines) currency ??= money(obj(obj(l)?.shipmentLine)?.lineValue)?.currency ?? null
  currency ??= extras.shipping?.currency ?? extras.handling?.currency ?? extras.voucher?.currency ?? null
  if (!currency) throw new CentraMappingError(`Return ${id} has no currency`)
  const cur = currency
  const lines: StoreReturnLine[] = rawLines.map((x, k) => {
    const l = obj(x) ?? {}
    const sl = obj(l.shipmentLine)
    const quantity = num(l.quantity) ?? 0
    const shipped = sl ? num(sl.quantity) : null
    const shippedValue = money(sl?.lineValue)
    if (!shipped || !shippedValue) throw new CentraMappingError(`Return ${id}, line ${k + 1}: Centra gave no shipped quantity or value to price the returned units`)
    const valueMinor = new Decimal(toMinor(shippedValue.value, cur)).mul(quantity).div(shipped).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
    const orderLine = obj(sl?.orderLine)
    return {
      lineId: String(num(l.id) ?? k + 1),
      orderLineId: orderLine ? num(orderLine.id) : null,
      sku: str(obj(orderLine?.productSize)?.SKU),
      quantity,
      valueMinor,
    }
  })
  const minor = (m: { value: number } | null) => (m ? Math.abs(toMinor(m.value, cur)) : 0)
  const linesMinor = lines.reduce((a, l) => a + l.valueMinor, 0)
  const shippingMinor = minor(extras.shipping)
  const handlingMinor = minor(extras.handling)
  const voucherMinor = minor(extras.voucher)
  return {
    returnId: String(id),
    orderNumber,
    status: returnStatus(r.status),
    createdAt: isoDate(r.createdAt),
    completedAt: isoDate(r.completedAt),
    currency: cur,
    comment: str(r.comment),
    lines,
    linesMinor,
    shippingMinor,
    handlingMinor,
    voucherMinor,
    totalMinor: linesMinor + shippingMinor + handlingMinor - voucherMinor,
  }
}
