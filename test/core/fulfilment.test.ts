import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import type { ErpShipment, ErpShipmentSource, StoreShipment, StoreShipmentSink } from '../../src/main/core/sync/ports'
import { ConnectorError } from '../../src/main/core/sync/connector-error'

let t: TestCore
afterEach(() => t?.close())

class FakeErpShipments implements ErpShipmentSource {
  list: ErpShipment[] = []
  async consume(cursor: string | null, commit: (batch: ErpShipment[], next: string | null) => void) {
    const i = cursor ? Number(cursor) : 0
    commit(this.list.slice(i), String(this.list.length))
  }
}

/** Centra's side of shipments, with the failure that matters: the answer to a create is lost. */
class FakeCentraShipments implements StoreShipmentSink {
  shipments: (StoreShipment & { orderNumber: number; email: boolean; tracking: string | null })[] = []
  loseNextCreateAnswer = false
  calls: string[] = []
  async shipmentsForOrder(orderNumber: number) {
    return this.shipments.filter((s) => s.orderNumber === orderNumber)
  }
  async createShipment(args: { orderNumber: number; lines: { lineId: number; quantity: number }[] }) {
    this.calls.push(`create ${args.orderNumber}`)
    const s = { id: 500 + this.shipments.length, orderNumber: args.orderNumber, lines: args.lines.map((l) => ({ orderLineId: l.lineId, quantity: l.quantity })), isShipped: false, isPaid: false, isCaptured: false, email: false, tracking: null }
    this.shipments.push(s)
    if (this.loseNextCreateAnswer) {
      this.loseNextCreateAnswer = false
      throw new ConnectorError({ system: 'centra', kind: 'retryable', ambiguous: true, message: 'Centra did not answer in time.' })
    }
    return s
  }
  async completeShipment(id: number, args: { sendEmail: boolean; trackingNumber: string | null }) {
    this.calls.push(`complete ${id}`)
    const s = this.shipments.find((x) => x.id === id)!
    Object.assign(s, { isShipped: true, email: args.sendEmail, tracking: args.trackingNumber })
    return s
  }
  async capture(id: number) {
    this.calls.push(`capture ${id}`)
    const s = this.shipments.find((x) => x.id === id)!
    Object.assign(s, { isCaptured: true, isPaid: true })
    return s
  }
  async markPaid(id: number) {
    const s = this.shipments.find((x) => x.id === id)!
    Object.assign(s, { isPaid: true })
    return s
  }
}

function setup() {
  const centra = new FakeCentra([storeOrder(1, [{ sku: 'A', qty: 3 }, { sku: 'B', qty: 1 }])])
  const erp = new FakeErp([item('A'), item('B')])
  const shipments = new FakeErpShipments()
  const storeShipments = new FakeCentraShipments()
  t = testCore(() => ({ store: centra, erp, shipments, storeShipments }))
  return { centra, erp, shipments, storeShipments }
}

const run = async (job: 'orders' | 'fulfilment') => t.core.runner.wait((await t.call('sync.runNow', { job })).runId)

describe('fulfilment back to Centra', () => {
  it('turns partial and split ERP shipments into completed, captured Centra shipments that notify the customer', async () => {
    const { shipments, storeShipments } = setup()
    expect((await run('orders')).counters.posted).toBe(1)
    // First a partial shipment of B, then A split over two parcels.
    shipments.list.push({ id: 'shp-1', number: 'S-SHP1', externalDocumentNumber: 'WEB-1', shippedAt: '2026-11-20', carrier: 'DHL', trackingNumber: 'JD0001', lines: [{ itemNumber: 'B', quantity: 1 }] })
    const first = await run('fulfilment')
    expect(first.status).toBe('succeeded')
    expect(storeShipments.shipments).toHaveLength(1)
    expect(storeShipments.shipments[0]).toMatchObject({ orderNumber: 1, isShipped: true, isCaptured: true, email: true, tracking: 'JD0001' })

    shipments.list.push({ id: 'shp-1b', number: 'S-SHP1B', externalDocumentNumber: 'WEB-1', shippedAt: null, carrier: null, trackingNumber: 'JD0002', lines: [{ itemNumber: 'A', quantity: 2 }] })
    shipments.list.push({ id: 'shp-1c', number: 'S-SHP1C', externalDocumentNumber: 'WEB-1', shippedAt: null, carrier: null, trackingNumber: 'JD0003', lines: [{ itemNumber: 'A', quantity: 1 }] })
    await run('fulfilment')
    expect(storeShipments.shipments.map((x) => [x.lines.map((l) => l.quantity).join('+'), x.tracking, x.isShipped])).toEqual([
      ['1', 'JD0001', true],
      ['2', 'JD0002', true],
      ['1', 'JD0003', true],
    ])

    // The same ERP shipments read again are not sent twice.
    await run('fulfilment')
    expect(storeShipments.shipments).toHaveLength(3)
  })

  it('adopts the shipment Centra created when the answer was lost, instead of creating a second', async () => {
    const { shipments, storeShipments } = setup()
    await run('orders')
    storeShipments.loseNextCreateAnswer = true
    shipments.list.push({ id: 'shp-2', number: 'S-SHP2', externalDocumentNumber: 'WEB-1', shippedAt: null, carrier: null, trackingNumber: null, lines: [{ itemNumber: 'B', quantity: 1 }] })
    const failed = await run('fulfilment')
    expect(failed.status).toBe('failed')
    const retried = await run('fulfilment')
    expect(retried.status).toBe('succeeded')
    expect(storeShipments.shipments).toHaveLength(1)
    expect(storeShipments.calls).toEqual(['create 1', 'complete 500', 'capture 500'])
    expect((await t.call('exceptions.list', { status: ['open'] })).rows.filter((r) => r.category === 'fulfilment_failed')).toEqual([])
  })

  it('raises an operations exception for a shipment of an unknown order or of items not on the order', async () => {
    const { shipments, storeShipments } = setup()
    await run('orders')
    shipments.list.push({ id: 'shp-3', number: 'S-SHP3', externalDocumentNumber: 'WEB-999', shippedAt: null, carrier: null, trackingNumber: null, lines: [{ itemNumber: 'B', quantity: 1 }] })
    shipments.list.push({ id: 'shp-4', number: 'S-SHP4', externalDocumentNumber: 'WEB-1', shippedAt: null, carrier: null, trackingNumber: null, lines: [{ itemNumber: 'B', quantity: 5 }] })
    await run('fulfilment')
    expect(storeShipments.shipments).toHaveLength(0)
    const open = await t.call('exceptions.list', { status: ['open'], category: ['unknown_shipment'] })
    expect(open.rows.map((r) => [r.objectRef, r.team]).sort()).toEqual([['S-SHP3', 'operations'], ['S-SHP4', 'operations']])
  })
})
