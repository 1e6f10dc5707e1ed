import { afterEach, describe, expect, it } from 'vitest'
import { storeOrder } from '../helpers/fake-connectors'
import { syncedNovember } from '../helpers/synced-november'
import type { TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('the orders behind a month-end totals line', () => {
  it('lists the orders of one market or currency, paged, adding up to the line they come from', async () => {
    t = await syncedNovember([
      storeOrder(1, [{ sku: 'A', qty: 2 }]),
      storeOrder(2, [{ sku: 'X' }]),
      storeOrder(4, [{ sku: 'A' }]),
      storeOrder(3, [{ sku: 'A', priceMinor: 9999 }], { currency: 'EUR', marketName: 'Germany', countryCode: 'DE' }),
    ])
    const period = '2026-11'
    const summary = await t.call('reconciliation.summary', { period })

    for (const line of summary.byMarket) {
      const { rows, total } = await t.call('reconciliation.orders', { period, market: line.key, currency: line.currency, limit: 50, offset: 0 })
      expect(total).toBe(rows.length)
      const live = rows.filter((r) => r.status !== 'CANCELLED')
      expect(live).toHaveLength(line.centraCount)
      expect(live.reduce((n, r) => n + r.centraMinor, 0)).toBe(line.centraTotalMinor)
      expect(rows.reduce((n, r) => n + (r.erpMinor ?? 0), 0)).toBe(line.erpTotalMinor)
    }
    const sweden = await t.call('reconciliation.orders', { period, market: 'Sweden', limit: 2, offset: 0 })
    expect(sweden.total).toBe(3)
    expect(sweden.rows.map((r) => r.orderNumber)).toEqual([1, 2])
    const next = await t.call('reconciliation.orders', { period, market: 'Sweden', limit: 2, offset: 2 })
    expect(next.rows.map((r) => r.orderNumber)).toEqual([4])
    // order 2 is held back by its unknown SKU: in the list, with no ERP side
    expect(sweden.rows[1]).toMatchObject({ orderNumber: 2, erpNumber: null, erpMinor: null })
    expect((await t.call('reconciliation.orders', { period, currency: 'EUR', limit: 50, offset: 0 })).rows.map((r) => r.market)).toEqual(['Germany'])
  })
})
