/**
 * The mutations the simulator implements, with Centra's payload shape: business problems come
 * back as `userErrors { message path }` with HTTP 200 and change nothing; `userWarnings` report
 * what succeeded with an adjustment. Every change emits the events Centra would.
 */
import { recomputeOrder, type SimOrder } from '../scenario/orders'
import type { ChangeType } from './events'
import type { SimShipment } from './fulfilment'
import { orderView, shipmentView, type SimContext } from './views'
import type { SimWorld } from './world'

export interface UserError {
  message: string
  path: string[]
}

export interface OrderRef {
  id?: string | null
  number?: number | null
}

type Payload = Record<string, unknown> & { userErrors: UserError[]; userWarnings: UserError[] }

const ok = (fields: Record<string, unknown>, userWarnings: UserError[] = []): Payload => ({ ...fields, userErrors: [], userWarnings })
const refuse = (message: string, path: string[], fields: Record<string, unknown> = {}): Payload => ({ ...fields, userErrors: [{ message, path }], userWarnings: [] })

const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * Centra's date inputs take PHP strtotime() text: "now", "-1 hour", "2023-10-21T10:00:00+02:00",
 * "21/10/2023". The simulator understands those forms.
 */
export function parsePhpDate(text: string, now = Date.now()): number | null {
  const t = text.trim().toLowerCase()
  if (t === 'now') return now
  const rel = /^([+-]?\d+)\s*(second|minute|hour|day|week)s?$/.exec(t)
  if (rel) {
    const unit = { second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8 }[rel[2] as 'second']
    return now + Number(rel[1]) * unit
  }
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t)
  if (dmy) return Date.UTC(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1]))
  const ms = Date.parse(text.includes('T') || !text.includes(' ') ? text : text.replace(' ', 'T'))
  return Number.isFinite(ms) ? ms : null
}

export function createMutations(world: SimWorld) {
  const { store, events, shipments, stock, ids, catalog } = world

  function findOrder(ref: OrderRef | null | undefined): { index: number; order: SimOrder } | null {
    if (!ref) return null
    const index = ref.number != null ? store.indexOfNumber(ref.number) : ref.id ? store.indexOfId(ref.id) : null
    return index === null ? null : { index, order: store.at(index) }
  }
  const notFound = (ref: OrderRef | null | undefined) =>
    ref?.number != null ? `Could not find Order with number ${ref.number}` : `Could not find Order with ID ${ref?.id ?? '(none given)'}`

  function shipmentChanged(shipment: SimShipment, changeType: ChangeType) {
    const found = findOrder({ number: shipment.orderNumber })
    events.emit('Shipment', changeType, shipment.id, found?.order.marketId ?? null)
  }

  /** Moves the order to SHIPPED when Centra would, emitting Order COMPLETED. */
  function settleOrder(index: number) {
    const order = store.at(index)
    if (order.status !== 'SHIPPED' && order.status !== 'CANCELLED' && shipments.orderComplete(order)) {
      const done = store.edit(index, (o) => {
        o.status = 'SHIPPED'
      })
      world.orderChanged(done, 'UPDATED')
      world.orderChanged(done, 'COMPLETED')
    }
  }

  const shipmentOut = (s: SimShipment) => shipmentView(catalog, s, store.at(store.indexOfNumber(s.orderNumber)!))

  function warehouseId(ref: { id?: number | null; externalId?: string | null } | null | undefined): number | null {
    if (!ref) return null
    const id = ref.id ?? (ref.externalId ? ids.internalIdOf('Warehouse', ref.externalId) : null)
    return id !== null && catalog.warehouses.some((w) => w.centraWarehouseId === id) ? id : null
  }

  function variantSizes(ref: { id?: number | null; externalId?: string | null }) {
    const id = ref.id ?? (ref.externalId ? ids.internalIdOf('ProductVariant', ref.externalId) : null)
    for (const p of catalog.products) for (const v of p.variants) if (v.centraVariantId === id) return v
    return null
  }

  function sizeIn(variant: NonNullable<ReturnType<typeof variantSizes>>, ref: { id?: number | null; name?: string | null; externalId?: string | null }) {
    return variant.sizes.find((s) => (ref.id != null && s.centraSizeId === ref.id) || (ref.name != null && s.sizeName === ref.name)) ?? null
  }

  return {
    confirmOrder(args: { input: { order: OrderRef } }, ctx: SimContext) {
      ctx.permissions.add('Order:write')
      const found = findOrder(args.input.order)
      if (!found) return refuse(notFound(args.input.order), ['input', 'order'], { order: null })
      if (found.order.status !== 'PENDING') {
        return refuse(`Order ${found.order.number} is ${found.order.status}; only a PENDING order can be confirmed`, ['input', 'order'], { order: orderView(catalog, found.order) })
      }
      const order = store.edit(found.index, (o) => {
        o.status = 'CONFIRMED'
      })
      world.orderChanged(order)
      return ok({ order: orderView(catalog, order) })
    },

    setOrdersLock(args: { input: { orders: OrderRef[]; isLocked: boolean } }, ctx: SimContext) {
      ctx.permissions.add('Order.isLocked:write')
      const found = args.input.orders.map((ref) => ({ ref, hit: findOrder(ref) }))
      const missing = found.findIndex((f) => !f.hit)
      if (missing >= 0) return refuse(notFound(found[missing].ref), ['input', 'orders', String(missing)], { orders: null })
      const orders = found.map(({ hit }) => {
        const order = store.edit(hit!.index, (o) => {
          o.isLocked = args.input.isLocked
        })
        world.orderChanged(order)
        return orderView(catalog, order)
      })
      return ok({ orders })
    },

    updateDirectToConsumerOrder(
      args: {
        order: OrderRef
        input: {
          cancelLines?: { line: { id?: number | null }; quantity: number; stockAction?: string | null }[] | null
          isOnHold?: boolean | null
          shippingCost?: { value: number; currencyIsoCode: string } | null
          cancellationComment?: string | null
        }
      },
      ctx: SimContext,
    ) {
      ctx.permissions.add('Order:write')
      const found = findOrder(args.order)
      if (!found) return refuse(notFound(args.order), ['order'], { order: null })
      const { order } = found
      if (order.status === 'CANCELLED' || order.status === 'SHIPPED' || order.status === 'ARCHIVED') {
        return refuse(`Order ${order.number} is ${order.status} and cannot be changed`, ['order'], { order: orderView(catalog, order) })
      }
      const cancels = args.input.cancelLines ?? []
      for (const [k, c] of cancels.entries()) {
        const line = order.lines.find((l) => l.id === c.line.id)
        if (!line) return refuse(`Could not find OrderLine with ID ${c.line.id ?? '(none given)'} on order ${order.number}`, ['input', 'cancelLines', String(k), 'line'])
        const open = line.quantity - shipments.shippedQuantity(order.number, line.id)
        if (!Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > open) {
          return refuse(`Cannot cancel ${c.quantity} of line ${line.id}: ${open} unit(s) are not shipped yet`, ['input', 'cancelLines', String(k), 'quantity'])
        }
      }
      let shippingMinor: number | null = null
      if (args.input.shippingCost) {
        const { value, currencyIsoCode } = args.input.shippingCost
        if (currencyIsoCode !== order.currency) return refuse(`Shipping cost must be in the order currency ${order.currency}`, ['input', 'shippingCost', 'currencyIsoCode'])
        if (order.status !== 'CONFIRMED') return refuse('Shipping cost can only be changed on a CONFIRMED order', ['input', 'shippingCost'])
        const decimals = catalog.currencies.find((c) => c.code === order.currency)?.decimals ?? 2
        shippingMinor = Math.round(value * 10 ** decimals)
        if (shippingMinor < 0 || shippingMinor > order.totals.shippingMinor) return refuse('Shipping cost can only be lowered (or set to 0)', ['input', 'shippingCost', 'value'])
      }
      const changed = store.edit(found.index, (o) => {
        for (const c of cancels) {
          const line = o.lines.find((l) => l.id === c.line.id)!
          line.quantity -= c.quantity
          line.cancelledQuantity += c.quantity
        }
        if (args.input.isOnHold != null) o.isOnHold = args.input.isOnHold
        if (shippingMinor !== null) o.totals.shippingMinor = shippingMinor
        recomputeOrder(o)
      })
      world.orderChanged(changed)
      settleOrder(found.index)
      return ok({ order: orderView(catalog, store.at(found.index)) })
    },

    createShipment(
      args: {
        input: {
          order: OrderRef
          lines: { orderLine: { id?: number | null }; quantity: number }[]
          isGoodToGo?: boolean | null
          isPaid?: boolean | null
          capture?: boolean | null
          createdAt?: string | null
          shippedAt?: string | null
          sendEmail?: boolean | null
          additionalMessage?: string | null
          shipmentInfo?: ShipmentInfo | null
        }
      },
      ctx: SimContext,
    ) {
      ctx.permissions.add('Shipment:write')
      const input = args.input
      const found = findOrder(input.order)
      if (!found) return refuse(notFound(input.order), ['input', 'order'], { shipment: null })
      const { order } = found
      if (order.status !== 'CONFIRMED' && order.status !== 'PROCESSING') {
        return refuse(`Order ${order.number} is ${order.status}; shipments need a CONFIRMED or PROCESSING order`, ['input', 'order'], { shipment: null })
      }
      if (order.isOnHold) return refuse(`Order ${order.number} is on hold`, ['input', 'order'], { shipment: null })
      if (input.lines.length === 0) return refuse('A shipment needs at least one line', ['input', 'lines'], { shipment: null })
      for (const [k, l] of input.lines.entries()) {
        const line = order.lines.find((x) => x.id === l.orderLine.id)
        if (!line) return refuse(`Could not find OrderLine with ID ${l.orderLine.id ?? '(none given)'} on order ${order.number}`, ['input', 'lines', String(k), 'orderLine'], { shipment: null })
        const open = line.quantity - shipments.shippedQuantity(order.number, line.id)
        if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > open) {
          return refuse(`Cannot ship ${l.quantity} of line ${line.id}: ${open} unit(s) left to ship`, ['input', 'lines', String(k), 'quantity'], { shipment: null })
        }
      }
      let shippedMs: number | null = null
      if (input.shippedAt) {
        shippedMs = parsePhpDate(input.shippedAt)
        if (shippedMs === null) return refuse(`"${input.shippedAt}" is not a date`, ['input', 'shippedAt'], { shipment: null })
        if (shippedMs > Date.now() + 1000) return refuse('shippedAt cannot be in the future', ['input', 'shippedAt'], { shipment: null })
      }
      const now = nowIso()
      const info = input.shipmentInfo ?? {}
      const captured = Boolean(input.capture)
      const shipment = shipments.create(
        order,
        input.lines.map((l) => ({ orderLineId: l.orderLine.id!, quantity: l.quantity })),
        {
          isGoodToGo: Boolean(input.isGoodToGo),
          isPaid: Boolean(input.isPaid) || captured,
          paidAt: input.isPaid || captured ? now : null,
          isCaptured: captured,
          capturedAt: captured ? now : null,
          isShipped: shippedMs !== null,
          shippedAt: shippedMs !== null ? new Date(shippedMs).toISOString() : null,
          additionalMessage: input.additionalMessage ?? null,
          ...shipmentInfoFields(info, catalog, order),
          emailsSent: shippedMs !== null && input.sendEmail ? 1 : 0,
          createdAt: input.createdAt ? new Date(parsePhpDate(input.createdAt) ?? Date.now()).toISOString() : now,
        },
        now,
      )
      if (order.status === 'CONFIRMED') {
        world.orderChanged(store.edit(found.index, (o) => void (o.status = 'PROCESSING')))
      }
      events.emit('Shipment', 'CREATED', shipment.id, order.marketId)
      if (shipment.isShipped) events.emit('Shipment', 'COMPLETED', shipment.id, order.marketId)
      settleOrder(found.index)
      return ok({ shipment: shipmentOut(shipment), paymentHistoryEntry: captured ? captureEntry(shipment, catalog, order) : null })
    },

    updateShipment(args: { id: number; input: { isPaid?: boolean | null; isGoodToGo?: boolean | null } }, ctx: SimContext) {
      ctx.permissions.add('Shipment:write')
      const shipment = shipments.get(args.id)
      if (!shipment) return refuse(`Could not find Shipment with ID ${args.id}`, ['id'], { shipment: null })
      if (args.input.isGoodToGo != null) shipment.isGoodToGo = args.input.isGoodToGo
      if (args.input.isPaid != null) {
        shipment.isPaid = args.input.isPaid
        shipment.paidAt = args.input.isPaid ? (shipment.paidAt ?? nowIso()) : null
      }
      shipment.updatedAt = nowIso()
      shipmentChanged(shipment, 'UPDATED')
      settleOrder(store.indexOfNumber(shipment.orderNumber)!)
      return ok({ shipment: shipmentOut(shipment), paymentHistoryEntry: null })
    },

    captureShipment(args: { id: number }, ctx: SimContext) {
      ctx.permissions.add('Shipment:write')
      ctx.permissions.add('Payment:write')
      const shipment = shipments.get(args.id)
      if (!shipment) return refuse(`Could not find Shipment with ID ${args.id}`, ['id'], { shipment: null })
      if (shipment.isCaptured) return refuse(`Shipment ${shipment.number} is already captured`, ['id'], { shipment: shipmentOut(shipment) })
      const now = nowIso()
      Object.assign(shipment, { isCaptured: true, capturedAt: now, isPaid: true, paidAt: shipment.paidAt ?? now, updatedAt: now })
      shipmentChanged(shipment, 'UPDATED')
      const index = store.indexOfNumber(shipment.orderNumber)!
      settleOrder(index)
      return ok({ shipment: shipmentOut(shipment), paymentHistoryEntry: captureEntry(shipment, catalog, store.at(index)) })
    },

    completeShipment(args: { id: number; input: { shippedAt?: string | null; sendEmail?: boolean | null; shipmentInfo?: ShipmentInfo | null } }, ctx: SimContext) {
      ctx.permissions.add('Shipment:write')
      const shipment = shipments.get(args.id)
      if (!shipment) return refuse(`Could not find Shipment with ID ${args.id}`, ['id'], { shipment: null })
      if (shipment.isShipped) return refuse(`Shipment ${shipment.number} is already completed`, ['id'], { shipment: shipmentOut(shipment) })
      const shippedMs = args.input.shippedAt ? parsePhpDate(args.input.shippedAt) : Date.now()
      if (shippedMs === null) return refuse(`"${args.input.shippedAt}" is not a date`, ['input', 'shippedAt'], { shipment: null })
      if (shippedMs > Date.now() + 1000) return refuse('shippedAt cannot be in the future', ['input', 'shippedAt'], { shipment: null })
      const index = store.indexOfNumber(shipment.orderNumber)!
      Object.assign(shipment, {
        isShipped: true,
        shippedAt: new Date(shippedMs).toISOString(),
        updatedAt: nowIso(),
        ...shipmentInfoFields(args.input.shipmentInfo ?? {}, catalog, store.at(index), shipment),
      })
      if (args.input.sendEmail) shipment.emailsSent++
      shipmentChanged(shipment, 'UPDATED')
      shipmentChanged(shipment, 'COMPLETED')
      settleOrder(index)
      return ok({ shipment: shipmentOut(shipment), paymentHistoryEntry: null })
    },

    setStock(
      args: {
        input: {
          warehouse: { id?: number | null; externalId?: string | null }
          description: string
          stockQuantityType: 'PHYSICAL' | 'FREE_TO_ALLOCATE'
          productVariants?: { productVariant: { id?: number | null; externalId?: string | null }; sizeStockLevels: { size: { id?: number | null; name?: string | null }; quantity: number }[] }[] | null
        }
      },
      ctx: SimContext,
    ) {
      ctx.permissions.add('StockChange:write')
      const input = args.input
      const wid = warehouseId(input.warehouse)
      if (wid === null) return refuse('Could not find Warehouse', ['input', 'warehouse'], { stockChanges: null })
      const writes: { sizeId: number; quantity: number }[] = []
      const warnings: UserError[] = []
      const seen = new Set<number>()
      for (const [k, pv] of (input.productVariants ?? []).entries()) {
        const variant = variantSizes(pv.productVariant)
        if (!variant) return refuse(`Could not find ProductVariant with ID ${pv.productVariant.id ?? pv.productVariant.externalId}`, ['input', 'productVariants', String(k), 'productVariant'], { stockChanges: null })
        for (const [j, level] of pv.sizeStockLevels.entries()) {
          const path = ['input', 'productVariants', String(k), 'sizeStockLevels', String(j)]
          const size = sizeIn(variant, level.size)
          if (!size) return refuse(`Could not find size ${level.size.name ?? level.size.id} on variant ${variant.centraVariantId}`, [...path, 'size'], { stockChanges: null })
          if (!Number.isInteger(level.quantity) || level.quantity < 0) return refuse('Quantity must be 0 or more', [...path, 'quantity'], { stockChanges: null })
          if (seen.has(size.centraSizeId)) {
            warnings.push({ message: `Size ${size.sku} appears more than once; the first value was used`, path })
            continue
          }
          seen.add(size.centraSizeId)
          writes.push({ sizeId: size.centraSizeId, quantity: level.quantity })
        }
      }
      for (const w of writes) {
        const current = stock.get(wid, w.sizeId)
        // Allocations stay; PHYSICAL sets the total, FREE_TO_ALLOCATE the part not yet allocated.
        stock.set(wid, w.sizeId, input.stockQuantityType === 'PHYSICAL' ? { physical: Math.max(w.quantity, current.allocated), allocated: current.allocated } : { physical: w.quantity + current.allocated, allocated: current.allocated })
      }
      const id = stock.newChangeId()
      events.emit('StockChange', 'CREATED', id)
      return ok({ stockChanges: writes.length ? [{ id }] : [] }, warnings)
    },

    changeStock(
      args: {
        input: {
          intoWarehouse?: { id?: number | null; externalId?: string | null } | null
          outFromWarehouse?: { id?: number | null; externalId?: string | null } | null
          description: string
          productVariants?: { productVariant: { id?: number | null; externalId?: string | null }; sizeChanges: { size: { id?: number | null; name?: string | null }; deliveredQuantity: number }[] }[] | null
        }
      },
      ctx: SimContext,
    ) {
      ctx.permissions.add('StockChange:write')
      const input = args.input
      const into = input.intoWarehouse ? warehouseId(input.intoWarehouse) : null
      const out = input.outFromWarehouse ? warehouseId(input.outFromWarehouse) : null
      if (input.intoWarehouse && into === null) return refuse('Could not find Warehouse', ['input', 'intoWarehouse'], { stockChange: null })
      if (input.outFromWarehouse && out === null) return refuse('Could not find Warehouse', ['input', 'outFromWarehouse'], { stockChange: null })
      if (into === null && out === null) return refuse('Give intoWarehouse, outFromWarehouse or both', ['input'], { stockChange: null })
      const moves: { sizeId: number; qty: number }[] = []
      for (const [k, pv] of (input.productVariants ?? []).entries()) {
        const variant = variantSizes(pv.productVariant)
        if (!variant) return refuse(`Could not find ProductVariant with ID ${pv.productVariant.id ?? pv.productVariant.externalId}`, ['input', 'productVariants', String(k), 'productVariant'], { stockChange: null })
        for (const [j, change] of pv.sizeChanges.entries()) {
          const path = ['input', 'productVariants', String(k), 'sizeChanges', String(j)]
          const size = sizeIn(variant, change.size)
          if (!size) return refuse(`Could not find size ${change.size.name ?? change.size.id} on variant ${variant.centraVariantId}`, [...path, 'size'], { stockChange: null })
          if (!Number.isInteger(change.deliveredQuantity) || change.deliveredQuantity < 1) return refuse('deliveredQuantity must be 1 or more', [...path, 'deliveredQuantity'], { stockChange: null })
          if (out !== null) {
            const level = stock.get(out, size.centraSizeId)
            if (level.physical - level.allocated < change.deliveredQuantity) {
              return refuse(`Only ${level.physical - level.allocated} of ${size.sku} are free to allocate in the source warehouse`, [...path, 'deliveredQuantity'], { stockChange: null })
            }
          }
          moves.push({ sizeId: size.centraSizeId, qty: change.deliveredQuantity })
        }
      }
      for (const m of moves) {
        if (out !== null) {
          const l = stock.get(out, m.sizeId)
          stock.set(out, m.sizeId, { physical: l.physical - m.qty, allocated: l.allocated })
        }
        if (into !== null) {
          const l = stock.get(into, m.sizeId)
          stock.set(into, m.sizeId, { physical: l.physical + m.qty, allocated: l.allocated })
        }
      }
      const id = stock.newChangeId()
      events.emit('StockChange', 'CREATED', id)
      return ok({ stockChange: { id } })
    },

    setEventListeners(args: { input: { objectType: string; changeTypes?: ChangeType[] | null }[] }, ctx: SimContext) {
      ctx.permissions.add('Event:write')
      return ok({ eventListeners: events.setListeners(args.input).map(listenerView) })
    },

    unsetEventListeners(args: { input: { objectType: string; changeTypes?: ChangeType[] | null }[] }, ctx: SimContext) {
      ctx.permissions.add('Event:write')
      return ok({ eventListeners: events.unsetListeners(args.input).map(listenerView) })
    },

    confirmEvents(args: { input: { eventsIds: number[] } }, ctx: SimContext) {
      ctx.permissions.add('Event:write')
      const unknown = events.confirm(args.input.eventsIds)
      // Confirming twice is harmless (delivery is at-least-once); it is reported, not refused.
      return ok({}, unknown.length ? [{ message: `Events not in the queue (already confirmed?): ${unknown.join(', ')}`, path: ['input', 'eventsIds'] }] : [])
    },

    setIdConversions(args: { input: { objectType: string; internalId: number; externalId: string }[] }, ctx: SimContext) {
      ctx.permissions.add('IdConversion:write')
      for (const [k, e] of args.input.entries()) {
        if (!e.externalId || e.externalId.length > 255) return refuse('externalId must be 1 to 255 characters', ['input', String(k), 'externalId'], { entries: null })
      }
      const entries = args.input.map((e) => ids.set(e.objectType, e.internalId, e.externalId))
      return ok({ entries: entries.map(idEntryView) })
    },

    unsetIdConversions(args: { input: { objectType: string; idConversion: { id?: number | null; internalId?: number | null; externalId?: string | null } }[] }, ctx: SimContext) {
      ctx.permissions.add('IdConversion:write')
      const warnings: UserError[] = []
      args.input.forEach((e, k) => {
        if (!ids.unset(e.objectType, e.idConversion)) warnings.push({ message: 'No such ID conversion entry', path: ['input', String(k)] })
      })
      return ok({}, warnings)
    },
  }
}

export interface ShipmentInfo {
  carrier?: string | null
  service?: string | null
  packagesNumber?: number | null
  trackingNumber?: string | null
  returnTrackingNumber?: string | null
  internalShippingCost?: { value: number; currencyIsoCode: string } | null
}

function shipmentInfoFields(info: ShipmentInfo, catalog: SimWorld['catalog'], order: SimOrder, current?: SimShipment): Partial<SimShipment> {
  const decimals = catalog.currencies.find((c) => c.code === (info.internalShippingCost?.currencyIsoCode ?? order.currency))?.decimals ?? 2
  return {
    carrierName: info.carrier ?? current?.carrierName ?? null,
    serviceName: info.service ?? current?.serviceName ?? null,
    numberOfPackages: info.packagesNumber ?? current?.numberOfPackages ?? null,
    trackingNumber: info.trackingNumber ?? current?.trackingNumber ?? null,
    returnTrackingNumber: info.returnTrackingNumber ?? current?.returnTrackingNumber ?? null,
    internalShippingCostMinor: info.internalShippingCost ? Math.round(info.internalShippingCost.value * 10 ** decimals) : (current?.internalShippingCostMinor ?? null),
  }
}

let paymentEntryId = 9000
function captureEntry(shipment: SimShipment, catalog: SimWorld['catalog'], order: SimOrder) {
  const view = shipmentView(catalog, shipment, order) as { grandTotal: (a: { includingTax: boolean }) => unknown }
  return {
    id: ++paymentEntryId,
    createdAt: () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    status: 'SUCCESS',
    entryType: 'CAPTURE',
    externalReference: `sim-capture-${shipment.id}`,
    value: view.grandTotal({ includingTax: true }),
    paymentMethod: 'adyen',
    paramsJSON: '{}',
  }
}

function listenerView(l: { objectType: string; changeTypes: string[]; createdAt: string; updatedAt: string }) {
  return {
    integrationName: 'instep-sim',
    objectType: l.objectType,
    changeTypes: l.changeTypes,
    createdAt: () => l.createdAt.replace(/\.\d{3}Z$/, '+00:00'),
    updatedAt: () => l.updatedAt.replace(/\.\d{3}Z$/, '+00:00'),
  }
}

function idEntryView(e: { id: number; objectType: string; internalId: number; externalId: string }) {
  return { ...e, integrationName: 'instep-sim' }
}

export { listenerView, idEntryView }
