import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('order trace', () => {
  it('follows a posted order to its ERP number and a blocked one to the exception holding it back', async () => {
    const now = new Date('2026-11-01T02:00:00Z')
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A', qty: 2 }]), storeOrder(2, [{ sku: 'X' }])]), erp: new FakeErp([item('A')]) }), undefined, () => now)
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)

    const posted = (await t.call('trace.getOrder', { number: 1 }))!
    expect(posted.order).toMatchObject({ number: 1, status: 'CONFIRMED', market: 'Sweden', currency: 'SEK', grandTotalMinor: 20000 })
    expect(posted.order.lines[0]).toMatchObject({ sku: 'A', quantity: 2, erpItemNumber: 'A' })
    expect(posted.posting).toMatchObject({ state: 'posted', attempts: 1 })
    expect(posted.posting!.erpNumber).toMatch(/^SO/)
    expect(posted.posting!.idempotencyKey).toContain('1')
    expect(posted.posting!.plan!.lines[0]).toMatchObject({ kind: 'item', number: 'A', quantity: 2, taxPercent: '25' })
    expect(posted.erpDocument).toMatchObject({ number: posted.posting!.erpNumber, currency: 'SEK' })
    expect(posted.erpDocument!.lines.length).toBeGreaterThan(0)
    expect(posted.variances.every((v) => v.kind === 'rounding')).toBe(true)
    expect(posted.shipments).toEqual([])
    expect(posted.summary).toBe(`This order is in the ERP as ${posted.posting!.erpNumber} since 2026-11-01 02:00 UTC. Not shipped yet.`)
    expect(posted.lag).toMatchObject({ sincePlacedMinutes: 119, lastSuccessfulSyncAt: now.toISOString(), sinceLastSyncMinutes: 0 })

    const blocked = (await t.call('trace.getOrder', { number: 2 }))!
    expect(blocked.posting).toMatchObject({ state: 'blocked', erpNumber: null })
    expect(blocked.exceptions.map((e) => [e.title, e.status])).toEqual([['SKU X has no ERP item', 'open']])
    expect(blocked.summary).toMatch(/^This order is not in the ERP yet: SKU X has no ERP item\. The ecommerce team/)

    expect(await t.call('trace.getOrder', { number: 999 })).toBeNull()
  })
})
