import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

const catalog = [item('TS1001BLKM', '7350000000011'), item('1000-0003', '7350000000028'), item('HO1002NAVL')]

describe('order sync', () => {
  it('stores orders, maps SKUs by number then GTIN, and posts each order once', async () => {
    const centra = new FakeCentra([
      storeOrder(1001, [{ sku: 'TS1001BLKM', qty: 2 }]),
      storeOrder(1002, [{ sku: 'TS1001NAVS', ean: '7350000000028' }]),
      storeOrder(1003, [{ sku: 'HO1002NAVL' }, { sku: 'TS1001BLKM' }]),
    ])
    const erp = new FakeErp(catalog)
    t = testCore(() => ({ store: centra, erp }))
    const { runId } = await t.call('sync.runNow', { job: 'orders' })
    const run = await t.core.runner.wait(runId)
    expect(run.status).toBe('succeeded')
    expect(run.counters).toMatchObject({ fetched: 3, stored: 3, posted: 3, blocked: 0, failed: 0 })
    expect(erp.documents.map((d) => d.externalDocumentNumber)).toEqual(['WEB-1001', 'WEB-1002', 'WEB-1003'])
    // GTIN-only match: the ERP item number differs from the SKU
    expect(erp.documents[1].lines[0].number).toBe('1000-0003')
    expect(erp.documents[0]).toMatchObject({ customerNumber: 'WEB-SE', currencyCode: 'SEK', pricesIncludeTax: true })

    const summary = await t.call('dashboard.summary', {})
    expect(summary).toMatchObject({ ordersSynced: 3, ordersPosted: 3, openExceptions: 0, lastRunStatus: 'succeeded' })
  })

  it('blocks an order with an unmapped SKU, opens one exception for ecommerce, and posts the rest', async () => {
    const centra = new FakeCentra([
      storeOrder(2001, [{ sku: 'TS1001BLKM' }]),
      storeOrder(2002, [{ sku: 'NOPE999', ean: '123' }]),
      storeOrder(2003, [{ sku: 'NOPE999' }, { sku: 'TS1001BLKM' }]),
    ])
    const erp = new FakeErp(catalog)
    t = testCore(() => ({ store: centra, erp }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.status).toBe('partial')
    expect(run.counters).toMatchObject({ posted: 1, blocked: 2 })
    const list = await t.call('exceptions.list', { status: ['open'] })
    expect(list.total).toBe(1)
    expect(list.rows[0]).toMatchObject({
      traceKey: 'sku:NOPE999:unmapped',
      category: 'unmapped_sku',
      team: 'ecommerce',
      objectRef: 'NOPE999',
      occurrences: 2,
    })
    expect(list.rows[0].detail).toContain('NOPE999')

    // Once the ERP knows the item, the next run maps it, resolves the exception and posts the blocked orders.
    erp.items.push(item('NOPE999'))
    const second = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(second.status).toBe('succeeded')
    expect(second.counters.posted).toBe(2)
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
    expect((await t.call('exceptions.list', { status: ['resolved'] })).rows[0].traceKey).toBe('sku:NOPE999:unmapped')
    expect(new Set(erp.documents.map((d) => d.externalDocumentNumber)).size).toBe(erp.documents.length)
  })

  it('never creates a second ERP document when the answer to a create is lost', async () => {
    const centra = new FakeCentra([storeOrder(3001, [{ sku: 'TS1001BLKM' }]), storeOrder(3002, [{ sku: 'TS1001BLKM' }])])
    const erp = new FakeErp(catalog)
    erp.failCreate = (n) => (n === 1 ? 'ambiguous-after-write' : n === 2 ? 'ambiguous-before-write' : 'none')
    let now = Date.parse('2026-11-26T10:00:00Z')
    t = testCore(() => ({ store: centra, erp }), undefined, () => new Date(now))
    const first = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    // 3001: written then reset -> found by look-up -> posted. 3002: lost before writing -> not found -> waits, run stops.
    expect(first.status).toBe('failed')
    expect(first.counters).toMatchObject({ posted: 1, failed: 1 })
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows.find((r) => r.traceKey === 'order:3002:post_failed')?.detail).toMatch(/after 10:10 UTC/)

    // Within the settle time the ERP might still finish the lost request: nothing is re-sent.
    now += 5 * 60_000
    const early = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(early.counters.posted).toBe(0)
    expect(erp.createCalls).toBe(2)

    now += 6 * 60_000
    const second = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(second.status).toBe('succeeded')
    expect(erp.documents.map((d) => d.externalDocumentNumber).sort()).toEqual(['WEB-3001', 'WEB-3002'])
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
  })

  it('looks the key up before creating, so an order already in the ERP is recorded, not re-sent', async () => {
    const centra = new FakeCentra([storeOrder(4001, [{ sku: 'TS1001BLKM' }])])
    const erp = new FakeErp(catalog)
    await erp.createSalesOrder({
      externalDocumentNumber: 'WEB-4001',
      customerNumber: 'WEB-SE',
      currencyCode: 'SEK',
      orderDate: '2026-11-01',
      pricesIncludeTax: true,
      lines: [],
      expectedTotalMinor: 0,
      expectedTaxMinor: 0,
    })
    t = testCore(() => ({ store: centra, erp }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.counters).toMatchObject({ posted: 0, alreadyInErp: 1 })
    expect(erp.documents).toHaveLength(1)
  })

  it('routes an ERP rejection to finance and keeps going with the next order', async () => {
    const centra = new FakeCentra([storeOrder(5001, [{ sku: 'TS1001BLKM' }]), storeOrder(5002, [{ sku: 'TS1001BLKM' }])])
    const erp = new FakeErp(catalog)
    erp.failCreate = (n) => (n === 1 ? 'invalid' : 'none')
    t = testCore(() => ({ store: centra, erp }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.status).toBe('partial')
    expect(run.counters).toMatchObject({ posted: 1, failed: 1 })
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows[0]).toMatchObject({ traceKey: 'order:5001:post_failed', team: 'finance', category: 'erp_rejected' })
  })

  it('cancels between orders: nothing half-written, and the next run finishes the work', async () => {
    const orders = Array.from({ length: 8 }, (_, i) => storeOrder(6000 + i, [{ sku: 'TS1001BLKM' }]))
    const erp = new FakeErp(catalog)
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    erp.beforeCreate = async () => {
      if (erp.createCalls === 3) await gate
    }
    t = testCore(() => ({ store: new FakeCentra(orders), erp }))
    const { runId } = await t.call('sync.runNow', { job: 'orders' })
    while (erp.createCalls < 3) await new Promise((r) => setTimeout(r, 5))
    expect((await t.call('sync.cancel', { runId })).cancelling).toBe(true)
    release()
    const run = await t.core.runner.wait(runId)
    expect(run.status).toBe('cancelled')
    // The order in flight when Cancel was pressed finished; nothing after it started.
    expect(erp.documents).toHaveLength(3)
    const summary = await t.call('dashboard.summary', {})
    expect(summary.ordersPosted).toBe(3)
    expect(summary.runningRunId).toBeNull()

    const next = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(next.status).toBe('succeeded')
    expect(erp.documents).toHaveLength(8)
    expect(new Set(erp.documents.map((d) => d.externalDocumentNumber)).size).toBe(8)
  })

  it('streams progress events while it runs and a finished event at the end', async () => {
    const orders = Array.from({ length: 5 }, (_, i) => storeOrder(7000 + i, [{ sku: 'TS1001BLKM' }]))
    t = testCore(() => ({ store: new FakeCentra(orders), erp: new FakeErp(catalog) }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    const progress = t.events.filter((e) => e.event === 'sync.progress').map((e) => e.payload as { phase: string; done: number; total: number | null })
    expect(progress.some((p) => p.phase === 'posting')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ done: 5, total: 5 })
    const finished = t.events.find((e) => e.event === 'sync.finished')?.payload
    expect(finished).toMatchObject({ runId: run.id, status: 'succeeded' })
  })

  it('re-reads a look-back window but writes nothing for unchanged orders', async () => {
    const centra = new FakeCentra([storeOrder(8001, [{ sku: 'TS1001BLKM' }])])
    t = testCore(() => ({ store: centra, erp: new FakeErp(catalog) }))
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    const again = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(again.counters).toMatchObject({ fetched: 1, stored: 0, posted: 0 })
  })

  it('fails the run with a clear message and an operations exception when Centra refuses the token', async () => {
    const centra = new FakeCentra([])
    const { ConnectorError } = await import('../../src/main/core/sync/connector-error')
    centra.beforePage = async () => {
      throw new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token (401).' })
    }
    t = testCore(() => ({ store: centra, erp: new FakeErp(catalog) }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run).toMatchObject({ status: 'failed', error: 'Centra refused the API token (401).' })
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows[0]).toMatchObject({ traceKey: 'job:orders:failed', team: 'operations' })
  })
})

describe('read-back after posting', () => {
  it('records the ERP document and finds no variance when the ERP computes what Centra charged', async () => {
    const erp = new FakeErp(catalog)
    t = testCore(() => ({ store: new FakeCentra([storeOrder(9001, [{ sku: 'TS1001BLKM', qty: 2, priceMinor: 12500 }])]), erp }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.status).toBe('succeeded')
    expect(await t.call('dashboard.summary', {})).toMatchObject({ ordersPosted: 1, ordersWithRounding: 0, ordersWithMismatch: 0 })
  })

  it('records a one-cent tax difference as rounding with its explanation, and opens a finance exception beyond tolerance', async () => {
    const erp = new FakeErp(catalog)
    erp.taxSkewMinor = 1
    t = testCore(() => ({ store: new FakeCentra([storeOrder(9002, [{ sku: 'TS1001BLKM' }])]), erp }))
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(await t.call('dashboard.summary', {})).toMatchObject({ ordersWithRounding: 1, ordersWithMismatch: 0 })
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
    await t.close()

    const skewed = new FakeErp(catalog)
    skewed.taxSkewMinor = 500
    t = testCore(() => ({ store: new FakeCentra([storeOrder(9003, [{ sku: 'TS1001BLKM' }])]), erp: skewed }))
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(await t.call('dashboard.summary', {})).toMatchObject({ ordersWithMismatch: 1 })
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows[0]).toMatchObject({ traceKey: 'order:9003:erp_variance', team: 'finance', category: 'erp_variance' })
    expect(open.rows[0].detail).toContain('5.00 SEK')
  })
})

describe('posting several orders at once', () => {
  it('keeps up to the configured number of orders in flight and still posts each exactly once', async () => {
    const { tempWorkspace } = await import('../helpers/temp-workspace')
    const { OrdersSettings } = await import('../../src/main/core/workspace/config')
    const orders = Array.from({ length: 20 }, (_, i) => storeOrder(9100 + i, [{ sku: 'TS1001BLKM' }]))
    const erp = new FakeErp(catalog)
    let inFlight = 0
    let maxInFlight = 0
    erp.beforeCreate = async () => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((r) => setTimeout(r, 5))
      inFlight--
    }
    t = testCore(() => ({ store: new FakeCentra(orders), erp }), tempWorkspace({ orders: OrdersSettings.parse({ pageSize: 50, postConcurrency: 4 }) }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.counters.posted).toBe(20)
    expect(maxInFlight).toBe(4)
    expect(new Set(erp.documents.map((d) => d.externalDocumentNumber)).size).toBe(20)
  })
})

describe('offline', () => {
  it('calls an unreachable system offline — no failure exception — and clears it when the network returns', async () => {
    const { ConnectorError } = await import('../../src/main/core/sync/connector-error')
    const centra = new FakeCentra([storeOrder(9500, [{ sku: 'TS1001BLKM' }])])
    let down = true
    centra.beforePage = async () => {
      if (down) throw new ConnectorError({ system: 'centra', kind: 'offline', message: 'Instep cannot reach Centra.' })
    }
    t = testCore(() => ({ store: centra, erp: new FakeErp(catalog) }))
    const run = await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect(run.status).toBe('failed')
    const summary = await t.call('dashboard.summary', {})
    expect(summary.offlineSince).not.toBeNull()
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)

    down = false
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    expect((await t.call('dashboard.summary', {})).offlineSince).toBeNull()
    expect((await t.call('dashboard.summary', {})).ordersPosted).toBe(1)
  })
})
