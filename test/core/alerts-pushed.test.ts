import { afterEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../src/shared/contract'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import type { ErpStockRow, StoreStockSink } from '../../src/main/core/sync/ports'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

function pushed(): Alert[][] {
  return t.events.filter((e) => e.event === 'alerts.raised').map((e) => (e.payload as { alerts: Alert[] }).alerts)
}

describe('alerts pushed to the windows', () => {
  it('pushes a new high-severity exception once, not again for a repeat of the same cause, and again when it is reopened', async () => {
    const store = new FakeCentra([storeOrder(1, [{ sku: 'X' }])])
    t = testCore(() => ({ store, erp: new FakeErp([item('A')]) }))
    await syncOnce()
    expect(pushed()).toHaveLength(1)
    expect(pushed()[0]).toEqual([expect.objectContaining({ kind: 'exception', team: 'ecommerce', title: 'SKU X has no ERP item', desktop: true })])

    store.orders.push(storeOrder(2, [{ sku: 'X' }]))
    await syncOnce()
    await t.call('exceptions.list', {})
    expect(pushed()).toHaveLength(1)

    const [e] = (await t.call('exceptions.list', { status: ['open'] })).rows
    await t.call('exceptions.resolve', { ids: [e.id], actor: 'Eva' })
    await t.call('exceptions.reopen', { ids: [e.id], actor: 'Eva', reason: 'Still not mapped' })
    expect(pushed()).toHaveLength(2)
    expect(pushed()[1][0].title).toBe('Reopened: SKU X has no ERP item')
    // the pushed alerts are the feed's own, key for key
    const feed = await t.call('monitoring.alerts', {})
    expect(pushed().flat().map((a) => a.key).sort()).toEqual(feed.map((a) => a.key).sort())
  })

  it('pushes nothing for a team that turned desktop notifications off, though the feed still lists the alert', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'X' }])]), erp: new FakeErp([]) }))
    await t.call('monitoring.setAlertSettings', { desktop: { ecommerce: false } })
    await syncOnce()
    expect(pushed()).toEqual([])
    expect((await t.call('monitoring.alerts', {})).map((a) => a.team)).toContain('ecommerce')
  })

  it('pushes a failed sync to operations', async () => {
    const store = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    store.beforePage = async () => {
      throw new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token.' })
    }
    t = testCore(() => ({ store, erp: new FakeErp([item('A')]) }))
    await syncOnce()
    const kinds = pushed().flat().map((a) => [a.kind, a.team])
    expect(kinds).toEqual([['sync_failed', 'operations']]) // once, not also as its 'sync failed' exception
    // failing again is the same problem: no new alert until the sync has succeeded in between
    await syncOnce()
    await syncOnce()
    expect(pushed().flat().filter((a) => a.kind === 'sync_failed')).toHaveLength(1)
    store.beforePage = async () => {}
    await syncOnce()
    store.beforePage = async () => {
      throw new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token again.' })
    }
    await syncOnce()
    const failed = pushed().flat().filter((a) => a.kind === 'sync_failed')
    expect(failed.map((a) => a.detail)).toEqual([expect.stringMatching(/refused the API token/), expect.stringMatching(/refused the API token again/)])
  })

  it('does not push alerts that were already there when the app started', async () => {
    const connectors = () => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'X' }])]), erp: new FakeErp([]) })
    t = testCore(connectors)
    await syncOnce()
    expect(pushed()).toHaveLength(1)
    await t.core.close()
    t = testCore(connectors, t.ws)
    await t.call('monitoring.setAlertSettings', { desktop: { cx: true } }) // a change: the core looks again
    expect((await t.call('monitoring.alerts', {})).length).toBeGreaterThan(0)
    expect(pushed()).toEqual([])
  })

  it('pushes a held stock push to operations as its own kind, which opens the stock screen', async () => {
    // Centra holds 10 of each size, the ERP none: a push of everything to zero is held for review
    const sizes = Array.from({ length: 5 }, (_, i) => ({ sku: `SKU-${i}`, sizeId: i, variantId: 100 + i }))
    const erpRows: ErpStockRow[] = sizes.map((_, i) => ({ itemNumber: `I${i}`, location: 'MAIN', quantity: 0 }))
    const storeStock: StoreStockSink = {
      readLevels: async () => sizes.map((s) => ({ ...s, total: 10 })),
      setStock: async () => ({ stockChangeIds: [1], rejected: [] }),
    }
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]), stockSource: { readStock: async () => erpRows }, storeStock }))
    for (let i = 0; i < sizes.length; i++) await t.call('mapping.setSku', { sku: `SKU-${i}`, erpItemNumber: `I${i}`, confirmNewItem: true, actor: 'Ops' })
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'stock-sweep' })).runId)
    expect(await t.call('inventory.pushes', { state: 'held' })).toHaveLength(1)
    const held = pushed().flat().filter((a) => a.kind === 'stock_held')
    expect(held).toEqual([expect.objectContaining({ team: 'operations', title: expect.stringMatching(/held for review/) })])
  })
})
