import { afterEach, describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createCentraAdapter, type CentraAdapter } from '../../src/main/core/sync/connectors/centra'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import type { StoreOrder } from '../../src/shared/models/store-order'

let sim: RunningCentraSim | null = null
afterEach(async () => {
  await sim?.close()
  sim = null
})

async function setup(): Promise<{ sim: RunningCentraSim; adapter: CentraAdapter; orders: StoreOrder[] }> {
  sim = await startCentraSimulator({ seed: 42 })
  const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {} })
  const orders = (await adapter.fetchOrdersPage({ since: null, page: 1, limit: 200 })).orders
  return { sim, adapter, orders }
}

const admin = (s: RunningCentraSim, path: string, body?: unknown) =>
  fetch(`${s.baseUrl}/__admin/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>)

describe('Centra events queue through the adapter', () => {
  it('delivers new orders at least once until confirmed, with the order attached', async () => {
    const { sim, adapter } = await setup()
    expect(await adapter.fetchEvents({})).toEqual([])
    await adapter.setEventListeners([{ objectType: 'Order' }])
    await adapter.setEventListeners([{ objectType: 'Order' }]) // idempotent
    const added = (await admin(sim, 'orders', { count: 3 })) as { numbers: number[] }
    const first = await adapter.fetchEvents({ objectTypes: ['Order'], limit: 2 })
    expect(first.map((e) => [e.changeType, e.objectReference])).toEqual([
      ['CREATED', added.numbers[0]],
      ['CREATED', added.numbers[1]],
    ])
    expect(first[0].order?.order.number).toBe(added.numbers[0])
    // Not confirmed yet: the same events come back.
    expect((await adapter.fetchEvents({ limit: 2 })).map((e) => e.id)).toEqual(first.map((e) => e.id))
    expect(await adapter.confirmEvents(first.map((e) => e.id))).toEqual([])
    const rest = await adapter.fetchEvents({ limit: 10 })
    expect(rest.map((e) => e.objectReference)).toEqual([added.numbers[2]])
    // Confirming again is harmless and reported as a warning.
    const warnings = await adapter.confirmEvents([first[0].id, rest[0].id])
    expect(warnings[0].message).toMatch(/not in the queue/)
    expect(await adapter.fetchEvents({})).toEqual([])
  })
})

describe('Centra order-to-cash mutations through the adapter', () => {
  it('confirms a pending order once and reports a second confirm as a conflict', async () => {
    const { adapter, orders } = await setup()
    const pending = orders.find((o) => o.status === 'PENDING')!
    expect(await adapter.confirmOrder(pending.number)).toEqual({ status: 'CONFIRMED' })
    const again = await adapter.confirmOrder(pending.number).catch((e) => e)
    expect(again).toBeInstanceOf(ConnectorError)
    expect(again).toMatchObject({ kind: 'conflict' })
    expect(again.message).toMatch(/only a PENDING order can be confirmed/)
    const missing = await adapter.confirmOrder(99_999).catch((e) => e)
    expect(missing).toMatchObject({ kind: 'not_found' })
  })

  it('cancels units of a line and returns the order with totals recomputed', async () => {
    const { adapter, orders } = await setup()
    const order = orders.find((o) => (o.status === 'PENDING' || o.status === 'CONFIRMED') && o.lines.some((l) => l.kind === 'product' && l.quantity >= 1) && o.totals.discountsMinor === 0)!
    const line = order.lines.find((l) => l.kind === 'product' && l.quantity >= 1)!
    const after = await adapter.cancelOrderLines(order.number, [{ lineId: line.lineId, quantity: 1 }], 'Out of stock')
    const changed = after.lines.find((l) => l.lineId === line.lineId)!
    expect(changed.quantity).toBe(line.quantity - 1)
    expect(changed.cancelledQuantity).toBe(line.cancelledQuantity + 1)
    expect(after.totals.lineValuesMinor).toBe(order.totals.lineValuesMinor - line.unitPriceMinor)
    const t = after.totals
    expect(t.grandTotalMinor).toBe(t.lineValuesMinor - t.discountsMinor + t.shippingMinor + t.handlingMinor + t.taxAddedMinor)
    const tooMany = await adapter.cancelOrderLines(order.number, [{ lineId: line.lineId, quantity: 99 }]).catch((e) => e)
    expect(tooMany).toMatchObject({ kind: 'invalid' })
  })

  it('ships an order: create, complete with tracking and e-mail, capture; the order becomes SHIPPED and emits COMPLETED', async () => {
    const { sim, adapter, orders } = await setup()
    await adapter.setEventListeners([{ objectType: 'Order', changeTypes: ['COMPLETED'] }, { objectType: 'Shipment' }])
    const order = orders.find((o) => o.status === 'CONFIRMED' && o.lines.every((l) => l.kind === 'product'))!
    await adapter.setOrdersLock([order.number], true)
    const open = order.lines.filter((l) => l.quantity > 0)
    const shipment = await adapter.createShipment({ orderNumber: order.number, lines: open.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) })
    expect(shipment).toMatchObject({ orderNumber: order.number, isShipped: false, number: `${order.number}-1` })
    const again = await adapter.createShipment({ orderNumber: order.number, lines: [{ lineId: open[0].lineId, quantity: 1 }] }).catch((e) => e)
    expect(again).toMatchObject({ kind: 'invalid' })
    expect(again.message).toMatch(/left to ship/)
    const done = await adapter.completeShipment(shipment.id, { sendEmail: true, shipmentInfo: { carrier: 'DHL', trackingNumber: 'TRACK123' } })
    expect(done).toMatchObject({ isShipped: true, trackingNumber: 'TRACK123' })
    const captured = await adapter.captureShipment(shipment.id)
    expect(captured).toMatchObject({ isCaptured: true, isPaid: true, orderStatus: 'SHIPPED' })
    expect(captured.grandTotalMinor).toBe(order.totals.grandTotalMinor)
    const events = await adapter.fetchEvents({ limit: 50 })
    expect(events.some((e) => e.objectType === 'Order' && e.changeType === 'COMPLETED' && e.objectReference === order.number)).toBe(true)
    expect(events.filter((e) => e.objectType === 'Shipment').map((e) => e.changeType)).toContain('COMPLETED')
    expect(await adapter.shipmentsForOrders([order.number])).toHaveLength(1)
    expect((await admin(sim, 'stats')).emailsSent).toBe(1)
    const completeTwice = await adapter.completeShipment(shipment.id, {}).catch((e) => e)
    expect(completeTwice).toMatchObject({ kind: 'conflict' })
  })
})

describe('Centra ID conversions through the adapter', () => {
  it('saves external ids, finds them, and overwrites a colliding entry as the API does', async () => {
    const { adapter } = await setup()
    await adapter.setIdConversions([{ objectType: 'Warehouse', internalId: 1, externalId: 'MAIN' }])
    expect(await adapter.idConversions({ objectType: 'Warehouse', externalId: 'MAIN' })).toEqual([{ objectType: 'Warehouse', internalId: 1, externalId: 'MAIN' }])
    await adapter.setIdConversions([{ objectType: 'Warehouse', internalId: 2, externalId: 'MAIN' }])
    expect(await adapter.idConversions({ objectType: 'Warehouse' })).toEqual([{ objectType: 'Warehouse', internalId: 2, externalId: 'MAIN' }])
  })
})

describe('Centra mutations and retries', () => {
  it('does not repeat a mutation whose answer was lost; the caller finds the shipment that was made', async () => {
    sim = await startCentraSimulator({ seed: 42 })
    const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {}, timeoutMs: 300 })
    const order = (await adapter.fetchOrdersPage({ since: null, page: 1, limit: 200 })).orders.find((o) => o.status === 'CONFIRMED')!
    const line = order.lines.find((l) => l.quantity > 0)!
    await admin(sim, 'faults', { spec: 'after:timeout@nth=1' })
    const err = await adapter.createShipment({ orderNumber: order.number, lines: [{ lineId: line.lineId, quantity: 1 }] }).catch((e) => e)
    expect(err).toMatchObject({ kind: 'retryable', ambiguous: true })
    const existing = await adapter.shipmentsForOrders([order.number])
    expect(existing).toHaveLength(1)
    expect((await admin(sim, 'stats')).byOperation).toMatchObject({ createShipment: 1 })
  })

  it('retries a mutation refused with 429, which Centra did not run', async () => {
    sim = await startCentraSimulator({ seed: 42, faults: '429@nth=1' })
    const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {} })
    await adapter.setEventListeners([{ objectType: 'Order' }])
    expect((await admin(sim, 'stats')).byOperation).toMatchObject({ setEventListeners: 1 })
  })
})

describe('Centra stock through the adapter', () => {
  it('sets stock for many variants in one call and reads it back as free to allocate', async () => {
    const { adapter, sim } = await setup()
    const [main] = await adapter.listWarehouses()
    const product = sim.catalog.products[0]
    const levels = product.variants.flatMap((v) => v.sizes.map((s, k) => ({ variantId: v.centraVariantId, size: { name: s.sizeName }, quantity: 10 + k })))
    const result = await adapter.setStock({ warehouseId: main.id, description: 'ERP sync', levels })
    expect(result.stockChangeIds).toHaveLength(1)
    const { sizes } = await adapter.listProductSizes({ page: 1, limit: 200, withStock: true })
    const first = sizes.find((s) => s.sku === product.variants[0].sizes[0].sku)!
    expect(first.productNumber).toBe(product.productNumber)
    expect(first.freeToAllocate).not.toBeNull()
    const bad = await adapter.setStock({ warehouseId: main.id, description: 'x', levels: [{ variantId: 999_999, size: { name: 'M' }, quantity: 1 }] }).catch((e) => e)
    expect(bad).toMatchObject({ kind: 'not_found' })
    expect(bad.message).toMatch(/Could not find ProductVariant/)
  })

  it('refuses a transfer larger than the free stock in the source warehouse', async () => {
    const { adapter, sim } = await setup()
    const v = sim.catalog.products[1].variants[0]
    const moved = await adapter.changeStock({ intoWarehouseId: 1, description: 'Goods receipt', changes: [{ variantId: v.centraVariantId, size: { name: 'M' }, quantity: 5 }] })
    expect(moved.stockChangeId).not.toBeNull()
    const err = await adapter
      .changeStock({ outFromWarehouseId: 2, intoWarehouseId: 1, description: 'Transfer', changes: [{ variantId: v.centraVariantId, size: { name: 'M' }, quantity: 10_000 }] })
      .catch((e) => e)
    expect(err).toMatchObject({ kind: 'invalid' })
    expect(err.message).toMatch(/free to allocate/)
  })
})
