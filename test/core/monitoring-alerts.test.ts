import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

describe('alerts', () => {
  it('a high-severity exception raises one alert; a second occurrence does not; reopening raises a new one', async () => {
    const store = new FakeCentra([storeOrder(1, [{ sku: 'X' }])])
    t = testCore(() => ({ store, erp: new FakeErp([item('A')]) }))
    await syncOnce()
    const first = (await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'exception')
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ team: 'ecommerce', title: 'SKU X has no ERP item', desktop: true })

    store.orders.push(storeOrder(2, [{ sku: 'X' }])) // the same cause again
    await syncOnce()
    const [e] = (await t.call('exceptions.list', { status: ['open'] })).rows
    expect(e.occurrences).toBeGreaterThan(1)
    const second = (await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'exception')
    expect(second.map((a) => a.key)).toEqual(first.map((a) => a.key))

    await t.call('exceptions.resolve', { ids: [e.id], actor: 'Eva' })
    expect((await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'exception')).toHaveLength(1)
    await t.call('exceptions.reopen', { ids: [e.id], actor: 'Eva', reason: 'Still not mapped' })
    const third = (await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'exception')
    expect(third).toHaveLength(2)
    expect(third[0].title).toBe('Reopened: SKU X has no ERP item')
    expect(new Set(third.map((a) => a.key)).size).toBe(2)

    // only alerts after a point in time, for a UI that already showed the older ones
    expect(await t.call('monitoring.alerts', { since: third[0].at })).toEqual([])
  })

  it('keeps per-team desktop notification settings', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'X' }])]), erp: new FakeErp([]) }))
    expect((await t.call('monitoring.alertSettings', {})).desktop).toEqual({ finance: true, operations: true, ecommerce: true, cx: false })
    const after = await t.call('monitoring.setAlertSettings', { desktop: { ecommerce: false, cx: true } })
    expect(after.desktop).toEqual({ finance: true, operations: true, ecommerce: false, cx: true })
    await syncOnce()
    const [alert] = await t.call('monitoring.alerts', {})
    expect(alert).toMatchObject({ team: 'ecommerce', desktop: false })
  })
})

describe('trends and the queue by filter', () => {
  it('counts per day, ages per team, and applies one action to every matching exception', async () => {
    t = testCore(() => ({
      store: new FakeCentra([storeOrder(1, [{ sku: 'X' }]), storeOrder(2, [{ sku: 'Y' }]), storeOrder(3, [{ sku: 'A' }])]),
      erp: new FakeErp([item('A')]),
    }))
    await syncOnce()
    const trends = await t.call('monitoring.trends', { days: 30 })
    expect(trends.days).toHaveLength(30)
    const today = trends.days[29]
    expect(today.day).toBe(new Date().toISOString().slice(0, 10))
    expect(today).toMatchObject({ ordersSynced: 3, ordersPosted: 1, failedRuns: 0, exceptionsOpened: 2, exceptionsClosed: 0 })
    expect(trends.ages.find((a) => a.team === 'ecommerce')).toMatchObject({ underHour: 2, underDay: 0, older: 0 })
    expect(trends.errorRate).toMatchObject({ finishedRuns: 1, failedRuns: 0, ordersRead: 3 })
    expect(trends.throughput.runs).toBe(1)

    expect((await t.call('exceptions.list', { newerThanHours: 1 })).total).toBe(2)
    expect((await t.call('exceptions.list', { olderThanHours: 1 })).total).toBe(0)

    const bad = await t.core.dispatch('exceptions.bulkByFilter', { filter: { team: ['ecommerce'] }, action: 'ignore', actor: 'Eva' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const ignored = await t.call('exceptions.bulkByFilter', {
      filter: { team: ['ecommerce'], search: 'X' },
      action: 'ignore',
      actor: 'Eva',
      note: 'Samples, never sold',
    })
    expect(ignored).toEqual({ matched: 1, changed: 1 })
    const all = await t.call('exceptions.bulkByFilter', { filter: { status: ['open', 'ignored'] }, action: 'acknowledge', actor: 'Eva' })
    expect(all).toEqual({ matched: 2, changed: 1 }) // the ignored one cannot be acknowledged
    const { rows } = await t.call('exceptions.list', {})
    const x = rows.find((r) => r.objectRef === 'X')!
    expect(x).toMatchObject({ status: 'ignored', statusReason: 'Samples, never sold' })
    const detail = await t.call('exceptions.get', { id: x.id })
    expect(detail.events.at(-1)).toMatchObject({ kind: 'ignored', actor: 'Eva', fromStatus: 'open', toStatus: 'ignored' })
    expect(rows.find((r) => r.objectRef === 'Y')!.status).toBe('acknowledged')

    expect(await t.call('exceptions.bulkByFilter', { filter: { status: ['ignored'] }, action: 'reopen', actor: 'Eva', note: 'Sold after all' })).toEqual({
      matched: 1,
      changed: 1,
    })
    expect((await t.call('exceptions.bulkByFilter', { filter: {}, action: 'assign', actor: 'Eva', assignee: 'Bo' })).changed).toBe(2)
    expect((await t.call('exceptions.list', { market: ['Nowhere'] })).total).toBe(0)
    expect((await t.call('dashboard.summary', {})).openExceptions).toBe(2)
  })
})
