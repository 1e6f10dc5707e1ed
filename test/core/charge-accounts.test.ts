/**
 * Shipping and handling accounts through the contract: an order that charges shipping waits while
 * no ERP account is set, finance sets it in Settings, and one retry posts the order with its
 * shipping line and closes the exception.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

const actor = 'Lena (finance)'

function orderWithShipping(number: number) {
  const order = storeOrder(number, [{ sku: 'A' }])
  // 100.00 of goods and 50.00 of shipping, both with 25 % tax included: 30.00 of tax in 150.00.
  order.totals = { ...order.totals, shippingMinor: 5000, taxIncludedMinor: 3000, grandTotalMinor: 15000 }
  return order
}

describe('shipping and handling accounts', () => {
  it('holds back an order with shipping while no account is set, and posts it after the account is set and the exception retried', async () => {
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({ store: new FakeCentra([orderWithShipping(1)]), erp }))
    const tc = t
    const cleared = await tc.call('settings.setCharges', { actor, shippingAccount: null, handlingAccount: null, shippingLineType: 'account', handlingLineType: 'account' })
    expect(cleared.charges.shippingAccount).toBeNull()

    await tc.core.runner.wait((await tc.call('sync.runNow', { job: 'orders' })).runId)
    expect(erp.documents).toEqual([])
    const open = (await tc.call('exceptions.list', { category: ['missing_account'], status: ['open'] })).rows
    expect(open.map((e) => [e.team, e.title])).toEqual([['finance', 'No G/L account set for shipping']])

    const view = await tc.call('settings.setCharges', { actor, shippingAccount: '6110', handlingAccount: null, shippingLineType: 'charge', handlingLineType: 'account' })
    expect(view.charges).toEqual({ shippingAccount: '6110', handlingAccount: null, shippingLineType: 'charge', handlingLineType: 'account' })
    expect(JSON.parse(readFileSync(join(tc.ws.dir, 'instep.workspace.json'), 'utf8')).orders).toMatchObject({ shippingAccount: '6110', shippingLineType: 'charge' })

    const retry = await tc.call('exceptions.retry', { ids: [open[0].id], actor })
    expect(retry.runId).not.toBeNull()
    await tc.core.runner.wait(retry.runId!)
    expect(erp.documents.map((d) => d.lines.map((l) => [l.kind, l.number, l.unitPriceMinor]))).toEqual([
      [
        ['item', 'A', 10000],
        ['charge', '6110', 5000],
      ],
    ])
    expect((await tc.call('exceptions.list', { category: ['missing_account'], status: ['open'] })).rows).toEqual([])
    expect((await tc.call('settings.history', {}))[0]).toMatchObject({ section: 'charges', actor })
  })

  it('refuses an account number longer than the ERP holds, in plain words, and leaves the file alone', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const file = join(t.ws.dir, 'instep.workspace.json')
    const before = readFileSync(file, 'utf8')
    await expect(
      t.call('settings.setCharges', { actor, shippingAccount: '1'.repeat(21), handlingAccount: null, shippingLineType: 'account', handlingLineType: 'account' }),
    ).rejects.toThrow(/20/)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })
})
