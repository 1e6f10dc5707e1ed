/**
 * Shipments of the simulated store. A shipment belongs to one order and carries quantities of
 * its lines; the order becomes PROCESSING with its first shipment and SHIPPED once every line
 * is shipped or cancelled and every shipment is completed and paid (Centra's rule).
 */
import type { SimOrder } from '../scenario/orders'

export interface SimShipmentLine {
  id: number
  orderLineId: number
  quantity: number
}

export interface SimShipment {
  id: number
  orderNumber: number
  number: string
  createdAt: string
  updatedAt: string
  isGoodToGo: boolean
  isPaid: boolean
  paidAt: string | null
  isCaptured: boolean
  capturedAt: string | null
  isShipped: boolean
  shippedAt: string | null
  additionalMessage: string | null
  numberOfPackages: number | null
  trackingNumber: string | null
  returnTrackingNumber: string | null
  carrierName: string | null
  serviceName: string | null
  internalShippingCostMinor: number | null
  /** shipping charged in this shipment: the order's shipping goes with the first one only */
  shippingMinor: number
  emailsSent: number
  lines: SimShipmentLine[]
}

export class ShipmentBook {
  private nextId = 1
  private nextLineId = 1
  private byId = new Map<number, SimShipment>()

  reset(): void {
    this.nextId = 1
    this.nextLineId = 1
    this.byId.clear()
  }

  get(id: number): SimShipment | undefined {
    return this.byId.get(id)
  }

  forOrder(orderNumber: number): SimShipment[] {
    return [...this.byId.values()].filter((s) => s.orderNumber === orderNumber)
  }

  all(): SimShipment[] {
    return [...this.byId.values()]
  }

  /** Units of a line already in some shipment. */
  shippedQuantity(orderNumber: number, orderLineId: number): number {
    return this.forOrder(orderNumber).reduce((n, s) => n + s.lines.filter((l) => l.orderLineId === orderLineId).reduce((a, l) => a + l.quantity, 0), 0)
  }

  create(order: SimOrder, lines: { orderLineId: number; quantity: number }[], flags: Partial<SimShipment>, now: string): SimShipment {
    const existing = this.forOrder(order.number)
    const shipment: SimShipment = {
      id: this.nextId++,
      orderNumber: order.number,
      number: `${order.number}-${existing.length + 1}`,
      createdAt: now,
      updatedAt: now,
      isGoodToGo: false,
      isPaid: false,
      paidAt: null,
      isCaptured: false,
      capturedAt: null,
      isShipped: false,
      shippedAt: null,
      additionalMessage: null,
      numberOfPackages: null,
      trackingNumber: null,
      returnTrackingNumber: null,
      carrierName: null,
      serviceName: null,
      internalShippingCostMinor: null,
      shippingMinor: existing.length === 0 ? order.totals.shippingMinor : 0,
      emailsSent: 0,
      lines: lines.map((l) => ({ id: this.nextLineId++, ...l })),
      ...flags,
    }
    this.byId.set(shipment.id, shipment)
    return shipment
  }

  /** Centra's rule for SHIPPED: all lines shipped or cancelled, all shipments completed and paid. */
  orderComplete(order: SimOrder): boolean {
    const shipments = this.forOrder(order.number)
    if (shipments.length === 0 || !shipments.every((s) => s.isShipped && (s.isPaid || s.isCaptured))) return false
    return order.lines.every((l) => this.shippedQuantity(order.number, l.id) >= l.quantity)
  }
}
