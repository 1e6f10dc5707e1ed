/**
 * The month the month-end tests reconcile: Centra orders synced on the night of 1 November into an
 * ERP that knows item A, then the clock moved to 1 December, when the month is closed. By default
 * a Swedish order posted, one held back (SKU X has no ERP item) and a German one in EUR.
 */
import type { StoreOrder } from '../../src/shared/models/store-order'
import { FakeCentra, FakeErp, item, storeOrder } from './fake-connectors'
import { testCore, type TestCore } from './test-core'

export const NOVEMBER_ORDERS: StoreOrder[] = [
  storeOrder(1, [{ sku: 'A', qty: 2 }]),
  storeOrder(2, [{ sku: 'X' }]),
  storeOrder(3, [{ sku: 'A', priceMinor: 9999 }, { sku: 'A', priceMinor: 333 }], { currency: 'EUR', marketName: 'Germany', countryCode: 'DE' }),
]

export async function syncedNovember(orders: StoreOrder[] = NOVEMBER_ORDERS): Promise<TestCore> {
  let now = new Date('2026-11-01T02:00:00Z')
  const t = testCore(() => ({ store: new FakeCentra(orders), erp: new FakeErp([item('A')]) }), undefined, () => now)
  await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
  now = new Date('2026-12-01T09:00:00Z')
  return t
}
