/** Batched look-up and read-back: many orders, few requests, the same answers as one by one. */
import { afterEach, describe, expect, it } from 'vitest'
import { createBcAdapter, type BcAdapter } from '../../src/main/core/sync/connectors/bc'
import type { ErpSalesOrderDraft } from '../../src/shared/models/erp'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'

let sim: RunningBcSim
let adapter: BcAdapter
afterEach(async () => {
  await adapter?.close()
  await sim?.close()
})

function draft(key: string, itemNumber: string): ErpSalesOrderDraft {
  return {
    externalDocumentNumber: key,
    customerNumber: 'WEB-SE',
    currencyCode: 'SEK',
    orderDate: '2026-11-20',
    pricesIncludeTax: true,
    expectedTotalMinor: 10000,
    expectedTaxMinor: 2000,
    lines: [{ kind: 'item', number: itemNumber, description: 'Tee', quantity: 1, unitPriceMinor: 10000, discountMinor: 0, taxCode: null, taxPercent: '25', expectedTaxMinor: 2000, sourceLineId: 1 }],
  }
}

const requests = async () => ((await (await fetch(`${sim.origin}/__admin/stats`)).json()) as { requests: number }).requests

describe('Business Central batched look-up and read-back', () => {
  it('finds 60 keys among open orders and posted invoices with a handful of requests', async () => {
    sim = await startBcSimulator({ seed: 5 })
    adapter = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, companyId: sim.companyId })
    const item = sim.store.items[0].number as string
    const keys = Array.from({ length: 60 }, (_, i) => `WEB-${5000 + i}`)
    const refs = []
    for (const key of keys.slice(0, 40)) refs.push(await adapter.createSalesOrder(draft(key, item)))
    // Ten of them shipped and invoiced: BC removed the orders, the invoices carry the keys.
    for (const key of keys.slice(0, 10)) {
      await fetch(`${sim.origin}/__admin/ship-and-invoice`, { method: 'POST', body: JSON.stringify({ externalDocumentNumber: key }) })
    }

    const before = await requests()
    const found = await adapter.findManyByExternalDocumentNumber(keys)
    const used = (await requests()) - before
    expect(found.size).toBe(40)
    expect(keys.slice(40).some((k) => found.has(k))).toBe(false)
    expect([...keys.slice(0, 10)].every((k) => found.get(k)?.documentType === 'salesInvoice')).toBe(true)
    expect(found.get(keys[20])?.documentType).toBe('salesOrder')
    expect(used).toBeLessThanOrEqual(5) // 3 chunks of open orders + 2 of invoices, instead of 100+

    const open = refs.slice(10)
    const docs = await adapter.readDocuments(open)
    expect(docs.size).toBe(30)
    const one = await adapter.readDocument(open[0])
    expect(docs.get(open[0].id)).toEqual(one)
  })
})
