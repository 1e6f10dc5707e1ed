/**
 * Returns of the simulated store. A return is tied to one shipment and takes back quantities of
 * its lines, optionally with shipping, handling and voucher values (Centra's createReturn
 * input); it is pending until completed, and deleting it undoes its returned quantities.
 * The simulator does not move stock for returns: the stock policy is recorded, not applied.
 */
import type { SimCatalog } from '../scenario/catalog'
import type { SimOrder } from '../scenario/orders'
import type { SimShipment } from './fulfilment'
import { formatDate, moneyView, shipmentView } from './views'
import type { SimWorld } from './world'

export type SimReturnStatus = 'pending' | 'completed'

export interface SimReturnLine {
  id: number
  shipmentLineId: number
  orderLineId: number
  quantity: number
}

export interface SimReturn {
  id: number
  orderNumber: number
  shipmentId: number
  /** Centra's status text; its exact values are unverified (the facts sheet says pending/completed) */
  status: SimReturnStatus
  createdAt: string
  completedAt: string | null
  comment: string | null
  stockPolicy: 'releaseItemsBackToWarehouse' | 'removeItemsFromStock' | 'sendItemsToDifferentWarehouse'
  lines: SimReturnLine[]
  shippingMinor: number
  handlingMinor: number
  voucherMinor: number
}

export class ReturnBook {
  private nextId = 1
  private nextLineId = 1
  private byId = new Map<number, SimReturn>()

  reset(): void {
    this.nextId = 1
    this.nextLineId = 1
    this.byId.clear()
  }

  get(id: number): SimReturn | undefined {
    return this.byId.get(id)
  }

  all(): SimReturn[] {
    return [...this.byId.values()]
  }

  forOrder(orderNumber: number): SimReturn[] {
    return this.all().filter((r) => r.orderNumber === orderNumber)
  }

  /** Units of a shipment line already taken back by returns that still exist. */
  returnedOf(shipmentLineId: number): number {
    return this.all().reduce((n, r) => n + r.lines.filter((l) => l.shipmentLineId === shipmentLineId).reduce((a, l) => a + l.quantity, 0), 0)
  }

  /** Extra values already returned for an order (they cannot exceed what the order charged). */
  returnedCosts(orderNumber: number): { shippingMinor: number; handlingMinor: number; voucherMinor: number } {
    return this.forOrder(orderNumber).reduce(
      (a, r) => ({ shippingMinor: a.shippingMinor + r.shippingMinor, handlingMinor: a.handlingMinor + r.handlingMinor, voucherMinor: a.voucherMinor + r.voucherMinor }),
      { shippingMinor: 0, handlingMinor: 0, voucherMinor: 0 },
    )
  }

  create(input: Omit<SimReturn, 'id' | 'lines' | 'status' | 'completedAt'> & { lines: Omit<SimReturnLine, 'id'>[] }): SimReturn {
    const ret: SimReturn = { ...input, id: this.nextId++, status: 'pending', completedAt: null, lines: input.lines.map((l) => ({ ...l, id: this.nextLineId++ })) }
    this.byId.set(ret.id, ret)
    return ret
  }

  delete(id: number): SimReturn | undefined {
    const ret = this.byId.get(id)
    this.byId.delete(id)
    return ret
  }
}

/** A return as the API shows it (DirectToConsumerReturn: the simulator has no wholesale store). */
export function returnView(catalog: SimCatalog, ret: SimReturn, shipment: SimShipment, order: SimOrder): Record<string, unknown> {
  const money = (minor: number) => moneyView(catalog, minor, order.currency, order.conversionRate)
  const shipmentOut = shipmentView(catalog, shipment, order) as { lines: { id: number }[] }
  const date = (v: string | null) => (a: { format?: string }) => (v ? formatDate(v, a?.format) : null)
  return {
    __typename: 'DirectToConsumerReturn',
    id: ret.id,
    status: ret.status,
    shipment: () => shipmentView(catalog, shipment, order),
    lines: ret.lines.map((l) => ({ id: l.id, quantity: l.quantity, shipmentLine: () => shipmentOut.lines.find((s) => s.id === l.shipmentLineId) ?? null })),
    customer: order.customer,
    createdAt: date(ret.createdAt),
    completedAt: date(ret.completedAt),
    comment: ret.comment,
    shippingCost: ret.shippingMinor ? money(ret.shippingMinor) : null,
    handlingCost: ret.handlingMinor ? money(ret.handlingMinor) : null,
    voucherValue: ret.voucherMinor ? money(ret.voucherMinor) : null,
  }
}

/** The returns of an order as views; used for `Order.returns` and the events' objects. */
export function returnsOfOrder(world: SimWorld, order: SimOrder): Record<string, unknown>[] {
  return world.returns
    .forOrder(order.number)
    .map((r) => {
      const s = world.shipments.get(r.shipmentId)
      return s ? returnView(world.catalog, r, s, order) : null
    })
    .filter((v): v is Record<string, unknown> => v !== null)
}

export function returnById(world: SimWorld, id: number): Record<string, unknown> | null {
  const r = world.returns.get(id)
  const s = r ? world.shipments.get(r.shipmentId) : undefined
  const i = r ? world.store.indexOfNumber(r.orderNumber) : null
  return r && s && i !== null ? returnView(world.catalog, r, s, world.store.at(i)) : null
}

const DAY = 86_400_000

/**
 * The demo's returns, made the same way every start: every ninth shipped order with a product
 * line gets a shipment of all its lines and a return of one unit of its first line, dated five
 * days after the order; every second of those is completed, and the first one also gives back
 * the order's shipping. No events: nobody listens yet when the simulator starts.
 */
export function seedDemoReturns(world: SimWorld, every = 9, max = 6): void {
  const { store, shipments, returns } = world
  const now = Date.now()
  let picked = 0
  let shippedSeen = 0
  for (let i = 0; i < store.size && picked < max; i++) {
    const order = store.at(i)
    if (order.status !== 'SHIPPED') continue
    const line = order.lines.find((l) => l.kind === 'product' && l.quantity > 0)
    if (!line || ++shippedSeen % every !== 0) continue
    const placed = Date.parse(order.orderDate)
    const shippedAt = new Date(Math.min(now, placed + DAY)).toISOString()
    const created = new Date(Math.min(now, placed + 5 * DAY)).toISOString()
    const shipment = shipments.create(
      order,
      order.lines.filter((l) => l.quantity > 0).map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
      { isGoodToGo: true, isShipped: true, shippedAt, isPaid: true, paidAt: shippedAt, isCaptured: true, capturedAt: shippedAt, createdAt: shippedAt },
      shippedAt,
    )
    const shipmentLine = shipment.lines.find((l) => l.orderLineId === line.id)!
    const ret = returns.create({
      orderNumber: order.number,
      shipmentId: shipment.id,
      createdAt: created,
      comment: 'Too small',
      stockPolicy: 'releaseItemsBackToWarehouse',
      lines: [{ shipmentLineId: shipmentLine.id, orderLineId: line.id, quantity: 1 }],
      shippingMinor: picked === 0 ? shipment.shippingMinor : 0,
      handlingMinor: 0,
      voucherMinor: 0,
    })
    if (picked % 2 === 0) Object.assign(ret, { status: 'completed', completedAt: new Date(Math.min(now, Date.parse(created) + DAY)).toISOString() })
    store.edit(i, (o) => {
      o.lines.find((l) => l.id === line.id)!.returnedQuantity += 1
    })
    picked++
  }
}

export interface UserError {
  message: string
  path: string[]
}
export type Payload = Record<string, unknown> & { userErrors: UserError[]; userWarnings: UserError[] }
const ok = (fields: Record<string, unknown>): Payload => ({ ...fields, userErrors: [], userWarnings: [] })
const refuse = (message: string, path: string[]): Payload => ({ return: null, userErrors: [{ message, path }], userWarnings: [] })
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')

interface CostInput {
  value?: { value: number; currencyIsoCode: string } | null
  fromShipment?: boolean | null
}

export interface ReturnCreateArgs {
  input: {
    shipment: { id?: number | null }
    lines: { shipmentLine: { id?: number | null }; quantity: number }[]
    returnStockActionPolicy: { releaseItemsBackToWarehouse?: boolean | null; removeItemsFromStock?: boolean | null; sendItemsToDifferentWarehouse?: { id?: number | null } | null }
    shippingCost?: CostInput | null
    handlingCost?: CostInput | null
    voucherValue?: CostInput | null
    comment?: string | null
  }
}

/** createReturn, completeReturn, uncompleteReturn and deleteReturn with Centra's payload shape. */
export function createReturnMutations(world: SimWorld) {
  const { store, shipments, returns, events, catalog } = world
  const orderOf = (r: { orderNumber: number }) => {
    const i = store.indexOfNumber(r.orderNumber)
    return i === null ? null : { index: i, order: store.at(i) }
  }
  const out = (r: SimReturn) => ({ return: returnById(world, r.id) })
  const changed = (r: SimReturn, changeType: 'CREATED' | 'UPDATED' | 'DELETED' | 'COMPLETED') => {
    const found = orderOf(r)
    events.emit('Return', changeType, r.id, found?.order.marketId ?? null)
    if (found && changeType !== 'COMPLETED') world.orderChanged(found.order)
  }
  const bumpReturned = (r: SimReturn, sign: 1 | -1) => {
    const found = orderOf(r)
    if (!found) return
    store.edit(found.index, (o) => {
      for (const l of r.lines) {
        const line = o.lines.find((x) => x.id === l.orderLineId)
        if (line) line.returnedQuantity += sign * l.quantity
      }
    })
  }

  return {
    createReturn(args: ReturnCreateArgs, ctx: { permissions: Set<string> }) {
      ctx.permissions.add('Return:write')
      const input = args.input
      const shipment = input.shipment.id != null ? shipments.get(input.shipment.id) : undefined
      if (!shipment) return refuse(`Could not find Shipment with ID ${input.shipment.id ?? '(none given)'}`, ['input', 'shipment'])
      if (!shipment.isShipped) return refuse(`Shipment ${shipment.number} is not shipped yet; delete it instead of returning it`, ['input', 'shipment'])
      const found = orderOf(shipment)!
      const order = found.order
      const policy = input.returnStockActionPolicy
      const chosen = (['releaseItemsBackToWarehouse', 'removeItemsFromStock', 'sendItemsToDifferentWarehouse'] as const).filter((k) => policy[k])
      if (chosen.length !== 1) return refuse('Give exactly one of releaseItemsBackToWarehouse, removeItemsFromStock, sendItemsToDifferentWarehouse', ['input', 'returnStockActionPolicy'])
      if (input.lines.length === 0) return refuse('A return needs at least one line', ['input', 'lines'])
      const lines: Omit<SimReturnLine, 'id'>[] = []
      for (const [k, l] of input.lines.entries()) {
        const sl = shipment.lines.find((x) => x.id === l.shipmentLine.id)
        if (!sl) return refuse(`Could not find ShipmentLine with ID ${l.shipmentLine.id ?? '(none given)'} on shipment ${shipment.number}`, ['input', 'lines', String(k), 'shipmentLine'])
        const left = sl.quantity - returns.returnedOf(sl.id) - lines.filter((x) => x.shipmentLineId === sl.id).reduce((a, x) => a + x.quantity, 0)
        if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > left) {
          return refuse(`Cannot return ${l.quantity} of shipment line ${sl.id}: ${left} unit(s) can still be returned`, ['input', 'lines', String(k), 'quantity'])
        }
        lines.push({ shipmentLineId: sl.id, orderLineId: sl.orderLineId, quantity: l.quantity })
      }
      const already = returns.returnedCosts(order.number)
      const decimals = catalog.currencies.find((c) => c.code === order.currency)?.decimals ?? 2
      const cost = (name: 'shippingCost' | 'handlingCost' | 'voucherValue', remaining: number): number | UserError => {
        const c = input[name]
        if (!c) return 0
        if (c.fromShipment) return remaining
        if (!c.value) return 0
        if (c.value.currencyIsoCode !== order.currency) return { message: `${name} must be in the order currency ${order.currency}`, path: ['input', name, 'value', 'currencyIsoCode'] }
        const minor = Math.round(c.value.value * 10 ** decimals)
        if (minor < 0 || minor > remaining) return { message: `${name} cannot exceed what remains on the shipment (${remaining / 10 ** decimals} ${order.currency})`, path: ['input', name, 'value', 'value'] }
        return minor
      }
      const shipping = cost('shippingCost', shipment.shippingMinor - already.shippingMinor)
      const handling = cost('handlingCost', (shipment.shippingMinor > 0 ? order.totals.handlingMinor : 0) - already.handlingMinor)
      const voucher = cost('voucherValue', order.totals.discountsMinor - already.voucherMinor)
      for (const c of [shipping, handling, voucher]) if (typeof c !== 'number') return refuse(c.message, c.path)
      const ret = returns.create({
        orderNumber: order.number,
        shipmentId: shipment.id,
        createdAt: nowIso(),
        comment: input.comment ?? null,
        stockPolicy: chosen[0],
        lines,
        shippingMinor: shipping as number,
        handlingMinor: handling as number,
        voucherMinor: voucher as number,
      })
      bumpReturned(ret, 1)
      changed(ret, 'CREATED')
      return ok(out(ret))
    },

    completeReturn(args: { id: number; input?: { sendEmail?: boolean | null } | null }, ctx: { permissions: Set<string> }) {
      ctx.permissions.add('Return:write')
      const ret = returns.get(args.id)
      if (!ret) return refuse(`Could not find Return with ID ${args.id}`, ['id'])
      if (ret.status === 'completed') return { ...refuse(`Return ${ret.id} is already completed`, ['id']), ...out(ret) }
      Object.assign(ret, { status: 'completed', completedAt: nowIso() })
      changed(ret, 'UPDATED')
      changed(ret, 'COMPLETED')
      return ok(out(ret))
    },

    uncompleteReturn(args: { id: number }, ctx: { permissions: Set<string> }) {
      ctx.permissions.add('Return:write')
      const ret = returns.get(args.id)
      if (!ret) return refuse(`Could not find Return with ID ${args.id}`, ['id'])
      if (ret.status !== 'completed') return { ...refuse(`Return ${ret.id} is not completed`, ['id']), ...out(ret) }
      Object.assign(ret, { status: 'pending', completedAt: null })
      changed(ret, 'UPDATED')
      return ok(out(ret))
    },

    deleteReturn(args: { id: number }, ctx: { permissions: Set<string> }) {
      ctx.permissions.add('Return:write')
      const ret = returns.get(args.id)
      if (!ret) return refuse(`Could not find Return with ID ${args.id}`, ['id'])
      returns.delete(ret.id)
      bumpReturned(ret, -1)
      changed(ret, 'DELETED')
      return ok({ return: null })
    },
  }
}
