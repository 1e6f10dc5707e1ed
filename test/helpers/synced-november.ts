/**
 * The month the month-end tests reconcile: these Centra orders synced on the night of 1 November
 * into an ERP that knows item A, then the clock moved to 1 December, when the month is closed.
 */
import type { StoreOrder } from '../../src/shared/models/store-order'
import { FakeCentra, FakeErp, item } from './fake-connectors'
import { testCore, type TestCore } from './test-core'

export async function syncedNovember(orders: StoreOrder[]): Promise<TestCore> {
  let now = new Date('2026-11-01T02:00:00Z')
  const t = testCore(() => ({ store: new FakeCentra(orders), erp: new FakeErp([item('A')]) }), undefined, () => now)
  await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
  now = new Date('2026-12-01T09:00:00Z')
  return t
}
