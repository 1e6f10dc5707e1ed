import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import type { ErpStockRow, StoreStockSink } from '../../src/main/core/sync/ports'

let t: TestCore
afterEach(() => t?.close())

function setup(n: number) {
  // Centra holds 10 of every size in warehouse 1 and none in 2; it reads back the total
  const sizes = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, sizeId: i, variantId: 100 + i, levels: { 1: 10 } as Record<number, number> }))
  const erpRows: ErpStockRow[] = sizes.map((_, i) => ({ itemNumber: `I${i}`, location: 'MAIN', quantity: 0 }))
  let calls = 0
  const storeStock: StoreStockSink = {
    readLevels: async () => sizes.map((s) => ({ sku: s.sku, sizeId: s.sizeId, variantId: s.variantId, total: Object.values(s.levels).reduce((t, q) => t + q, 0) })),
    setStock: async ({ warehouseId, levels }) => {
      calls++
      for (const l of levels) sizes.find((s) => s.sku === l.sku)!.levels[warehouseId] = l.quantity
      return { stockChangeIds: [calls], rejected: [] }
    },
  }
  t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]), stockSource: { readStock: async () => erpRows }, storeStock }))
  return { sizes, erpRows, calls: () => calls }
}

const run = async (job: 'stock' | 'stock-sweep') => t.core.runner.wait((await t.call('sync.runNow', { job })).runId)

async function mapAll(n: number) {
  for (let i = 0; i < n; i++) await t.call('mapping.setSku', { sku: `SKU-${i}`, erpItemNumber: `I${i}`, confirmNewItem: true, actor: 'Ops' })
}

describe('held stock pushes', () => {
  it('a mass drop to zero waits for review; approving sends it on the next run, worst drift shown until then', async () => {
    const { sizes, calls } = setup(10)
    await mapAll(10)
    await run('stock-sweep')
    expect(calls()).toBe(0)
    const [held] = await t.call('inventory.pushes', { state: 'held' })
    expect(held).toMatchObject({ sizesChanged: 10, toZero: 10, state: 'held' })
    const drift = await t.call('inventory.drift', { limit: 3 })
    expect(drift.total).toBe(10)
    expect(drift.rows[0]).toMatchObject({ erpQty: 0, centraQty: 10, drift: 10 })

    await t.call('inventory.approvePush', { pushId: held.id })
    await run('stock')
    expect(calls()).toBe(1) // ten sizes, one call
    expect(sizes.every((s) => s.levels[1] === 0)).toBe(true)
    const [done] = await t.call('inventory.pushes', {})
    expect(done).toMatchObject({ id: held.id, state: 'done', calls: 1 })
    const rows = await t.call('inventory.pushRows', { pushId: held.id })
    expect(rows.every((r) => r.state === 'applied' && r.stockChangeIds.length === 1)).toBe(true)
    expect((await t.call('inventory.drift', {})).total).toBe(0)
    const history = await t.call('inventory.skuHistory', { sku: 'SKU-0' })
    expect(history.map((h) => h.drift)).toEqual([10, 0])
  })

  it('a discarded push is never sent, and the lists name what could not be placed', async () => {
    const { erpRows, calls } = setup(10)
    erpRows.push({ itemNumber: 'GHOST', location: 'MAIN', quantity: 4 }, { itemNumber: 'I1', location: 'OUTLET', quantity: 1 })
    await mapAll(9)
    await run('stock-sweep')
    const [held] = await t.call('inventory.pushes', { state: 'held' })
    await t.call('inventory.discardPush', { pushId: held.id, reason: 'ERP stock count in progress' })
    await expect(t.call('inventory.approvePush', { pushId: held.id })).rejects.toThrow(/discarded/)
    await run('stock')
    expect(calls()).toBe(0)
    const lists = await t.call('inventory.lists', {})
    expect(lists.unmappedItems).toEqual(['GHOST', 'I9'])
    expect(lists.unmappedLocations).toEqual(['OUTLET'])
    expect(lists.withoutErpRecord).toEqual(['SKU-9'])
  })
})
