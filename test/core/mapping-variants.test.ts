/**
 * SKU mappings with an ERP variant code: matched automatically as item number + variant code,
 * set by hand or by CSV (checked against the variants read from the ERP), carried on the plan's
 * line, and an ERP refusing the variant before sending gives ecommerce an exception.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ErpItemVariant, ErpLocation, ErpSalesOrderDraft } from '../../src/shared/models/erp'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

const actor = 'Eva (ecommerce)'
const variant = (itemNumber: string, code: string): ErpItemVariant => ({ id: `v-${itemNumber}-${code}`, itemId: `i-${itemNumber}`, itemNumber, code, description: `${itemNumber} ${code}` })

/** An ERP with item variants and locations, refusing (like the BC connector) a variant it lacks before sending. */
class VariantErp extends FakeErp {
  constructor(
    items: ReturnType<typeof item>[],
    public variants: ErpItemVariant[],
    public locations: ErpLocation[] = [],
  ) {
    super(items)
  }
  async listItemVariants() {
    return this.variants
  }
  async listLocations() {
    return this.locations
  }
  override async createSalesOrder(draft: ErpSalesOrderDraft) {
    const gaps = draft.lines.filter((l) => l.variantCode && !this.variants.some((v) => v.itemNumber === l.number && v.code === l.variantCode))
    if (gaps.length) {
      throw new ConnectorError({
        system: 'erp',
        kind: 'invalid',
        message: `SKU ${gaps[0].sku} is mapped to item ${gaps[0].number} variant ${gaps[0].variantCode}, which Business Central does not have.`,
        mapping: gaps.map((g) => ({ sku: g.sku ?? null, itemNumber: g.number, variantCode: g.variantCode ?? null })),
      })
    }
    return super.createSalesOrder(draft)
  }
}

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

describe('SKU mappings with ERP variants', () => {
  it('maps a SKU that is item number + variant code automatically and posts the line with its variant', async () => {
    const erp = new VariantErp([item('A'), item('TEE-NAV')], [variant('TEE-NAV', 'M'), variant('TEE-NAV', 'L')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'TEE-NAVM' }, { sku: 'A' }])]), erp }))
    const run = await syncOnce()
    expect(run.counters).toMatchObject({ posted: 1, blocked: 0 })
    expect(erp.documents[0].lines.filter((l) => l.kind === 'item').map((l) => [l.number, l.variantCode, l.sku])).toEqual([
      ['TEE-NAV', 'M', 'TEE-NAVM'],
      ['A', undefined, undefined],
    ])
    const row = (await t.call('mapping.listSkus', { search: 'TEE-NAVM' })).rows[0]
    expect(row).toMatchObject({ erpItemNumber: 'TEE-NAV', erpVariantCode: 'M', origin: 'auto', status: 'mapped' })
    expect((await t.call('mapping.itemVariants', { itemNumber: 'TEE-NAV' })).rows.map((v) => v.code)).toEqual(['L', 'M'])
  })

  it('checks a hand-made variant mapping against the variants read, and keeps it in the history and the CSV export', async () => {
    const erp = new VariantErp([item('TEE-NAV')], [variant('TEE-NAV', 'M')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'X1' }])]), erp }))
    await syncOnce()
    await expect(t.call('mapping.setSku', { sku: 'X1', erpItemNumber: 'TEE-NAV', erpVariantCode: 'xl', actor })).rejects.toThrow(
      'ERP item TEE-NAV has no variant XL among the variants Instep has read from the ERP',
    )
    const set = await t.call('mapping.setSku', { sku: 'X1', erpItemNumber: 'TEE-NAV', erpVariantCode: 'm', actor })
    expect(set).toMatchObject({ erpItemNumber: 'TEE-NAV', erpVariantCode: 'M', ordersToRelease: 1 })
    const { csv } = await t.call('mapping.exportCsv', {})
    expect(csv.split('\n')[0]).toBe('sku,ean,erp_item_number,erp_variant_code,origin')
    expect(csv).toContain('X1,,TEE-NAV,M,manual')
    const preview = await t.call('mapping.previewImport', { csv: 'sku,ean,erp_item_number,erp_variant_code\nX1,,TEE-NAV,M\nX2,,TEE-NAV,m\nX3,,TEE-NAV,RED\nX4,,TEE-NAV,' })
    expect(preview.rows.map((r) => [r.sku, r.erpVariantCode, r.action])).toEqual([
      ['X1', 'M', 'unchanged'],
      ['X2', 'M', 'add'],
      ['X3', 'RED', 'reject'],
      ['X4', null, 'add'],
    ])
    expect(preview.rows[2].reason).toContain('has no variant RED')
    await t.call('mapping.applyImport', { csv: 'sku,ean,erp_item_number,erp_variant_code\nX1,,TEE-NAV,\n', actor })
    expect((await t.call('mapping.listSkus', { search: 'X1' })).rows[0]).toMatchObject({ erpItemNumber: 'TEE-NAV', erpVariantCode: null, origin: 'imported' })
  })

  it('gives ecommerce an exception naming the SKU when the ERP lacks the mapped variant, and posts after the mapping is fixed', async () => {
    const erp = new VariantErp([item('TEE-NAV')], [variant('TEE-NAV', 'M')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(7, [{ sku: 'TEE-RED-M' }])]), erp }))
    // Mapped before the ERP's variants were ever read: nothing to check against yet.
    await t.call('mapping.setSku', { sku: 'TEE-RED-M', erpItemNumber: 'TEE-NAV', erpVariantCode: 'RED-M', confirmNewItem: true, actor })
    const run = await syncOnce()
    expect(run.counters).toMatchObject({ posted: 0, failed: 1 })
    expect(erp.documents).toEqual([])
    const open = await t.call('exceptions.list', { status: ['open'] })
    expect(open.rows).toHaveLength(1)
    expect(open.rows[0]).toMatchObject({ category: 'unmapped_sku', team: 'ecommerce', objectType: 'order', objectRef: '7' })
    expect(open.rows[0].detail).toContain('SKU TEE-RED-M is mapped to item TEE-NAV variant RED-M, which Business Central does not have.')

    // Items were never read (no SKU was unmapped), so the item too is confirmed as known by hand.
    await t.call('mapping.setSku', { sku: 'TEE-RED-M', erpItemNumber: 'TEE-NAV', erpVariantCode: 'M', confirmNewItem: true, actor })
    const retry = await t.call('exceptions.retry', { ids: [open.rows[0].id], actor })
    expect((await t.core.runner.wait(retry.runId!)).counters.posted).toBe(1)
    expect(erp.documents[0].lines[0]).toMatchObject({ number: 'TEE-NAV', variantCode: 'M' })
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
  })

  it("lists the ERP's locations for the warehouse mapping, and says when the ERP publishes none", async () => {
    const erp = new VariantErp([item('A')], [], [{ id: 'l1', code: 'MAIN', displayName: 'Main EU' }])
    t = testCore(() => ({ store: new FakeCentra([]), erp }))
    expect(await t.call('mapping.erpLocations', {})).toEqual({ available: true, rows: [{ code: 'MAIN', displayName: 'Main EU' }] })
    await t.close()
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([item('A')]) }))
    expect(await t.call('mapping.erpLocations', {})).toEqual({ available: false, rows: [] })
  })
})
