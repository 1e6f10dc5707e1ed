/**
 * The Business Central connector against the simulator: orders are created exactly once even
 * when the network lies, paging is followed, tokens are renewed, throttling is honoured.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createBcAdapter, type BcAdapter, type BcLogEvent } from '../../src/main/core/sync/connectors/bc'
import type { ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../src/shared/models/erp'
import { startBcSimulator, type BcSimOptions, type RunningBcSim } from '../../src/sim/bc'

const running: { sim: RunningBcSim; adapter: BcAdapter }[] = []

async function setup(simOpts: BcSimOptions = {}, adapterOpts: { timeoutMs?: number; pageSize?: number; log?: (e: BcLogEvent) => void } = {}) {
  const sim = await startBcSimulator({ seed: 3, ...simOpts })
  const adapter = createBcAdapter({
    baseUrl: sim.baseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    companyName: sim.companyName,
    timeoutMs: adapterOpts.timeoutMs ?? 2000,
    baseDelayMs: 10,
    maxDelayMs: 1500,
    pageSize: adapterOpts.pageSize,
    log: adapterOpts.log,
  })
  running.push({ sim, adapter })
  return { sim, adapter }
}

afterEach(async () => {
  for (const { sim, adapter } of running.splice(0)) {
    await adapter.close()
    await sim.close()
  }
})

async function admin(sim: RunningBcSim, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.origin}/__admin/${path}`, { method, body: body ? JSON.stringify(body) : undefined })
  return res.json() as Promise<Record<string, unknown>>
}

type LineInput = Omit<ErpSalesOrderLineDraft, 'taxPercent' | 'expectedTaxMinor' | 'sourceLineId'>
const ln = (l: LineInput): ErpSalesOrderLineDraft => ({ taxPercent: '25', expectedTaxMinor: 0, sourceLineId: null, ...l })

function draft(sim: RunningBcSim, key: string, over: Partial<ErpSalesOrderDraft> = {}): ErpSalesOrderDraft {
  const [a, b] = sim.store.items
  return {
    externalDocumentNumber: key,
    customerNumber: 'WEB-SE',
    currencyCode: 'SEK',
    orderDate: '2026-11-20',
    pricesIncludeTax: true,
    expectedTotalMinor: 129790,
    expectedTaxMinor: 25958,
    lines: [
      ln({ kind: 'item', number: a.number, description: 'Tee', quantity: 2, unitPriceMinor: 49995, discountMinor: 5000, taxCode: null }),
      ln({ kind: 'item', number: b.number, description: 'Tee', quantity: 1, unitPriceMinor: 29900, discountMinor: 0, taxCode: 'VAT25' }),
      ln({ kind: 'charge', number: '6110', description: 'Shipping', quantity: 1, unitPriceMinor: 4900, discountMinor: 0, taxCode: null }),
    ],
    ...over,
  }
}

describe('BC adapter against the simulator', () => {
  it('creates an order by deep insert and finds it by external document number, totals in minor units', async () => {
    const { sim, adapter } = await setup()
    const ref = await adapter.createSalesOrder(draft(sim, 'CEN-1001'))
    expect(ref).toMatchObject({ externalDocumentNumber: 'CEN-1001', documentType: 'salesOrder', currencyCode: 'SEK' })
    expect(ref.number).toMatch(/^S-ORD\d+$/)
    // gross 999.90 − 50.00 + 299.00 + 49.00 = 1297.90, VAT 25 % included: net ROUND(1297.90 / 1.25) = 1038.32
    expect(ref.totalIncludingTaxMinor).toBe(129790)
    expect(ref.totalExcludingTaxMinor).toBe(103832)
    expect(ref.totalTaxMinor).toBe(25958)
    expect(await adapter.findByExternalDocumentNumber('CEN-1001')).toEqual(ref)
    expect(await adapter.findByExternalDocumentNumber("CEN-'none'")).toBeNull()

    const withLines = await adapter.getSalesOrder(ref.id)
    expect(withLines?.lines.map((l) => [l.kind, l.taxCode, l.taxPercent])).toEqual([
      ['item', 'VAT25', '25'],
      ['item', 'VAT25', '25'],
      ['charge', 'VAT25', '25'],
    ])
    expect(withLines?.lines.reduce((s, l) => s + l.netTaxMinor, 0)).toBe(ref.totalTaxMinor)
  })

  it('handles JPY (no decimals) and KWD (three decimals) amounts', async () => {
    const { sim, adapter } = await setup()
    const item = sim.store.items[0].number
    const jp = await adapter.createSalesOrder({
      ...draft(sim, 'CEN-JP'),
      customerNumber: 'WEB-JP',
      currencyCode: 'JPY',
      lines: [ln({ kind: 'item', number: item, description: '', quantity: 3, unitPriceMinor: 105, discountMinor: 0, taxCode: null })],
    })
    expect([jp.totalExcludingTaxMinor, jp.totalTaxMinor, jp.totalIncludingTaxMinor]).toEqual([286, 29, 315])
    const kw = await adapter.createSalesOrder({
      ...draft(sim, 'CEN-KW'),
      customerNumber: 'WEB-KW',
      currencyCode: 'KWD',
      pricesIncludeTax: false,
      lines: [ln({ kind: 'item', number: item, description: '', quantity: 3, unitPriceMinor: 1235, discountMinor: 0, taxCode: null })],
    })
    expect([kw.totalExcludingTaxMinor, kw.totalTaxMinor, kw.totalIncludingTaxMinor]).toEqual([3705, 0, 3705])
  })

  it('finds an order among posted invoices once BC has shipped and invoiced it', async () => {
    const { sim, adapter } = await setup()
    const ref = await adapter.createSalesOrder(draft(sim, 'CEN-POSTED'))
    const stock = async () => (await adapter.listItemInventory()).find((i) => i.number === sim.store.items[0].number)!.inventory
    const before = await stock()
    await adapter.client.request({ method: 'POST', path: `salesOrders(${ref.id})/Microsoft.NAV.shipAndInvoice` })
    expect(await stock()).toBe(before - 2)
    const found = await adapter.findByExternalDocumentNumber('CEN-POSTED')
    expect(found).toMatchObject({ documentType: 'salesInvoice', totalIncludingTaxMinor: ref.totalIncludingTaxMinor })
    // reading back the order reference now lands on its posted invoice
    const doc = await adapter.readDocument(ref)
    expect(doc).toMatchObject({ documentType: 'salesInvoice', id: found!.id, totalTaxMinor: ref.totalTaxMinor })
    expect(doc!.lines.map((l) => l.kind)).toEqual(['item', 'item', 'charge'])
    expect(await adapter.getSalesOrder(ref.id)).toBeNull()
    const { shipments, cursor } = await adapter.listShipmentsSince(null)
    expect(shipments).toHaveLength(1)
    expect(shipments[0]).toMatchObject({ orderNumber: ref.number, externalDocumentNumber: 'CEN-POSTED' })
    expect(shipments[0].lines.map((l) => l.quantity)).toEqual([2, 1])
    expect(cursor).toBe(shipments[0].lastModifiedDateTime)
  })

  it('explains rejected orders in words a finance user can act on', async () => {
    const { sim, adapter } = await setup()
    const err = await adapter.createSalesOrder(draft(sim, 'CEN-BAD', { customerNumber: 'WEB-XX' })).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ kind: 'invalid', ambiguous: false, status: 400 })
    expect(err.message).toBe(
      "Business Central rejected order CEN-BAD: customer WEB-XX does not exist. Create the customer or fix the market's customer mapping.",
    )
    const item = await adapter
      .createSalesOrder({ ...draft(sim, 'CEN-BAD2'), lines: [{ ...draft(sim, 'x').lines[0], number: 'NOPE-1' }] })
      .catch((e) => e)
    expect(item.message).toContain('item NOPE-1 does not exist in Business Central')
    const tax = await adapter
      .createSalesOrder({ ...draft(sim, 'CEN-BAD3'), lines: [{ ...draft(sim, 'x').lines[0], taxCode: 'VAT99' }] })
      .catch((e) => e)
    expect(tax.message).toContain('tax code VAT99 is not set up')
    // nothing half-created
    expect((await admin(sim, 'GET', 'orders')).value).toEqual([])
  })

  it('lists every item across pages', async () => {
    const { sim, adapter } = await setup({ pageSize: 10 })
    const items = await adapter.listItems()
    expect(items).toHaveLength(sim.store.items.length)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(items[0]).toEqual({ id: sim.store.items[0].id, number: sim.store.items[0].number, displayName: sim.store.items[0].displayName, gtin: sim.store.items[0].gtin })
    const stats = await admin(sim, 'GET', 'stats')
    expect(stats.requests).toBeGreaterThanOrEqual(Math.ceil(items.length / 10))
  })

  it('renews an expired token and retries the refused request once', async () => {
    const { sim, adapter } = await setup({ tokenTtlSeconds: 3600 })
    await adapter.listCustomers()
    await admin(sim, 'POST', 'expire-tokens')
    const customers = await adapter.listCustomers()
    expect(customers.map((c) => c.number)).toContain('WEB-SE')
    expect((await admin(sim, 'GET', 'stats')).tokensIssued).toBe(2)
  })

  it('refreshes the token before it expires, without a refused request', async () => {
    const { sim, adapter } = await setup({ tokenTtlSeconds: 2 }) // refreshed in the last half of its life
    await adapter.listCustomers()
    await adapter.listCustomers()
    await new Promise((r) => setTimeout(r, 1100))
    await adapter.listCustomers()
    const stats = await admin(sim, 'GET', 'stats')
    expect(stats.tokensIssued).toBe(2)
    expect((stats.byStatus as Record<string, number>)['401']).toBeUndefined()
  })

  it('reports wrong credentials as an auth problem without leaking the secret', async () => {
    const { sim } = await setup()
    const events: BcLogEvent[] = []
    const bad = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: 'wrong-secret', companyId: sim.companyId, log: (e) => events.push(e) })
    const err = await bad.listItems().catch((e) => e)
    await bad.close()
    expect(err).toMatchObject({ kind: 'auth' })
    expect(err.message).toContain('client secret')
    expect(JSON.stringify(events)).not.toContain('wrong-secret')
  })

  it('retries 429 and 503 honouring Retry-After, and never logs the bearer token', async () => {
    const events: BcLogEvent[] = []
    const { sim, adapter } = await setup({}, { log: (e) => events.push(e) })
    await adapter.listCustomers() // resolves company and token
    await admin(sim, 'POST', 'faults', { spec: '429@nth=1,503@nth=2' })
    const started = Date.now()
    expect((await adapter.listCustomers()).length).toBe(5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900) // Retry-After: 1 twice
    expect(events.filter((e) => e.outcome === 'retry').map((e) => e.status)).toEqual([429, 503])
    expect(JSON.stringify(events)).not.toMatch(/bcsim\.|Bearer/)
  })

  it('retries reads after a time-out or a reset connection', async () => {
    const { sim, adapter } = await setup({}, { timeoutMs: 300 })
    await adapter.listCustomers()
    await admin(sim, 'POST', 'faults', { spec: 'timeout@nth=1,reset@nth=2' })
    expect((await adapter.listCustomers()).length).toBe(5)
  })

  it('a POST that times out after BC applied it is reported as ambiguous, and the look-up finds it: never a duplicate', async () => {
    const { sim, adapter } = await setup({}, { timeoutMs: 300 })
    await adapter.listCustomers()
    // requests 1 and 2 are the look-up (orders, then posted invoices); 3 is the POST
    await admin(sim, 'POST', 'faults', { spec: 'after:timeout@nth=3' })
    const d = draft(sim, 'CEN-AMB')
    expect(await adapter.findByExternalDocumentNumber('CEN-AMB')).toBeNull()
    const err = await adapter.createSalesOrder(d).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ ambiguous: true, kind: 'retryable' })
    const found = await adapter.findByExternalDocumentNumber('CEN-AMB')
    expect(found?.externalDocumentNumber).toBe('CEN-AMB')
    const orders = (await admin(sim, 'GET', 'orders')).value as { externalDocumentNumber: string }[]
    expect(orders.filter((o) => o.externalDocumentNumber === 'CEN-AMB')).toHaveLength(1)
  })

  it('finds a lower-case key although BC stores it in upper case (Code field)', async () => {
    const { sim, adapter } = await setup()
    const first = await adapter.createSalesOrderOnce(draft(sim, 'web-low-1'))
    expect(first).toMatchObject({ created: true, externalDocumentNumber: 'WEB-LOW-1' })
    expect(await adapter.createSalesOrderOnce(draft(sim, 'web-low-1'))).toMatchObject({ created: false, id: first.id })
    expect((await admin(sim, 'GET', 'orders')).value).toHaveLength(1)
  })

  it('createSalesOrderOnce survives a reset after the write and returns the one order', async () => {
    const { sim, adapter } = await setup()
    await adapter.listCustomers()
    // request 1: look-up (orders), 2: look-up (invoices), 3: POST — applied, then the socket dies
    await admin(sim, 'POST', 'faults', { spec: 'after:timeout@nth=3' })
    const d = draft(sim, 'CEN-ONCE')
    const adapterShort = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, companyId: sim.companyId, timeoutMs: 300 })
    const ref = await adapterShort.createSalesOrderOnce(d)
    expect(ref).toMatchObject({ externalDocumentNumber: 'CEN-ONCE', created: true })
    const again = await adapterShort.createSalesOrderOnce(d)
    expect(again).toMatchObject({ id: ref.id, created: false })
    await adapterShort.close()
    const orders = (await admin(sim, 'GET', 'orders')).value as { externalDocumentNumber: string }[]
    expect(orders.filter((o) => o.externalDocumentNumber === 'CEN-ONCE')).toHaveLength(1)
  })

  it('when BC finishes a write after the client gave up, createSalesOrderOnce reports ambiguity instead of creating again', async () => {
    const { sim } = await setup()
    const short = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, companyId: sim.companyId, timeoutMs: 200 })
    await short.listCustomers()
    // requests 1–2: look-up; 3: the POST, held 400 ms before BC processes it; 4–5: the second look-up
    await admin(sim, 'POST', 'faults', { spec: 'latency:400@nth=3' })
    const err = await short.createSalesOrderOnce(draft(sim, 'CEN-LATE')).catch((e) => e)
    expect(err).toMatchObject({ ambiguous: true })
    await new Promise((r) => setTimeout(r, 400))
    // the order did arrive; the caller's next attempt (after a pause) finds it instead of duplicating
    expect(await short.createSalesOrderOnce(draft(sim, 'CEN-LATE'))).toMatchObject({ created: false })
    await short.close()
    const orders = (await admin(sim, 'GET', 'orders')).value as { externalDocumentNumber: string }[]
    expect(orders.filter((o) => o.externalDocumentNumber === 'CEN-LATE')).toHaveLength(1)
  })

  it('an unreadable 2xx answer is retried for reads and ambiguous for writes', async () => {
    const { sim, adapter } = await setup()
    await adapter.listCustomers()
    await admin(sim, 'POST', 'faults', { spec: 'malformed@nth=1' })
    expect((await adapter.listCustomers()).length).toBe(5)
    await admin(sim, 'POST', 'faults', { spec: 'malformed@nth=1' })
    const err = await adapter.createSalesOrder(draft(sim, 'CEN-MAL')).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ ambiguous: true, kind: 'retryable' })
  })

  it('a 503 on POST is ambiguous and not retried by the client', async () => {
    const { sim, adapter } = await setup()
    await adapter.listCustomers()
    await admin(sim, 'POST', 'faults', { spec: '503@nth=1' })
    const err = await adapter.createSalesOrder(draft(sim, 'CEN-503')).catch((e) => e)
    expect(err).toMatchObject({ ambiguous: true, status: 503, retryAfterSeconds: 1 })
    expect((await admin(sim, 'GET', 'orders')).value).toEqual([])
  })

  it('stays inside the in-flight limit: never more than 5 concurrent requests', async () => {
    const { sim, adapter } = await setup({ latencyMs: 30, limits: { maxInFlight: 5, maxQueue: 0 } })
    await adapter.listCustomers()
    await Promise.all(Array.from({ length: 20 }, () => adapter.listCustomers()))
    const stats = await admin(sim, 'GET', 'stats')
    expect(stats.maxInFlightSeen).toBeLessThanOrEqual(5)
    expect(stats.throttled429).toBe(0)
  })

  it('under random time-outs, resets and 5xx every order lands exactly once (createSalesOrderOnce, retried like the engine)', async () => {
    const { sim } = await setup()
    const adapter = createBcAdapter({
      baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret,
      companyId: sim.companyId, timeoutMs: 200, baseDelayMs: 5, maxDelayMs: 20,
    })
    await adapter.listCustomers()
    await admin(sim, 'POST', 'faults', { spec: 'timeout@rate=0.08,reset@rate=0.08,after:timeout@rate=0.12,after:reset@rate=0.05,503@rate=0.03,502@rate=0.04' })
    const keys = Array.from({ length: 20 }, (_, i) => `CEN-CHAOS-${i}`)
    for (const key of keys) {
      for (let attempt = 1; ; attempt++) {
        try {
          await adapter.createSalesOrderOnce(draft(sim, key))
          break
        } catch (e) {
          if (!(e instanceof ConnectorError && e.retryable) || attempt > 20) throw e
        }
      }
    }
    await adapter.close()
    await admin(sim, 'POST', 'faults', { spec: '' })
    const orders = (await admin(sim, 'GET', 'orders')).value as { externalDocumentNumber: string }[]
    expect(orders.map((o) => o.externalDocumentNumber).sort()).toEqual([...keys].sort())
  })

  it('two adapters for the same app registration share one budget of 5 in flight', async () => {
    const { sim, adapter } = await setup({ latencyMs: 30, limits: { maxInFlight: 5, maxQueue: 0 } })
    const second = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, companyId: sim.companyId })
    await Promise.all([adapter.listCustomers(), second.listCustomers()])
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? adapter : second).listCustomers()))
    await second.close()
    await adapter.listCustomers() // still usable after the other one closed
    const stats = await admin(sim, 'GET', 'stats')
    expect(stats.maxInFlightSeen).toBeLessThanOrEqual(5)
    expect(stats.throttled429).toBe(0)
  })

  it('cancels through an AbortSignal', async () => {
    const { adapter } = await setup({ latencyMs: 500 })
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(), 50)
    const err = await adapter.listItems(ctl.signal).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err.message).toContain('cancelled')
  })
})
