import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

const actor = 'Eva (ecommerce)'

describe('SKU mapping', () => {
  it('shows the unmapped SKU with what it holds back; a manual mapping answers its exception and a retry posts the orders', async () => {
    const erp = new FakeErp([item('A'), item('B')])
    t = testCore(() => ({
      store: new FakeCentra([storeOrder(1, [{ sku: 'X', qty: 2 }]), storeOrder(2, [{ sku: 'A' }, { sku: 'X' }]), storeOrder(3, [{ sku: 'A' }])]),
      erp,
    }))
    await syncOnce()

    const unmapped = await t.call('mapping.listSkus', { status: 'unmapped' })
    expect(unmapped.total).toBe(1)
    expect(unmapped.rows[0]).toMatchObject({ sku: 'X', status: 'unmapped', erpItemNumber: null, orders: 2, units: 3, blockedOrders: 2 })
    expect(unmapped.counts).toMatchObject({ all: 2, mapped: 1, unmapped: 1 })
    const all = await t.call('mapping.listSkus', { search: 'A' })
    expect(all.rows.map((r) => [r.sku, r.erpItemNumber, r.origin])).toEqual([['A', 'A', 'auto']])

    await expect(t.call('mapping.setSku', { sku: 'X', erpItemNumber: 'NEW-1', actor })).rejects.toThrow(/not among the items.*confirm/)
    expect((await t.call('mapping.searchItems', { search: 'b' })).rows.map((r) => r.number)).toEqual(['B'])

    const set = await t.call('mapping.setSku', { sku: 'X', erpItemNumber: 'B', actor })
    expect(set.ordersToRelease).toBe(2)
    expect(set.exceptionIds).toHaveLength(1)
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)

    const retry = await t.call('exceptions.retry', { ids: set.exceptionIds, actor })
    expect(retry.orders).toBe(2)
    expect((await t.core.runner.wait(retry.runId!)).counters.posted).toBe(2)
    expect(erp.documents.flatMap((d) => d.lines.map((l) => l.number))).toContain('B')
    const after = await t.call('mapping.listSkus', { search: 'X' })
    expect(after.rows[0]).toMatchObject({ sku: 'X', erpItemNumber: 'B', origin: 'manual', status: 'mapped', blockedOrders: 0 })
  })

  it('keeps a manual mapping when automatic matching would pick another item, and maps to a new item only when confirmed', async () => {
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }])]), erp }))
    await t.call('mapping.setSku', { sku: 'A', erpItemNumber: 'NEW-A', confirmNewItem: true, actor })
    await syncOnce()
    const [row] = (await t.call('mapping.listSkus', {})).rows
    expect(row).toMatchObject({ sku: 'A', erpItemNumber: 'NEW-A', origin: 'manual', erpItemKnown: false })
    expect(erp.documents[0].lines[0].number).toBe('NEW-A')

    expect(await t.call('mapping.removeSku', { sku: 'A', actor })).toEqual({ removed: true })
    expect((await t.call('mapping.listSkus', { status: 'unmapped' })).rows.map((r) => r.sku)).toEqual(['A'])
  })

  it('previews a CSV import row by row, applies only what the preview accepts, and exports the map', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'S1' }, { sku: 'S2' }])]), erp: new FakeErp([item('I1'), item('I2'), item('I3')]) }))
    await syncOnce() // S1 and S2 unmapped; items I1..I3 read
    await t.call('mapping.setSku', { sku: 'S2', erpItemNumber: 'I2', actor })
    const csv = [
      'sku,ean,erp_item_number',
      'S1,7300000000017,I1', // add
      'S2,,I3', // change
      'S3,,I2', // add
      'S1,,I2', // duplicate
      'S4,,NOPE', // unknown item
      ',,I1', // no sku
      'S5,12ab,I1', // bad EAN
    ].join('\n')
    const preview = await t.call('mapping.previewImport', { csv })
    expect(preview.counts).toEqual({ add: 2, change: 1, unchanged: 0, reject: 4 })
    expect(preview.rows.find((r) => r.line === 5)?.reason).toMatch(/already on line 2/)
    expect(preview.rows.find((r) => r.sku === 'S4')?.reason).toMatch(/ERP item NOPE is not among/)
    expect(preview.rows.find((r) => r.sku === 'S2')).toMatchObject({ action: 'change', previous: 'I2' })
    expect((await t.call('mapping.listSkus', { status: 'mapped' })).total).toBe(1) // a preview changes nothing

    const applied = await t.call('mapping.applyImport', { csv, actor })
    expect(applied.preview.counts).toEqual(preview.counts)
    expect(applied.ordersToRelease).toBe(1)
    expect(applied.exceptionIds).toHaveLength(1)
    const again = await t.call('mapping.previewImport', { csv: 'sku,ean,erp_item_number\nS1,,I1\n' })
    expect(again.counts.unchanged).toBe(1)

    const exported = await t.call('mapping.exportCsv', {})
    expect(exported.rows).toBe(3)
    expect(exported.csv.trim().split('\n')).toEqual(['sku,ean,erp_item_number,erp_variant_code,origin', 'S1,7300000000017,I1,,imported', 'S2,,I3,,imported', 'S3,,I2,,imported'])
  })

  it('lists tax rates in use with their ERP tax codes, and keeps warehouse ↔ location mappings', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }])]), erp: new FakeErp([item('A')]) }))
    await syncOnce()
    const tax = await t.call('mapping.taxCodes', {})
    expect(tax.rows).toEqual([{ ratePercent: '25', erpTaxCode: null, fallbackCode: null, orderLines: 1 }])
    expect(tax.markets).toEqual([{ market: 'Sweden', orderLines: 1, ownCodes: 0 }])

    await t.call('mapping.setWarehouse', { centraWarehouse: 'Stockholm', erpLocation: 'MAIN', actor })
    const { rows } = await t.call('mapping.setWarehouse', { centraWarehouse: 'Berlin', erpLocation: 'EU', actor })
    expect(rows.map((r) => [r.centraWarehouse, r.erpLocation])).toEqual([['Berlin', 'EU'], ['Stockholm', 'MAIN']])
    await t.call('mapping.setWarehouse', { centraWarehouse: 'Berlin', erpLocation: null, actor })
    expect((await t.call('mapping.listWarehouses', {})).rows.map((r) => r.centraWarehouse)).toEqual(['Stockholm'])
  })

  it('marks a SKU whose EAN is on several ERP items as ambiguous and lists the candidates', async () => {
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'Q', ean: '7300000000017' }])]), erp: new FakeErp([item('I1', '7300000000017'), item('I2', '7300000000017')]) }))
    await syncOnce()
    const { rows, counts } = await t.call('mapping.listSkus', { status: 'ambiguous' })
    expect(counts.ambiguous).toBe(1)
    expect(rows[0]).toMatchObject({ sku: 'Q', status: 'ambiguous', candidates: ['I1', 'I2'], blockedOrders: 1 })
    const set = await t.call('mapping.setSku', { sku: 'Q', erpItemNumber: 'I2', actor })
    expect(set.exceptionIds).toHaveLength(1)
    expect((await t.call('exceptions.get', { id: set.exceptionIds[0] })).exception.status).toBe('resolved')
  })

  it('shows a bundle with the components sold with it', async () => {
    const order = storeOrder(1, [{ sku: 'BUNDLE' }, { sku: 'C1', qty: 2 }, { sku: 'C2', qty: 2 }, { sku: 'Z' }])
    order.lines[0] = { ...order.lines[0], kind: 'bundle', quantity: 2 }
    order.lines[1] = { ...order.lines[1], kind: 'bundleItem' }
    order.lines[2] = { ...order.lines[2], kind: 'bundleItem' }
    t = testCore(() => ({ store: new FakeCentra([order]), erp: new FakeErp([item('C1')]) }))
    await syncOnce()
    const { rows, total } = await t.call('mapping.listBundles', {})
    expect(total).toBe(1)
    expect(rows[0]).toMatchObject({ bundleSku: 'BUNDLE', orders: 1 })
    expect(rows[0].components.map((c) => [c.sku, c.quantityPerBundle, c.erpItemNumber])).toEqual([['C1', 1, 'C1'], ['C2', 1, null]])
    // the bundle's own SKU needs no ERP item: its components are what the ERP receives
    expect((await t.call('mapping.listSkus', {})).rows.map((r) => r.sku).sort()).toEqual(['C1', 'C2', 'Z'])
  })
})
