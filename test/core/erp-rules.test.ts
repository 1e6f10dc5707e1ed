import { afterEach, describe, expect, it } from 'vitest'
import type { Connectors } from '../../src/main/core/connect'
import { createBcAdapter } from '../../src/main/core/sync/connectors/bc'
import { bcPostingRules } from '../../src/main/core/sync/connectors/bc/posting-rules'
import type { ErpPostingRules } from '../../src/main/core/sync/erp-rules'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'
import { FakeCentra, FakeErp, FakeEventQueue, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import { tempWorkspace } from '../helpers/temp-workspace'
import { OrdersSettings } from '../../src/main/core/workspace/config'

let t: TestCore | null = null
let bcSim: RunningBcSim | null = null
afterEach(async () => {
  await t?.close()
  await bcSim?.close()
  t = null
  bcSim = null
})

const sync = async () => t!.core.runner.wait((await t!.call('sync.runNow', { job: 'orders' })).runId)
const openExceptions = async () =>
  ((await t!.call('exceptions.list', { status: ['open'], limit: 100, offset: 0 } as never)) as { rows: { id: number; category: string; team: string; title: string; detail: string }[] }).rows

/** An ERP that says which currencies it has, and counts how often it was asked. */
function rules(codes: string[] | null): ErpPostingRules & { asked: number; codes: string[] | null } {
  return {
    asked: 0,
    codes,
    async acceptedCurrencies() {
      this.asked++
      return this.codes
    },
  }
}

describe('currency unknown to the ERP', () => {
  it('holds the order back with one exception for finance before any ERP call, and posts it once the ERP has the currency', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }], { currency: 'NOK', marketName: 'Norway', countryCode: 'NO' }), storeOrder(2, [{ sku: 'A' }], { currency: 'NOK', marketName: 'Norway', countryCode: 'NO' })])
    const erp = new FakeErp([item('A')])
    const erpRules = rules(['EUR', 'SEK'])
    const connectors: Connectors = { store: centra, erp, erpRules }
    t = testCore(() => connectors)
    const run = await sync()
    expect(run.counters.blocked).toBe(2)
    expect(erp.createCalls).toBe(0)
    expect(erp.lookups).toBe(0)
    expect(erp.documents).toEqual([])
    expect(erpRules.asked).toBe(1) // once per run, not per order
    const currency = (await openExceptions()).filter((e) => e.category === 'unknown_currency')
    expect(currency).toHaveLength(1) // one per currency, however many orders wait
    expect(currency[0]).toMatchObject({ team: 'finance', title: 'Currency NOK is not set up in the ERP' })
    expect(currency[0].detail).toContain('the ERP accepts only EUR, SEK')
    const trace = await t.call('trace.getOrder', { number: 1 })
    expect(trace!.posting?.state).toBe('blocked')

    erpRules.codes = ['EUR', 'NOK', 'SEK']
    const retried = await t.call('exceptions.retry', { ids: [currency[0].id], actor: 'Fiona' })
    const second = await t.core.runner.wait(retried.runId!)
    expect(second.counters.posted).toBe(2)
    expect(erp.documents.map((d) => d.currencyCode)).toEqual(['NOK', 'NOK'])
    expect((await openExceptions()).filter((e) => e.category === 'unknown_currency')).toEqual([])
  })

  it('does not ask the ERP when there is nothing to post', async () => {
    const erpRules = rules(['SEK'])
    const connectors: Connectors = { store: new FakeCentra([]), erp: new FakeErp([]), erpRules }
    t = testCore(() => connectors)
    await sync()
    expect(erpRules.asked).toBe(0)
  })

  it("Business Central's accepted currencies are its currencies plus the company's local currency", async () => {
    bcSim = await startBcSimulator({ seed: 3 })
    const bc = createBcAdapter({ baseUrl: bcSim.baseUrl, tokenUrl: bcSim.tokenUrl, clientId: bcSim.clientId, clientSecret: bcSim.clientSecret, companyName: bcSim.companyName, timeoutMs: 2000 })
    const codes = await bcPostingRules(bc.client).acceptedCurrencies()
    // The simulator's company keeps its books in EUR (left out of `currencies`, as in BC) and has the shop's other currencies.
    expect(codes).toContain('EUR')
    expect(codes).toEqual(expect.arrayContaining(['SEK', 'USD']))
    expect(codes).not.toContain('NOK')
    await bc.close()
  })
})

describe('data the ERP would refuse', () => {
  it('a customer name with a line break is held back for CX when each shopper gets an ERP customer', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }], { customerName: 'Ada\nLovelace' })])
    const erp = new FakeErp([item('A')])
    const connectors: Connectors = { store: centra, erp, erpRules: rules(null) }
    t = testCore(() => connectors, tempWorkspace({ orders: OrdersSettings.parse({ pageSize: 2, postConcurrency: 1, customerStrategy: 'per-shopper' }) }))
    await sync()
    expect(erp.createCalls).toBe(0)
    const e = (await openExceptions()).find((x) => x.category === 'customer_data')!
    expect(e.team).toBe('cx')
    expect(e.detail).toContain('line break')
  })
})

describe('an order cancelled in Centra after it was read', () => {
  it('is read again when retried, and not posted', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    const queue = new FakeEventQueue(centra)
    centra.events = queue
    const erp = new FakeErp([])
    const connectors: Connectors = { store: centra, erp }
    t = testCore(() => connectors)
    await sync() // blocked: SKU A has no ERP item
    const unmapped = (await openExceptions()).find((e) => e.category === 'unmapped_sku')!
    erp.items.push(item('A'))
    centra.orders[0] = { ...centra.orders[0], status: 'CANCELLED' } // cancelled meanwhile; no event came
    const retried = await t.call('exceptions.retry', { ids: [unmapped.id], actor: 'Eve' })
    await t.core.runner.wait(retried.runId!)
    expect(erp.createCalls).toBe(0)
    expect((await t.call('trace.getOrder', { number: 1 }))!.order.status).toBe('CANCELLED')
  })
})
