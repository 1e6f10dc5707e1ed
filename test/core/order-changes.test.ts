import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, FakeEventQueue, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

const catalog = [item('A'), item('B')]
const sync = async () => t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)

describe("Centra's event queue", () => {
  it('subscribes, stores the changed orders, and confirms the events only after the local commit', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    const queue = new FakeEventQueue(centra)
    centra.events = queue
    t = testCore(() => ({ store: centra, erp: new FakeErp(catalog) }))
    await sync()
    centra.orders.push(storeOrder(2, [{ sku: 'B' }], { orderDate: '2020-01-01T00:00:00.000Z' })) // too old for polling's look-back
    queue.push(2, 'CREATED')
    queue.push(2, 'UPDATED')
    queue.push(99, 'DELETED') // nothing to fetch: confirmed all the same
    const run = await sync()
    expect(queue.subscribed).toBe(2)
    expect(queue.queue).toEqual([])
    expect(queue.confirmed).toEqual([1, 2, 3])
    expect(run.counters.posted).toBe(1)
    expect((await t.call('dashboard.summary', {})).ordersSynced).toBe(2)
  })

  it('leaves events unconfirmed when confirming fails, and a replay changes nothing', async () => {
    const centra = new FakeCentra([])
    const queue = new FakeEventQueue(centra)
    centra.events = queue
    t = testCore(() => ({ store: centra, erp: new FakeErp(catalog) }))
    centra.orders.push(storeOrder(3, [{ sku: 'A' }], { orderDate: '2020-01-01T00:00:00.000Z' }))
    queue.push(3, 'CREATED')
    queue.failConfirm = true
    const failed = await sync()
    expect(failed.status).toBe('failed')
    expect(queue.queue).toHaveLength(1) // still queued: Centra will deliver it again
    expect((await t.call('dashboard.summary', {})).ordersSynced).toBe(1) // but the order is safely stored
    queue.failConfirm = false
    const replay = await sync()
    expect(replay.counters).toMatchObject({ stored: 0, posted: 1 })
    expect(queue.queue).toEqual([])
  })
})

/** An ERP connection that cannot change what it received (e.g. file exchange). */
const unchangeableErp = () => Object.assign(new FakeErp(catalog), { changeOpenOrder: undefined })

describe('changes after posting, when the ERP order cannot be changed by Instep', () => {
  it('routes a cancellation in Centra of an order already in the ERP to operations, and stops posting it', async () => {
    const centra = new FakeCentra([storeOrder(10, [{ sku: 'A' }])])
    const erp = unchangeableErp()
    t = testCore(() => ({ store: centra, erp }))
    await sync()
    centra.orders[0] = { ...centra.orders[0], status: 'CANCELLED' }
    await sync()
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows.map((r) => [r.traceKey, r.team])).toEqual([['order:10:cancelled_after_posting', 'operations']])
    expect(open.rows[0].detail).toContain('SO1000')
  })

  it('routes a changed line to finance, and ignores status changes that do not touch what was posted', async () => {
    const centra = new FakeCentra([storeOrder(11, [{ sku: 'A', qty: 2 }]), storeOrder(12, [{ sku: 'B' }])])
    const erp = unchangeableErp()
    t = testCore(() => ({ store: centra, erp }))
    await sync()
    centra.orders[1] = { ...centra.orders[1], status: 'SHIPPED' }
    const edited = storeOrder(11, [{ sku: 'A', qty: 1 }])
    centra.orders[0] = { ...edited, lines: edited.lines.map((l) => ({ ...l, cancelledQuantity: 1 })) }
    await sync()
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows.map((r) => [r.traceKey, r.team])).toEqual([['order:11:changed_after_posting', 'finance']])
    expect(open.rows[0].detail).toMatch(/cannot change orders it has received/)
  })
})

describe('changes after posting, while the ERP order is still open', () => {
  it('replaces the open ERP order with the changed one, or deletes it when the order was cancelled', async () => {
    const centra = new FakeCentra([storeOrder(20, [{ sku: 'A', qty: 2 }]), storeOrder(21, [{ sku: 'B' }])])
    const erp = new FakeErp(catalog)
    t = testCore(() => ({ store: centra, erp }))
    await sync()
    const edited = storeOrder(20, [{ sku: 'A', qty: 1 }])
    centra.orders[0] = { ...edited, lines: edited.lines.map((l) => ({ ...l, cancelledQuantity: 1 })) }
    centra.orders[1] = { ...centra.orders[1], status: 'CANCELLED' }
    await sync()
    expect(erp.documents.map((d) => [d.externalDocumentNumber, d.lines[0].quantity])).toEqual([['WEB-20', 1]])
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
    expect((await t.call('dashboard.summary', {})).ordersBlocked).toBe(0)
  })

  it('leaves a shipped ERP order alone and tells the owning team why', async () => {
    const centra = new FakeCentra([storeOrder(22, [{ sku: 'A' }])])
    const erp = new FakeErp(catalog)
    t = testCore(() => ({ store: centra, erp }))
    await sync()
    erp.shipped.add('WEB-22')
    centra.orders[0] = { ...centra.orders[0], status: 'CANCELLED' }
    await sync()
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows[0]).toMatchObject({ traceKey: 'order:22:cancelled_after_posting', team: 'operations' })
    expect(open.rows[0].detail).toMatch(/already shipped part of SO1000/)
    expect(erp.documents).toHaveLength(1)
  })
})
