import { parse, validate } from 'graphql'
import { afterEach, describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createCentraAdapter, type CentraAdapter, type CentraClient } from '../../src/main/core/sync/connectors/centra'
import { createCentraReturnReader, RETURN_DOCUMENTS } from '../../src/main/core/sync/connectors/centra/returns'
import type { StoreReturnSource } from '../../src/main/core/sync/return-ports'
import { centraSchema, startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import type { StoreOrder } from '../../src/shared/models/store-order'

let sim: RunningCentraSim | null = null
afterEach(async () => {
  await sim?.close()
  sim = null
})

async function setup(scenario = 'demo'): Promise<{ sim: RunningCentraSim; adapter: CentraAdapter; reader: StoreReturnSource; orders: StoreOrder[] }> {
  sim = await startCentraSimulator({ seed: 42, scenario, ...(scenario === 'bench' ? { orders: 200 } : {}) })
  const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {} })
  const orders = (await adapter.fetchOrdersPage({ since: null, page: 1, limit: 200 })).orders
  return { sim, adapter, reader: createCentraReturnReader(adapter.client), orders }
}

const CREATE_RETURN = `mutation R($input: ReturnCreateInput!) { createReturn(input: $input) { return { id status } userErrors { message path } } }`
const COMPLETE_RETURN = `mutation C($id: Int!) { completeReturn(id: $id, input: { sendEmail: false }) { return { id status } userErrors { message } } }`
const DELETE_RETURN = `mutation D($id: Int!) { deleteReturn(id: $id) { userErrors { message } } }`
const ORDER_RETURNS = `query O($n: Int!) { orders(where: { number: [$n] }) { number lines { id returnedQuantity } returns { id status lines { quantity } } } }`

type Payload = { return: { id: number; status: string } | null; userErrors: { message: string; path?: string[] }[] }

/** A confirmed order shipped in full through the adapter, ready to be returned. */
async function shippedOrder(adapter: CentraAdapter, orders: StoreOrder[]) {
  // A tax-included market: Centra's gross line value is then the unit price × quantity the order shows.
  const order = orders.find((o) => o.status === 'CONFIRMED' && o.taxMode === 'included' && o.lines.some((l) => l.kind === 'product' && l.quantity >= 1))!
  const open = order.lines.filter((l) => l.quantity > 0)
  const shipment = await adapter.createShipment({ orderNumber: order.number, lines: open.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), shippedAt: 'now', isPaid: true })
  const line = order.lines.find((l) => l.kind === 'product' && l.quantity >= 1)!
  const shipmentLine = shipment.lines.find((l) => l.orderLineId === line.lineId)!
  return { order, shipment, line, shipmentLine }
}

describe('Centra return documents', () => {
  it.each(Object.entries(RETURN_DOCUMENTS))('%s validates against the simulator schema', (_name, document) => {
    expect(validate(centraSchema(), parse(document)).map((e) => e.message)).toEqual([])
  })
})

describe('Centra returns in the simulator, read through the connector', () => {
  it('the demo starts with a few returns, the same ones every start, visible on their orders', async () => {
    const { reader, adapter } = await setup()
    const first = await reader.page(1, 100)
    expect(first.hasMore).toBe(false)
    expect(first.returns.length).toBeGreaterThanOrEqual(3)
    const ret = first.returns[0].ret
    expect(ret.lines).toHaveLength(1)
    expect(ret.lines[0].quantity).toBe(1)
    expect(ret.totalMinor).toBe(ret.linesMinor + ret.shippingMinor + ret.handlingMinor - ret.voucherMinor)
    expect(first.returns.map((r) => r.ret.status)).toContain('completed')
    expect(first.returns.map((r) => r.ret.status)).toContain('pending')
    const onOrder = await adapter.client.query<{ orders: { lines: { id: number; returnedQuantity: number }[]; returns: { id: number }[] }[] }>(ORDER_RETURNS, { n: ret.orderNumber })
    expect(onOrder.orders[0].returns.map((r) => String(r.id))).toContain(ret.returnId)
    expect(onOrder.orders[0].lines.find((l) => l.id === ret.lines[0].orderLineId)?.returnedQuantity).toBe(1)
    await sim!.close()
    const again = await setup()
    expect((await again.reader.page(1, 100)).returns.map((r) => [r.ret.orderNumber, r.ret.totalMinor])).toEqual(first.returns.map((r) => [r.ret.orderNumber, r.ret.totalMinor]))
  })

  it('createReturn, completeReturn and deleteReturn arrive as Return events with exact values', async () => {
    const { adapter, reader, orders } = await setup('bench')
    expect((await reader.page(1, 50)).returns).toEqual([]) // the bench scenario has none
    await reader.subscribe()
    const { order, shipment, line, shipmentLine } = await shippedOrder(adapter, orders)
    const created = await adapter.client.mutate<{ createReturn: Payload }>(CREATE_RETURN, {
      input: {
        shipment: { id: shipment.id },
        lines: [{ shipmentLine: { id: shipmentLine.id }, quantity: 1 }],
        returnStockActionPolicy: { releaseItemsBackToWarehouse: true },
        shippingCost: { fromShipment: true },
        comment: 'Wrong colour',
      },
    })
    expect(created.createReturn.userErrors).toEqual([])
    const id = created.createReturn.return!.id
    const events = await reader.next(10)
    expect(events.map((e) => [e.changeType, e.returnId])).toEqual([['CREATED', String(id)]])
    const ret = events[0].ret!.ret
    // One unit of the line at its unit price (gross), plus the order's shipping given back.
    expect(ret.lines).toEqual([{ lineId: expect.any(String), orderLineId: line.lineId, sku: line.sku, quantity: 1, valueMinor: line.unitPriceMinor }])
    expect(ret.shippingMinor).toBe(order.totals.shippingMinor)
    expect(ret.totalMinor).toBe(line.unitPriceMinor + order.totals.shippingMinor)
    expect(ret).toMatchObject({ orderNumber: order.number, status: 'pending', currency: order.currency, comment: 'Wrong colour' })
    await reader.confirm(events.map((e) => e.id))

    // More than is left on the shipment line is refused, and changes nothing.
    const tooMany = await adapter.client.mutate<{ createReturn: Payload }>(CREATE_RETURN, {
      input: { shipment: { id: shipment.id }, lines: [{ shipmentLine: { id: shipmentLine.id }, quantity: line.quantity }], returnStockActionPolicy: { removeItemsFromStock: true } },
    })
    expect(tooMany.createReturn.userErrors[0].message).toMatch(/can still be returned/)

    expect((await adapter.client.mutate<{ completeReturn: Payload }>(COMPLETE_RETURN, { id })).completeReturn.return?.status).toBe('completed')
    expect((await adapter.client.mutate<{ completeReturn: Payload }>(COMPLETE_RETURN, { id })).completeReturn.userErrors[0].message).toMatch(/already completed/)
    const completed = await reader.next(10)
    expect(completed.map((e) => e.changeType)).toEqual(['UPDATED', 'COMPLETED'])
    expect(completed[1].ret?.ret.status).toBe('completed')
    expect(completed[1].ret?.ret.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    await reader.confirm(completed.map((e) => e.id))

    expect((await adapter.client.mutate<{ deleteReturn: Payload }>(DELETE_RETURN, { id })).deleteReturn.userErrors).toEqual([])
    const deleted = await reader.next(10)
    expect(deleted.map((e) => [e.changeType, e.returnId, e.ret])).toEqual([['DELETED', String(id), null]])
    const onOrder = await adapter.client.query<{ orders: { lines: { id: number; returnedQuantity: number }[]; returns: unknown[] }[] }>(ORDER_RETURNS, { n: order.number })
    expect(onOrder.orders[0].returns).toEqual([])
    expect(onOrder.orders[0].lines.find((l) => l.id === line.lineId)?.returnedQuantity).toBe(0)
  })

  it('refuses a return of a shipment that has not shipped', async () => {
    const { adapter, orders } = await setup('bench')
    const order = orders.find((o) => o.status === 'CONFIRMED')!
    const open = order.lines.filter((l) => l.quantity > 0)
    const shipment = await adapter.createShipment({ orderNumber: order.number, lines: open.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) })
    const res = await adapter.client.mutate<{ createReturn: Payload }>(CREATE_RETURN, {
      input: { shipment: { id: shipment.id }, lines: [{ shipmentLine: { id: shipment.lines[0].id }, quantity: 1 }], returnStockActionPolicy: { releaseItemsBackToWarehouse: true } },
    })
    expect(res.createReturn.userErrors[0].message).toMatch(/not shipped yet/)
  })

  it('falls back to the documented fields when Centra has none of the unverified ones, and still prices the returns', async () => {
    const { adapter } = await setup()
    const asked: string[] = []
    // A Centra whose Return type has only the documented fields answers as graphql-js validation does.
    const strict: CentraClient = {
      ...adapter.client,
      query: async <T,>(document: string, variables?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<T> => {
        asked.push(/completedAt/.test(document) ? 'full' : 'documented')
        if (/completedAt/.test(document)) {
          throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `Centra rejected Instep's request: Cannot query field "completedAt" on type "Return".` })
        }
        return adapter.client.query<T>(document, variables, options)
      },
    }
    const reader = createCentraReturnReader(strict)
    const full = (await createCentraReturnReader(adapter.client).page(1, 100)).returns.map((r) => r.ret)
    const documented = (await reader.page(1, 100)).returns.map((r) => r.ret)
    await reader.page(1, 100)
    expect(asked).toEqual(['full', 'documented', 'documented']) // asked once, then remembered
    expect(documented.map((r) => [r.returnId, r.orderNumber, r.status, r.linesMinor, r.createdAt, r.shippingMinor])).toEqual(
      full.map((r) => [r.returnId, r.orderNumber, r.status, r.linesMinor, null, 0]),
    )
  })
})
