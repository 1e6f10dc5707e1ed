import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

describe('exception workflow', () => {
  it('shows the orders an unmapped SKU holds back, and one retry posts them all after the fix', async () => {
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({
      store: new FakeCentra([storeOrder(1, [{ sku: 'X' }]), storeOrder(2, [{ sku: 'A' }, { sku: 'X' }]), storeOrder(3, [{ sku: 'A' }])]),
      erp,
    }))
    await syncOnce()
    const { rows } = await t.call('exceptions.list', { status: ['open'] })
    expect(rows).toHaveLength(1)
    const detail = await t.call('exceptions.get', { id: rows[0].id })
    expect(detail.affectedOrders.map((o) => o.number)).toEqual([1, 2])
    expect(detail.events[0]).toMatchObject({ kind: 'opened', actor: 'system', toStatus: 'open' })

    erp.items.push(item('X'))
    const retry = await t.call('exceptions.retry', { ids: [rows[0].id], actor: 'Eva (ecommerce)' })
    expect(retry.orders).toBe(2)
    const run = await t.core.runner.wait(retry.runId!)
    expect(run).toMatchObject({ trigger: 'retry', status: 'succeeded', counters: { posted: 2, fetched: 0 } })
    const after = await t.call('exceptions.get', { id: rows[0].id })
    expect(after.exception.status).toBe('resolved')
    expect(after.events.map((e) => e.kind)).toEqual(['opened', 'note', 'auto-resolved'])
    expect(after.affectedOrders).toEqual([])
  })

  it('moves through acknowledge, assign, notes, ignore with a reason and reopen, recording who did what', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'X' }])]), erp: new FakeErp([]) }))
    await syncOnce()
    const [e] = (await t.call('exceptions.list', {})).rows
    expect((await t.call('exceptions.acknowledge', { ids: [e.id], actor: 'Ann' })).changed).toBe(1)
    expect((await t.call('exceptions.acknowledge', { ids: [e.id], actor: 'Ann' })).changed).toBe(0) // already acknowledged
    await t.call('exceptions.assign', { ids: [e.id], actor: 'Ann', assignee: 'Bo' })
    const note = await t.call('exceptions.addNote', { id: e.id, actor: 'Bo', note: 'Asked the ERP team to create the item' })
    expect(note).toMatchObject({ kind: 'note', actor: 'Bo' })
    const ignoreBad = await t.core.dispatch('exceptions.ignore', { ids: [e.id], actor: 'Bo', reason: '' })
    expect(ignoreBad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await t.call('exceptions.ignore', { ids: [e.id], actor: 'Bo', reason: 'Test product, never sold' })).changed).toBe(1)
    let d = await t.call('exceptions.get', { id: e.id })
    expect(d.exception).toMatchObject({ status: 'ignored', assignee: 'Bo', statusReason: 'Test product, never sold' })
    expect((await t.call('dashboard.summary', {})).openExceptions).toBe(0)

    expect((await t.call('exceptions.reopen', { ids: [e.id], actor: 'Ann', reason: 'It is sold after all' })).changed).toBe(1)
    d = await t.call('exceptions.get', { id: e.id })
    expect(d.exception.status).toBe('open')
    expect(d.events.map((x) => [x.kind, x.actor, x.fromStatus, x.toStatus])).toEqual([
      ['opened', 'system', null, 'open'],
      ['acknowledged', 'Ann', 'open', 'acknowledged'],
      ['assigned', 'Ann', null, null],
      ['note', 'Bo', null, null],
      ['ignored', 'Bo', 'acknowledged', 'ignored'],
      ['reopened', 'Ann', 'ignored', 'open'],
    ])
  })

  it('filters in SQL by team, category, search text and age', async () => {
    t = testCore(() => ({
      store: new FakeCentra([storeOrder(10, [{ sku: 'SKU-RED' }]), storeOrder(11, [{ sku: 'SKU-BLUE' }])]),
      erp: new FakeErp([]),
    }))
    await syncOnce()
    expect((await t.call('exceptions.list', { team: ['ecommerce'] })).total).toBe(2)
    expect((await t.call('exceptions.list', { team: ['finance'] })).total).toBe(0)
    expect((await t.call('exceptions.list', { category: ['unmapped_sku'] })).total).toBe(2)
    const red = await t.call('exceptions.list', { search: 'RED' })
    expect(red.rows.map((r) => r.objectRef)).toEqual(['SKU-RED'])
    expect((await t.call('exceptions.list', { search: '%' })).total).toBe(0)
    expect((await t.call('exceptions.list', { olderThanHours: 1 })).total).toBe(0)
    expect((await t.call('exceptions.list', { olderThanHours: 0 })).total).toBe(2)
    const page = await t.call('exceptions.list', { limit: 1, offset: 1 })
    expect(page).toMatchObject({ total: 2 })
    expect(page.rows).toHaveLength(1)
  })
})
