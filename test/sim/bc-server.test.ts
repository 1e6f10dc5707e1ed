/**
 * The simulator behaves like Business Central where an integration can tell the difference:
 * auth, OData paging and filters, validation errors and their codes, ETags, line context,
 * posting, throttling and tax presentation.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startBcSimulator, type BcSimOptions, type RunningBcSim } from '../../src/sim/bc'

const sims: RunningBcSim[] = []
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close()
})

type Body = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function start(opts: BcSimOptions = {}) {
  const sim = await startBcSimulator({ seed: 5, ...opts })
  sims.push(sim)
  const tokenRes = await fetch(sim.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: 'https://api.businesscentral.dynamics.com/.default',
    }),
  })
  const token = ((await tokenRes.json()) as Body).access_token as string
  const company = `${sim.baseUrl}/companies(${sim.companyId})`
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const url = path.startsWith('http') ? path : `${company}/${path}`
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Body }
  }
  return { sim, token, call, company }
}

const order = (sim: RunningBcSim, over: Body = {}) => ({
  customerNumber: 'WEB-SE',
  externalDocumentNumber: 'W-1',
  salesOrderLines: [{ lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 2, unitPrice: 100 }],
  ...over,
})

describe('BC simulator: auth', () => {
  it('issues client-credentials tokens and refuses requests without a valid one', async () => {
    const { sim, call } = await start({ tokenTtlSeconds: 1 })
    const none = await fetch(`${sim.baseUrl}/companies`)
    expect(none.status).toBe(401)
    expect(((await none.json()) as Body).error.code).toBe('Authentication_InvalidCredentials')
    expect((await call('GET', `${sim.baseUrl}/companies`)).body.value[0]).toMatchObject({ id: sim.companyId, name: sim.companyName })
    await new Promise((r) => setTimeout(r, 1100))
    expect((await call('GET', `${sim.baseUrl}/companies`)).status).toBe(401)
  })

  it('answers bad credentials like Entra ID', async () => {
    const { sim } = await start()
    const res = await fetch(sim.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: 'nope', scope: 'x/.default' }),
    })
    expect(res.status).toBe(401)
    expect(((await res.json()) as Body).error).toBe('invalid_client')
  })
})

describe('BC simulator: OData reads', () => {
  it('pages with @odata.nextLink and $skiptoken; $top gives no nextLink', async () => {
    const { sim, call } = await start()
    const total = sim.store.items.length
    const seen: string[] = []
    let next: string | undefined = 'items'
    let pages = 0
    while (next) {
      const r = await call('GET', next, undefined, { prefer: 'odata.maxpagesize=20' })
      seen.push(...r.body.value.map((i: Body) => i.id))
      next = r.body['@odata.nextLink']
      if (next) expect(next).toContain('$skiptoken=')
      pages++
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    expect(pages).toBe(Math.ceil(total / 20))
    const top = await call('GET', 'items?$top=3')
    expect(top.body.value).toHaveLength(3)
    expect(top.body['@odata.nextLink']).toBeUndefined()
    const skip = await call('GET', 'items?$top=2&$skip=2')
    expect(skip.body.value.map((i: Body) => i.id)).toEqual(seen.slice(2, 4))
  })

  it('filters by number, gtin and external document number; OR across fields is refused as in BC', async () => {
    const { sim, call } = await start()
    const item = sim.store.items[3]
    expect((await call('GET', `items?$filter=number eq '${item.number}'`)).body.value.map((i: Body) => i.id)).toEqual([item.id])
    expect((await call('GET', `items?$filter=gtin eq '${item.gtin}'`)).body.value).toHaveLength(1)
    await call('POST', 'salesOrders', order(sim, { externalDocumentNumber: "O'Brien-1" }))
    const byExt = await call('GET', `salesOrders?$filter=externalDocumentNumber eq 'O''BRIEN-1'`)
    expect(byExt.body.value).toHaveLength(1)
    const or = await call('GET', `items?$filter=number eq 'A' or gtin eq 'B'`)
    expect(or.status).toBe(400)
    expect(or.body.error.message).toContain("'OR' operator is not supported on distinct fields")
  })

  it('refuses lines without a document context and serves them with one', async () => {
    const { sim, call } = await start()
    const created = await call('POST', 'salesOrders', order(sim))
    const bare = await call('GET', 'salesOrderLines')
    expect(bare.status).toBe(400)
    expect(bare.body.error.code).toBe('Application_DialogException')
    expect((await call('GET', `salesOrderLines?$filter=documentId eq ${created.body.id}`)).body.value).toHaveLength(1)
    expect((await call('GET', `salesOrders(${created.body.id})/salesOrderLines`)).body.value).toHaveLength(1)
    expect((await call('GET', `salesOrders(${created.body.id})?$expand=salesOrderLines`)).body.salesOrderLines).toHaveLength(1)
  })

  it('serves item variants by item, by filter and expanded; a line accepts only a variant of its item', async () => {
    const { sim, call } = await start()
    const [a, b] = sim.store.items
    const v = sim.store.addItemVariant(a.number, 'gift', 'Gift wrapped')
    expect((await call('GET', `items(${a.id})/itemVariants`)).body.value).toEqual([
      expect.objectContaining({ id: v.id, itemId: a.id, itemNumber: a.number, code: 'GIFT', description: 'Gift wrapped' }),
    ])
    expect((await call('GET', `itemVariants?$filter=itemId eq ${a.id}`)).body.value).toHaveLength(1)
    const expanded = (await call('GET', `items?$filter=number eq '${a.number}'&$expand=itemVariants`)).body.value[0]
    expect(expanded.itemVariants.map((x: Body) => x.code)).toEqual(['GIFT'])
    const ok = await call('POST', 'salesOrders?$expand=salesOrderLines', order(sim, { salesOrderLines: [{ itemId: a.id, itemVariantId: v.id, quantity: 1 }] }))
    expect(ok.body.salesOrderLines[0].itemVariantId).toBe(v.id)
    const wrong = await call('POST', 'salesOrders', order(sim, { salesOrderLines: [{ itemId: b.id, itemVariantId: v.id, quantity: 1 }] }))
    // "Variant Id" is a table relation to Item Variant filtered on the line's item (Sales Invoice Line Aggregate)
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.code).toBe('Internal_InvalidTableRelation')
    expect(wrong.body.error.message).toMatch(/^The field Variant Id of table Sales Invoice Line Aggregate contains a value \([0-9a-f-]+\) that cannot be found in the related table \(Item Variant\)\..*CorrelationId/)
  })

  it('404s unknown routes and ids with BC codes', async () => {
    const { call } = await start()
    expect((await call('GET', 'widgets')).body.error.code).toBe('BadRequest_NotFound')
    const missing = await call('GET', 'salesOrders(6a1e0000-0000-0000-0000-000000000001)')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('Internal_RecordNotFound')
  })
})

describe('BC simulator: sales order writes', () => {
  it('deep-inserts an order with numbered lines, a series number, a GUID and a weak ETag', async () => {
    const { sim, call } = await start()
    const r = await call('POST', 'salesOrders?$expand=salesOrderLines', order(sim, {
      salesOrderLines: [
        { lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1 },
        { itemId: sim.store.items[1].id, quantity: 1, unitPrice: 10, discountPercent: 50 },
        { lineType: 'Account', lineObjectNumber: '6110', quantity: 1, unitPrice: 49 },
        { lineType: 'Comment', description: 'Gift wrap' },
      ],
    }))
    expect(r.status).toBe(201)
    expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(r.body.number).toBe('S-ORD101001')
    expect(r.body['@odata.etag']).toMatch(/^W\/"[A-Za-z0-9+/=]+"$/)
    expect(r.headers.get('etag')).toBe(r.body['@odata.etag'])
    expect(r.body.salesOrderLines.map((l: Body) => [l.sequence, l.lineType, l.lineObjectNumber])).toEqual([
      [10000, 'Item', sim.store.items[0].number],
      [20000, 'Item', sim.store.items[1].number],
      [30000, 'Account', '6110'],
      [40000, 'Comment', ''],
    ])
    expect(r.body.salesOrderLines[0].unitPrice).toBe(sim.store.items[0].unitPrice.toNumber()) // item default price
    expect(r.body.salesOrderLines[1].discountAmount).toBe(5)
    expect(r.body.status).toBe('Draft')
    expect((await call('POST', 'salesOrders', order(sim))).body.number).toBe('S-ORD101002')
  })

  it('stores Code fields in upper case, as AL does', async () => {
    const { sim, call } = await start()
    const r = await call('POST', 'salesOrders?$expand=salesOrderLines', order(sim, {
      customerNumber: 'web-se',
      externalDocumentNumber: 'web-lower-1',
      salesOrderLines: [{ lineType: 'Item', lineObjectNumber: sim.store.items[0].number.toLowerCase(), quantity: 1, taxCode: 'vat25' }],
    }))
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ customerNumber: 'WEB-SE', externalDocumentNumber: 'WEB-LOWER-1' })
    expect(r.body.salesOrderLines[0]).toMatchObject({ lineObjectNumber: sim.store.items[0].number, taxCode: 'VAT25' })
  })

  it('accepts a duplicate externalDocumentNumber, as Business Central does', async () => {
    const { sim, call } = await start()
    expect((await call('POST', 'salesOrders', order(sim))).status).toBe(201)
    expect((await call('POST', 'salesOrders', order(sim))).status).toBe(201)
    expect((await call('GET', "salesOrders?$filter=externalDocumentNumber eq 'W-1'")).body.value).toHaveLength(2)
  })

  it.each([
    ['read-only header field', { totalAmountIncludingTax: 1 }, 'BadRequest_InvalidOperation', "Control 'totalAmountIncludingTax' is read-only"],
    ['number from the series', { number: 'X1' }, 'BadRequest_InvalidOperation', "Control 'number' is read-only"],
    ['unknown property', { foo: 1 }, 'BadRequest', "The property 'foo' does not exist on type 'Microsoft.NAV.salesOrder'"],
    ['missing customer', { customerNumber: undefined }, 'Application_DialogException', 'A "customerNumber" or a "customerId" must be provided'],
    ['unknown customer', { customerNumber: 'WEB-XX' }, 'Application_DialogException', 'The sell-to customer cannot be found'],
    ['unknown currency', { currencyCode: 'XYZ' }, 'Application_DialogException', 'The "currencyCode" does not match to a Currency'],
    ['string too long', { externalDocumentNumber: 'E'.repeat(36) }, 'Application_StringExceededLength', 'The length of the string is 36, but it must be less than or equal to 35 characters'],
    ['bad date', { orderDate: '2026-13-45' }, 'BadRequest', "Cannot convert the literal '2026-13-45' to the expected type 'Edm.Date'"],
  ])('rejects %s with 400 %s', async (_name, over, code, message) => {
    const { sim, call } = await start()
    const r = await call('POST', 'salesOrders', order(sim, over))
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe(code)
    expect(r.body.error.message).toContain(message)
    expect(r.body.error.message).toMatch(/CorrelationId: {2}[0-9a-f-]{36}\.$/)
  })

  it.each([
    ['unknown item', { lineType: 'Item', lineObjectNumber: 'NOPE', quantity: 1 }, 'Application_DialogException', 'Item does not exist'],
    ['read-only line field', { lineType: 'Item', lineObjectNumber: 'X', totalTaxAmount: 1 }, 'BadRequest_InvalidOperation', "Control 'totalTaxAmount' is read-only"],
    ['line text too long', { lineType: 'Comment', description: 'd'.repeat(101) }, 'Application_StringExceededLength', 'less than or equal to 100'],
    ['unknown tax code', { lineType: 'Account', lineObjectNumber: '6110', taxCode: 'VAT99' }, 'Internal_InvalidTableRelation', 'VAT Prod. Posting Group'],
  ])('rejects a line with %s and creates nothing', async (_name, line, code, message) => {
    const { sim, call } = await start()
    const r = await call('POST', 'salesOrders', order(sim, { salesOrderLines: [line] }))
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe(code)
    expect(r.body.error.message).toContain(message)
    expect((await call('GET', 'salesOrders')).body.value).toEqual([])
  })

  it('PATCH needs If-Match; a stale ETag is a 409 Request_EntityChanged; every write changes the ETag', async () => {
    const { sim, call } = await start()
    const created = (await call('POST', 'salesOrders', order(sim))).body
    const url = `salesOrders(${created.id})`
    const noMatch = await call('PATCH', url, { email: 'a@b.se' })
    expect(noMatch.status).toBe(400)
    expect(noMatch.body.error.code).toBe('BadRequest_InvalidToken')
    const ok = await call('PATCH', url, { email: 'a@b.se' }, { 'if-match': created['@odata.etag'] })
    expect(ok.status).toBe(200)
    expect(ok.body.email).toBe('a@b.se')
    expect(ok.body['@odata.etag']).not.toBe(created['@odata.etag'])
    const stale = await call('PATCH', url, { email: 'c@d.se' }, { 'if-match': created['@odata.etag'] })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('Request_EntityChanged')
    // adding a line changes the header's ETag and totals
    const line = await call('POST', `${url}/salesOrderLines`, { lineType: 'Item', lineObjectNumber: sim.store.items[2].number, quantity: 1, unitPrice: 80 })
    expect(line.status).toBe(201)
    expect(line.body.sequence).toBe(20000)
    const after = (await call('GET', url)).body
    expect(after['@odata.etag']).not.toBe(ok.body['@odata.etag'])
    expect(after.totalAmountExcludingTax).toBe(280)
    expect((await call('PATCH', url, { email: 'x@y.se' }, { 'if-match': '*' })).status).toBe(200)
  })

  it('shipAndInvoice posts a shipment and an invoice and removes the fully posted order', async () => {
    const { sim, call } = await start()
    const created = (await call('POST', 'salesOrders', order(sim, { externalDocumentNumber: 'W-POST' }))).body
    const r = await call('POST', `salesOrders(${created.id})/Microsoft.NAV.shipAndInvoice`)
    expect(r.status).toBe(204)
    expect((await call('GET', `salesOrders(${created.id})`)).status).toBe(404)
    const inv = (await call('GET', `salesInvoices?$filter=orderNumber eq '${created.number}'&$expand=salesInvoiceLines`)).body.value
    expect(inv).toHaveLength(1)
    expect(inv[0]).toMatchObject({ externalDocumentNumber: 'W-POST', status: 'Open', orderId: created.id, totalAmountIncludingTax: created.totalAmountIncludingTax })
    expect(inv[0].salesInvoiceLines).toHaveLength(1)
    const shp = (await call('GET', `salesShipments?$filter=orderNumber eq '${created.number}'&$expand=salesShipmentLines`)).body.value
    expect(shp[0].salesShipmentLines[0]).toMatchObject({ lineType: 'Item', quantity: 2 })
    const adminOrders = (await (await fetch(`${sim.origin}/__admin/orders`)).json()) as Body
    expect(adminOrders.value[0]).toMatchObject({ externalDocumentNumber: 'W-POST', state: 'posted', invoiceNumber: inv[0].number })
  })
})

describe('BC simulator: partial posting', () => {
  it('ships and invoices what the lines say, keeps the rest open and takes shipped goods out of stock', async () => {
    const { sim, call } = await start()
    const item = sim.store.items[0]
    const stockBefore = (await call('GET', `items(${item.id})`)).body.inventory
    const created = (await call('POST', 'salesOrders?$expand=salesOrderLines', order(sim, {
      salesOrderLines: [{ lineType: 'Item', lineObjectNumber: item.number, quantity: 3, unitPrice: 100, discountAmount: 30 }],
    }))).body
    const line = created.salesOrderLines[0]
    const lineUrl = `salesOrders(${created.id})/salesOrderLines(${line.id})`
    const tooMany = await call('PATCH', lineUrl, { quantity: 2, shipQuantity: 4 }, { 'if-match': line['@odata.etag'] })
    expect(tooMany.status).toBe(400)
    expect((await call('GET', lineUrl)).body).toMatchObject({ quantity: 3, '@odata.etag': line['@odata.etag'] }) // unchanged
    const patched = await call('PATCH', lineUrl, { shipQuantity: 1, invoiceQuantity: 1 }, { 'if-match': line['@odata.etag'] })
    expect(patched.status).toBe(200)
    expect((await call('POST', `salesOrders(${created.id})/Microsoft.NAV.shipAndInvoice`)).status).toBe(204)
    const open = (await call('GET', `salesOrders(${created.id})?$expand=salesOrderLines`)).body
    expect(open.salesOrderLines[0]).toMatchObject({ shippedQuantity: 1, invoicedQuantity: 1, shipQuantity: 2, invoiceQuantity: 2 })
    expect(open.fullyShipped).toBe(false)
    const inv = (await call('GET', `salesInvoices?$filter=orderNumber eq '${created.number}'`)).body.value[0]
    expect(inv.totalAmountExcludingTax).toBe(90) // one of three units, a third of the 30 discount
    expect((await call('GET', `items(${item.id})`)).body.inventory).toBe(stockBefore - 1)
    // deleting needs If-Match too
    expect((await call('DELETE', `salesOrders(${created.id})`)).body.error.code).toBe('BadRequest_InvalidToken')
    expect((await call('DELETE', `salesOrders(${created.id})`, undefined, { 'if-match': open['@odata.etag'] })).status).toBe(204)
  })
})

describe('BC simulator: $batch', () => {
  it('runs independent requests and echoes ids; with Isolation: snapshot the first failure undoes the rest', async () => {
    const { sim, call, token } = await start()
    const batch = async (requests: unknown[], headers: Record<string, string> = {}) => {
      const res = await fetch(`${sim.baseUrl}/$batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ requests }),
      })
      return ((await res.json()) as Body).responses as Body[]
    }
    const url = `companies(${sim.companyId})/salesOrders`
    const good = { id: '1', method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: order(sim, { externalDocumentNumber: 'B-1' }) }
    const bad = { id: '2', method: 'POST', url, body: order(sim, { customerNumber: 'WEB-XX' }) }
    const plain = await batch([good, bad, { id: '3', method: 'GET', url: `${url}?$filter=externalDocumentNumber eq 'B-1'` }])
    expect(plain.map((r) => [r.id, r.status])).toEqual([['1', 201], ['2', 400], ['3', 200]])
    expect(plain[1].body.error.code).toBe('Application_DialogException')
    expect(plain[2].body.value).toHaveLength(1)

    const tx = await batch([{ ...good, body: order(sim, { externalDocumentNumber: 'B-TX' }) }, bad], { isolation: 'snapshot' })
    expect(tx.map((r) => r.status)).toEqual([201, 400])
    expect((await call('GET', "salesOrders?$filter=externalDocumentNumber eq 'B-TX'")).body.value).toEqual([])
    // the number series was rolled back too
    expect((await call('POST', 'salesOrders', order(sim))).body.number).toBe('S-ORD101002')
  })
})

describe('BC simulator: webhooks', () => {
  async function receiver(echo: boolean) {
    const received: Body[] = []
    const server = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken')
      let text = ''
      req.on('data', (c) => (text += c))
      req.on('end', () => {
        if (token) {
          res.writeHead(200, { 'content-type': 'text/plain' })
          res.end(echo ? token : 'nope')
          return
        }
        received.push(JSON.parse(text))
        res.writeHead(202)
        res.end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) }
  }

  it('validates the endpoint, then delivers batched notifications for the subscribed entity set', async () => {
    const { sim, call } = await start({ webhookDelayMs: 50 })
    const hook = await receiver(true)
    try {
      const resource = `api/v2.0/companies(${sim.companyId})/salesShipments`
      const sub = await call('POST', `${sim.baseUrl}/subscriptions`, { notificationUrl: hook.url, resource, clientState: 'secret-state' })
      expect(sub.status).toBe(201)
      expect(sub.body).toMatchObject({ resource, clientState: 'secret-state', subscriptionId: expect.stringMatching(/^[0-9a-f]{32}$/) })
      expect(Date.parse(sub.body.expirationDateTime) - Date.now()).toBeGreaterThan(2.9 * 24 * 3600 * 1000)
      const created = (await call('POST', 'salesOrders', order(sim))).body
      await call('POST', `salesOrders(${created.id})/Microsoft.NAV.shipAndInvoice`)
      await new Promise((r) => setTimeout(r, 200))
      expect(hook.received).toHaveLength(1) // one batch, only shipments
      const [n] = hook.received[0].value
      expect(n).toMatchObject({ subscriptionId: sub.body.subscriptionId, clientState: 'secret-state', changeType: 'created' })
      expect(n.resource).toMatch(new RegExp(`^api/v2.0/companies\\(${sim.companyId}\\)/salesShipments\\([0-9a-f-]{36}\\)$`))
      const subUrl = `${sim.baseUrl}/subscriptions('${sub.body.subscriptionId}')`
      expect((await call('PATCH', subUrl, {})).body.error.code).toBe('BadRequest_InvalidToken')
      expect((await call('PATCH', subUrl, {}, { 'if-match': sub.body['@odata.etag'] })).status).toBe(200)
    } finally {
      await hook.close()
    }
  })

  it('refuses a subscription whose endpoint does not echo the validation token', async () => {
    const { sim, call } = await start()
    const hook = await receiver(false)
    try {
      const r = await call('POST', `${sim.baseUrl}/subscriptions`, { notificationUrl: hook.url, resource: `api/v2.0/companies(${sim.companyId})/salesOrders` })
      expect(r.status).toBe(400)
      expect(r.body.error.message).toContain('validation token')
    } finally {
      await hook.close()
    }
  })
})

describe('BC simulator: demo posting', () => {
  it('posts on request through the admin API, and on its own with autoShipAndInvoiceMs', async () => {
    const { sim, call } = await start({ autoShipAndInvoiceMs: 100 })
    const a = (await call('POST', 'salesOrders', order(sim, { externalDocumentNumber: 'AUTO-1' }))).body
    const admin = await fetch(`${sim.origin}/__admin/ship-and-invoice`, { method: 'POST', body: JSON.stringify({ externalDocumentNumber: 'AUTO-1' }) })
    expect(((await admin.json()) as Body).posted[0]).toMatchObject({ orderNumber: a.number, shipmentNumber: expect.stringMatching(/^S-SHPT/) })
    await call('POST', 'salesOrders', order(sim, { externalDocumentNumber: 'AUTO-2' }))
    await new Promise((r) => setTimeout(r, 400))
    expect((await call('GET', 'salesOrders')).body.value).toEqual([])
    expect((await call('GET', 'salesShipments')).body.value.map((s: Body) => s.externalDocumentNumber)).toEqual(['AUTO-1', 'AUTO-2'])
  })
})

describe('BC simulator: tax', () => {
  it('writing taxCode sets the VAT product group; reading returns the VAT identifier', async () => {
    const { sim, call } = await start()
    const r = await call('POST', 'salesOrders?$expand=salesOrderLines', order(sim, {
      salesOrderLines: [
        { lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1, unitPrice: 100, taxCode: 'STANDARD' },
        { lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1, unitPrice: 100, taxCode: 'ZERO' },
        { lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1, unitPrice: 100 },
      ],
    }))
    expect(r.body.salesOrderLines.map((l: Body) => [l.taxCode, l.taxPercent])).toEqual([['VAT25', 25], ['VAT0', 0], ['VAT25', 25]])
    expect(r.body.totalTaxAmount).toBe(50)
  })

  it('prices incl. tax in JPY: header totals from stored sums, line presentation per line', async () => {
    const { sim, call } = await start()
    const lines = [1, 2, 3].map(() => ({ lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1, unitPrice: 105 }))
    const r = await call('POST', 'salesOrders?$expand=salesOrderLines', { customerNumber: 'WEB-JP', currencyCode: 'JPY', pricesIncludeTax: true, salesOrderLines: lines })
    expect([r.body.totalAmountExcludingTax, r.body.totalTaxAmount, r.body.totalAmountIncludingTax]).toEqual([286, 29, 315])
    expect(r.body.salesOrderLines.map((l: Body) => l.totalTaxAmount)).toEqual([10, 10, 10])
    expect(r.body.salesOrderLines.map((l: Body) => l.netTaxAmount)).toEqual([10, 9, 10])
    expect(r.body.currencyCode).toBe('JPY')
  })

  it('a sales-tax company taxes by tax group and area, shows an effective rate and refuses prices incl. tax', async () => {
    const { sim, call } = await start({ salesTax: true })
    const item = sim.store.items[0].number
    const r = await call('POST', 'salesOrders?$expand=salesOrderLines', {
      customerNumber: 'WEB-US',
      salesOrderLines: [
        { lineType: 'Item', lineObjectNumber: item, quantity: 3, unitPrice: 33.33 },
        { lineType: 'Item', lineObjectNumber: item, quantity: 1, unitPrice: 20, taxCode: 'NONTAXABLE' },
      ],
    })
    expect(r.status).toBe(201)
    expect(r.body.currencyCode).toBe('USD')
    expect(r.body.discountAppliedBeforeTax).toBe(true)
    const [taxed, exempt] = r.body.salesOrderLines
    expect(taxed.taxCode).toBe('TAXABLE')
    expect(taxed.totalTaxAmount).toBe(8.87) // ROUND(99.99 × 8.875 %)
    expect(taxed.taxPercent).toBe(8.87089)
    expect(exempt.totalTaxAmount).toBe(0)
    const incl = await call('POST', 'salesOrders', { customerNumber: 'WEB-US', pricesIncludeTax: true })
    expect(incl.body.error.message).toContain('cannot be set to true if VAT Calculation Type is Sales Tax')
    expect((await call('GET', 'taxGroups')).body.value.map((g: Body) => g.taxType)).toContain('Sales_x0020_Tax')
  })
})

describe('BC simulator: limits and faults', () => {
  it('answers 429 beyond the 5-minute budget', async () => {
    const { call } = await start({ limits: { requestsPer5Min: 3 } })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await call('GET', 'customers')).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  it('queues beyond 5 in flight and answers 503 with Retry-After when a request waits too long', async () => {
    const { call } = await start({ latencyMs: 200, limits: { maxInFlight: 2, queueTimeoutMs: 100 } })
    const results = await Promise.all(Array.from({ length: 4 }, () => call('GET', 'customers')))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 503, 503])
    expect(results.find((r) => r.status === 503)?.headers.get('retry-after')).toBe('1')
  })

  it('injects faults from the --faults spec with BC-shaped error bodies', async () => {
    const { call } = await start({ faults: '503@nth=1,504@nth=2' })
    const a = await call('GET', 'customers')
    expect(a.status).toBe(503)
    expect(a.headers.get('retry-after')).toBe('1')
    expect(a.body.error.code).toBe('Internal_ServiceUnavailable')
    expect((await call('GET', 'customers')).status).toBe(504)
    expect((await call('GET', 'customers')).status).toBe(200)
  })
})
