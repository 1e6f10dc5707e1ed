/**
 * Tax codes per market through the contract: a market's own codes set in the settings are posted
 * with its orders, a rate the market's tables miss holds the order back with a finance exception
 * naming market and rate, and a retry after the code is added posts the order and closes it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StoreOrder } from '../../src/shared/models/store-order'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

const actor = 'Lena (finance)'
const fileOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'instep.workspace.json'), 'utf8'))

function usOrder(number: number): StoreOrder {
  const order = storeOrder(number, [{ sku: 'A' }], { marketId: 3, marketName: 'United States', countryCode: 'US', currency: 'USD' })
  order.lines[0].taxPercent = '8.875'
  order.totals.taxIncludedMinor = 815
  return order
}

async function syncOrders(tc: TestCore) {
  await tc.core.runner.wait((await tc.call('sync.runNow', { job: 'orders' })).runId)
}

describe('tax codes per market', () => {
  it('holds back an order whose market has codes but none for its rate, and posts it after the code is added and the exception retried', async () => {
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }]), usOrder(2)]), erp }))
    const tc = t
    await tc.call('settings.setTaxCodes', { actor, codes: [{ ratePercent: '25', code: 'VAT25' }] })
    await tc.call('settings.setTaxCodes', { actor, market: 'Sweden', codes: [{ ratePercent: '25', code: 'SE-OSS25' }] })
    expect(fileOf(tc.ws.dir).orders).toMatchObject({ taxCodes: { '25': 'VAT25' }, taxCodesByMarket: { Sweden: { '25': 'SE-OSS25' } } })
    const view = await tc.call('settings.get', {})
    expect(view.taxCodesByMarket).toEqual([{ market: 'Sweden', codes: [{ ratePercent: '25', code: 'SE-OSS25' }] }])

    await syncOrders(tc)
    expect(erp.documents.map((d) => [d.externalDocumentNumber, d.lines.map((l) => l.taxCode)])).toEqual([['WEB-1', ['SE-OSS25']]])
    const open = (await tc.call('exceptions.list', { category: ['missing_tax_code'], status: ['open'] })).rows
    expect(open.map((e) => [e.team, e.title])).toEqual([['finance', 'No ERP tax code for 8.875 % tax in market United States']])
    const detail = await tc.call('exceptions.get', { id: open[0].id })
    expect(detail.exception.detail).toMatch(/Order 2 \(market United States\) has lines taxed at 8.875 %, and neither the tax codes for United States nor those for all markets/)

    // The mapping screen's figures per market: the US rate in use, not yet coded.
    const usMapping = await tc.call('mapping.taxCodes', { market: 'United States' })
    expect(usMapping.rows).toEqual([{ ratePercent: '8.875', erpTaxCode: null, fallbackCode: null, orderLines: 1 }])
    expect((await tc.call('mapping.taxCodes', {})).markets).toEqual([
      { market: 'Sweden', orderLines: 1, ownCodes: 1 },
      { market: 'United States', orderLines: 1, ownCodes: 0 },
    ])

    await tc.call('settings.setTaxCodes', { actor, market: 'United States', codes: [{ ratePercent: '8.875', code: 'US-NY' }] })
    const retry = await tc.call('exceptions.retry', { ids: [open[0].id], actor })
    expect(retry.runId).not.toBeNull()
    await tc.core.runner.wait(retry.runId!)
    expect(erp.documents.map((d) => [d.externalDocumentNumber, d.lines.map((l) => l.taxCode)])).toEqual([
      ['WEB-1', ['SE-OSS25']],
      ['WEB-2', ['US-NY']],
    ])
    expect((await tc.call('exceptions.list', { category: ['missing_tax_code'], status: ['open'] })).rows).toEqual([])
  })

  it('removes a market table when it is saved empty, so the market falls back to the codes for all markets', async () => {
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({ store: new FakeCentra([usOrder(3)]), erp }))
    const tc = t
    await tc.call('settings.setTaxCodes', { actor, market: 'United States', codes: [{ ratePercent: '6', code: 'US-LOW' }] })
    await syncOrders(tc)
    expect(erp.documents).toEqual([])
    expect((await tc.call('exceptions.list', { category: ['missing_tax_code'], status: ['open'] })).rows.map((e) => e.objectRef)).toEqual(['8.875 % in market United States'])

    await tc.call('settings.setTaxCodes', { actor, market: 'United States', codes: [] })
    expect(fileOf(tc.ws.dir).orders.taxCodesByMarket).toEqual({})
    // Both tables empty now: the ERP's own set-up decides, as before any table existed.
    await syncOrders(tc)
    expect(erp.documents.map((d) => d.lines.map((l) => l.taxCode))).toEqual([[null]])
    expect((await tc.call('exceptions.list', { category: ['missing_tax_code'], status: ['open'] })).rows).toEqual([])
  })

  it('refuses a market code table it cannot use, naming the market', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const r = await t.core.dispatch('settings.setTaxCodes', { actor, market: 'Germany', codes: [{ ratePercent: '19', code: '' }] })
    expect(r.ok ? null : r.error.message).toBe('Enter the ERP tax code for 19 % in Germany, or remove the row.')
    const long = await t.core.dispatch('settings.setTaxCodes', { actor, market: 'Germany', codes: [{ ratePercent: '19', code: 'X'.repeat(50) }, { ratePercent: '7', code: 'DE7' }] })
    expect(long.ok).toBe(true)
    expect(fileOf(t.ws.dir).orders.taxCodesByMarket).toEqual({ Germany: { '19': 'X'.repeat(50), '7': 'DE7' } })
  })
})
