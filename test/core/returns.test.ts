import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Connectors } from '../../src/main/core/connect'
import { createCentraAdapter } from '../../src/main/core/sync/connectors/centra'
import { createCentraReturnReader } from '../../src/main/core/sync/connectors/centra/returns'
import type { ReturnEvent, StoreReturnSource } from '../../src/main/core/sync/return-ports'
import type { StoreReturn } from '../../src/shared/models/store-return'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore | null = null
let sim: RunningCentraSim | null = null
afterEach(async () => {
  await t?.close()
  await sim?.close()
  t = null
  sim = null
})

const sync = async () => t!.core.runner.wait((await t!.call('sync.runNow', { job: 'orders' })).runId)

/** An in-memory store side for returns: a fixed list for the sweep, and a queue of events. */
class FakeReturns implements StoreReturnSource {
  list: StoreReturn[] = []
  queue: ReturnEvent[] = []
  confirmed: number[] = []
  private nextId = 1
  async subscribe() {}
  async next(limit: number) {
    return this.queue.slice(0, limit)
  }
  async confirm(ids: number[]) {
    this.confirmed.push(...ids)
    this.queue = this.queue.filter((e) => !ids.includes(e.id))
  }
  async page(page: number, limit: number) {
    const slice = this.list.slice((page - 1) * limit, page * limit)
    return { returns: slice.map((ret) => ({ ret, raw: ret })), hasMore: page * limit < this.list.length }
  }
  push(changeType: string, ret: StoreReturn) {
    this.queue.push({ id: this.nextId++, returnId: ret.returnId, changeType, ret: changeType === 'DELETED' ? null : { ret, raw: ret } })
  }
}

function ret(returnId: string, orderNumber: number, currency: string, createdAt: string, lines: number[], extra: Partial<StoreReturn> = {}): StoreReturn {
  const linesMinor = lines.reduce((a, v) => a + v, 0)
  const r: StoreReturn = {
    returnId,
    orderNumber,
    status: 'pending',
    createdAt,
    completedAt: null,
    currency,
    comment: null,
    lines: lines.map((valueMinor, i) => ({ lineId: String(i + 1), orderLineId: orderNumber * 100 + i, sku: 'A', quantity: 1, valueMinor })),
    linesMinor,
    shippingMinor: 0,
    handlingMinor: 0,
    voucherMinor: 0,
    totalMinor: linesMinor,
    ...extra,
  }
  r.totalMinor = r.linesMinor + r.shippingMinor + r.handlingMinor - r.voucherMinor
  return r
}

describe('returns recorded from the store', () => {
  it('records the simulator demo returns once, however often they are read, and keeps a deleted one marked', async () => {
    sim = await startCentraSimulator({ seed: 7 })
    const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {} })
    const reader = createCentraReturnReader(adapter.client)
    const inCentra = (await reader.page(1, 200)).returns.map((r) => r.ret)
    expect(inCentra.length).toBeGreaterThan(0)
    const connectors: Connectors & { storeReturns: StoreReturnSource } = { store: adapter, erp: new FakeErp([]), storeReturns: reader }
    t = testCore(() => connectors)
    await sync()
    await sync()
    const first = inCentra[0]
    const trace = await t.call('trace.getOrder', { number: first.orderNumber })
    expect(trace!.returns).toHaveLength(inCentra.filter((r) => r.orderNumber === first.orderNumber).length)
    expect(trace!.returns[0]).toMatchObject({ returnId: first.returnId, status: first.status, totalMinor: first.totalMinor, units: 1, deletedAt: null })
    expect(trace!.summary).toMatch(/1 unit\(s\) came back in 1 return\(s\)/)

    // Deleted in Centra: the Return DELETED event marks the row; it is not lost.
    await adapter.client.mutate(`mutation D($id: Int!) { deleteReturn(id: $id) { userErrors { message } } }`, { id: Number(first.returnId) })
    await sync()
    const after = await t.call('trace.getOrder', { number: first.orderNumber })
    expect(after!.returns).toHaveLength(1)
    expect(after!.returns[0].deletedAt).not.toBeNull()
    expect(after!.summary).not.toMatch(/came back/)
  })

  it('a failure to read returns becomes an exception for operations and never stops posting', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    const erp = new FakeErp([item('A')])
    const returns = new FakeReturns()
    const { ConnectorError } = await import('../../src/main/core/sync/connector-error')
    returns.page = async () => {
      throw new ConnectorError({ system: 'centra', kind: 'retryable', message: 'Centra asked Instep to slow down (429), even after retries.' })
    }
    const connectors: Connectors & { storeReturns: StoreReturnSource } = { store: centra, erp, storeReturns: returns }
    t = testCore(() => connectors)
    const run = await sync()
    expect(run.counters.posted).toBe(1)
    const list = await t.call('exceptions.list', { status: ['open'], limit: 50, offset: 0 } as never)
    const rows = (list as { rows: { title: string; team: string }[] }).rows
    expect(rows.find((r) => r.title === 'Returns could not be read from Centra')).toMatchObject({ team: 'operations' })
  })
})

describe('returns at month-end', () => {
  it('shows the returns of the month by market and currency in exact minor units, and per order the net after returns', async () => {
    const now = new Date('2026-11-28T12:00:00Z')
    const centra = new FakeCentra([
      storeOrder(1, [{ sku: 'A', qty: 2, priceMinor: 12345 }]),
      storeOrder(2, [{ sku: 'A', priceMinor: 9999 }], { currency: 'EUR', marketName: 'Germany', countryCode: 'DE' }),
      storeOrder(3, [{ sku: 'A', priceMinor: 5000 }]),
    ])
    const erp = new FakeErp([item('A')])
    const returns = new FakeReturns()
    returns.list = [
      ret('10', 1, 'SEK', '2026-11-05T10:00:00.000Z', [12345]),
      ret('11', 1, 'SEK', '2026-11-06T10:00:00.000Z', [12345], { voucherMinor: 1000, status: 'completed', completedAt: '2026-11-07T00:00:00.000Z' }),
      ret('12', 2, 'EUR', '2026-11-30T23:59:59.000Z', [9999]),
      ret('13', 3, 'SEK', '2026-12-01T00:00:00.000Z', [5000]), // December: not this month
      ret('14', 3, 'SEK', '2026-11-10T00:00:00.000Z', [5000]),
    ]
    const connectors: Connectors & { storeReturns: StoreReturnSource } = { store: centra, erp, storeReturns: returns }
    t = testCore(() => connectors, undefined, () => now)
    await sync()
    returns.push('DELETED', returns.list[4]) // return 14 deleted in Centra before month-end
    returns.push('UPDATED', returns.list[0]) // the same return read again
    await sync()
    expect(returns.queue).toEqual([])

    const s = await t.call('reconciliation.summary', { period: '2026-11' })
    expect(s.returns.byCurrency).toEqual([
      { key: 'EUR', currency: 'EUR', returns: 1, orders: 1, units: 1, valueMinor: 9999 },
      { key: 'SEK', currency: 'SEK', returns: 2, orders: 1, units: 2, valueMinor: 12345 + 12345 - 1000 },
    ])
    expect(s.returns.byMarket).toEqual([
      { key: 'Germany', currency: 'EUR', returns: 1, orders: 1, units: 1, valueMinor: 9999 },
      { key: 'Sweden', currency: 'SEK', returns: 2, orders: 1, units: 2, valueMinor: 23690 },
    ])
    const orders = await t.call('reconciliation.returns', { period: '2026-11', limit: 50, offset: 0 })
    expect(orders.total).toBe(2)
    expect(orders.rows.map((r) => [r.orderNumber, r.returns, r.orderTotalMinor, r.erpTotalMinor, r.returnedMinor, r.netAfterReturnsMinor])).toEqual([
      // the voucher given back with return 11 lowers the refund: 1000 of the order stays a sale
      [1, 2, 24690, 24690, 23690, 1000],
      [2, 1, 9999, 9999, 9999, 0],
    ])
    // The evidence pack carries the same figures: per currency, and per order with the net after returns.
    const dir = join(t.ws.dir, 'pack')
    await t.call('reconciliation.export', { period: '2026-11', format: 'csv', directory: dir })
    const csv = readFileSync(join(dir, 'month-end-2026-11-returns.csv'), 'utf8')
    expect(csv).toContain('All markets in SEK,,,,SEK,2,2,,,236.9,')
    expect(csv).toMatch(/Sweden,1,SO\d+,2026-11-01T00:01:00.000Z,SEK,2,2,246.9,246.9,236.9,10\n/)

    const december = await t.call('reconciliation.summary', { period: '2026-12' })
    expect(december.returns.byCurrency.map((r) => [r.key, r.valueMinor])).toEqual([['SEK', 5000]])
  })
})
