/**
 * HTTP front of the Business Central simulator: Entra-style token endpoint, bearer auth,
 * throttling, fault injection and the OData routes of API v2.0.
 */
import { randomBytes } from 'node:crypto'
import Decimal from 'decimal.js'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { FaultInjector, parseFaultSpec, withFaults } from '../shared/faults'
import { BcError, badRequest, dialog, errorBody, faultBody, notFoundRoute } from './errors'
import { applyQuery, equalityConstraints, parseQuery, selectFields, type QueryOptions } from './odata'
import { ENTITIES, entityBySet } from './schema'
import { splitOverLocations, type StockMoves } from './stock-moves'
import { BcView } from './render'
import { type BcStore, type DocRec, type LineRec } from './store'
import { Throttle } from './throttle'
import type { Subscription, Webhooks } from './webhooks'

const EMPTY_USER = '00000000-0000-0000-0000-000000000000'

type Json = Record<string, unknown>

export interface ServerConfig {
  store: BcStore
  tenant: string
  environment: string
  clientId: string
  clientSecret: string
  tokenTtlSeconds: number
  latencyMs: number
  pageSize: number
  throttle: Throttle
  faults: FaultInjector
  webhooks: Webhooks
  /** stock moving between reads of the availability page (absent: it never moves by itself) */
  stockMoves?: StockMoves
  /** filled in once the port is known */
  origin: string
  metadataXml: () => Promise<string | null>
}

const ODATA_JSON = 'application/json; odata.metadata=minimal; odata.streaming=true'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Where the simulated tenant publishes its custom availability API. */
export const AVAILABILITY_API = 'instep/inventory/v1.0'
const AVAILABILITY_ROOT = (cfg: { tenant: string; environment: string }) => `/v2.0/${cfg.tenant}/${cfg.environment}/api/${AVAILABILITY_API}`

export function createHandler(cfg: ServerConfig) {
  const tokens = new Map<string, number>()
  const stats = { requests: 0, byStatus: {} as Record<string, number>, tokensIssued: 0, tokenRequests: 0 }
  const view = new BcView(cfg.store)
  const apiRoot = () => `/v2.0/${cfg.tenant}/${cfg.environment}/api/v2.0`

  const send = (res: ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}) => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1
    res.writeHead(status, { 'odata-version': '4.0', ...(body !== null ? { 'content-type': ODATA_JSON } : {}), ...headers })
    res.end(body ?? undefined)
  }
  const sendError = (res: ServerResponse, e: BcError, headers: Record<string, string> = {}) =>
    send(res, e.status, errorBody(e.code, e.message), headers)

  // ---------- OAuth2 client credentials ------------------------------------------------

  async function token(req: IncomingMessage, res: ServerResponse, tenant: string): Promise<void> {
    stats.tokenRequests++
    const form = new URLSearchParams(await readBody(req))
    const aad = (status: number, error: string, description: string) => {
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ error, error_description: description, error_codes: [], timestamp: new Date().toISOString() }))
    }
    if (tenant !== cfg.tenant) return aad(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`)
    if (form.get('grant_type') !== 'client_credentials') {
      return aad(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.')
    }
    if (form.get('client_id') !== cfg.clientId) {
      return aad(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`)
    }
    if (form.get('client_secret') !== cfg.clientSecret) {
      return aad(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.')
    }
    const scope = form.get('scope') ?? ''
    if (!scope.endsWith('/.default')) {
      return aad(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`)
    }
    const value = `bcsim.${randomBytes(24).toString('base64url')}`
    tokens.set(value, Date.now() + cfg.tokenTtlSeconds * 1000)
    stats.tokensIssued++
    stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ token_type: 'Bearer', expires_in: cfg.tokenTtlSeconds, ext_expires_in: cfg.tokenTtlSeconds, access_token: value }))
  }

  function authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? ''
    const m = /^Bearer (.+)$/i.exec(header)
    if (!m) return false
    const exp = tokens.get(m[1])
    return exp !== undefined && exp > Date.now()
  }

  // ---------- admin ----------------------------------------------------------------------

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    try {
      if (req.method === 'POST' && path === '/__admin/faults') {
        const body = JSON.parse((await readBody(req)) || '{}') as { spec?: string }
        cfg.faults.set(parseFaultSpec(body.spec ?? ''))
        return json(200, { rules: cfg.faults.list() })
      }
      if (req.method === 'GET' && path === '/__admin/stats') {
        return json(200, {
          ...stats,
          ...cfg.throttle.current(),
          maxInFlightSeen: cfg.throttle.maxInFlightSeen,
          faultsFired: cfg.faults.fired,
          throttled429: cfg.throttle.rejected429,
          throttled503: cfg.throttle.rejected503,
          ordersCreated: cfg.store.createdOrders.length,
        })
      }
      if (req.method === 'GET' && path === '/__admin/orders') {
        const open = new Set(cfg.store.salesOrders.map((o) => o.id))
        return json(200, {
          value: cfg.store.createdOrders.map((o) => ({
            ...o,
            state: open.has(o.id) ? 'open' : 'posted',
            invoiceNumber: cfg.store.salesInvoices.find((i) => i.orderId === o.id)?.number ?? null,
          })),
        })
      }
      if (req.method === 'POST' && path === '/__admin/ship-and-invoice') {
        // What a warehouse clerk posting in BC would do; feeds the fulfilment flow in demos.
        const body = JSON.parse((await readBody(req)) || '{}') as { orderNumber?: string; externalDocumentNumber?: string; all?: boolean }
        const targets = cfg.store.salesOrders.filter(
          (o) =>
            body.all === true ||
            (body.orderNumber !== undefined && o.number === body.orderNumber) ||
            (body.externalDocumentNumber !== undefined && o.header.externalDocumentNumber === body.externalDocumentNumber),
        )
        const posted = []
        for (const order of targets) {
          const { shipment, invoice } = cfg.store.shipAndInvoice(order)
          posted.push({ orderNumber: order.number, shipmentNumber: shipment?.number ?? null, invoiceNumber: invoice.number })
        }
        return json(200, { posted })
      }
      if (req.method === 'POST' && path === '/__admin/stock-count') {
        // the next read of the availability page shows a half-finished stock count
        const body = JSON.parse((await readBody(req)) || '{}') as { share?: number }
        const share = Number(body.share ?? 0.5)
        if (!(share > 0 && share <= 1)) return json(400, { error: 'share must be more than 0 and at most 1' })
        cfg.stockMoves?.countOnNextRead(share)
        return json(200, { share })
      }
      if (req.method === 'POST' && path === '/__admin/expire-tokens') {
        for (const k of tokens.keys()) tokens.set(k, 0)
        return json(200, { expired: tokens.size })
      }
      return json(404, { error: `unknown admin route ${req.method} ${path}` })
    } catch (e) {
      return json(400, { error: e instanceof Error ? e.message : String(e) })
    }
  }

  // ---------- API ------------------------------------------------------------------------

  async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++
    const url = new URL(req.url ?? '/', cfg.origin)
    if (!authorized(req)) {
      return sendError(res, new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials'), {
        'www-authenticate': `Bearer authorization_uri="${cfg.origin}/${cfg.tenant}/oauth2/authorize", error="invalid_token"`,
      })
    }
    const admission = await cfg.throttle.admit()
    if (!admission.ok) {
      const code = admission.status === 429 ? 'Application_TooManyRequests' : 'Internal_ServiceUnavailable'
      return sendError(res, new BcError(admission.status, code, admission.reason), admission.status === 503 ? { 'retry-after': '1' } : {})
    }
    try {
      if (cfg.latencyMs > 0) await sleep(cfg.latencyMs)
      await dispatch(req, res, url)
    } finally {
      admission.release()
    }
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await route(req, res, url)
    } catch (e) {
      if (e instanceof BcError) sendError(res, e)
      else sendError(res, new BcError(500, 'Internal_ServerError', e instanceof Error ? e.message : String(e)))
    }
  }

  /**
   * OData JSON batch: up to 100 requests with URLs relative to the API root. With
   * `Isolation: snapshot` they form one transaction: the first failure undoes the others.
   */
  async function batch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readJson(req)) as { requests?: BatchRequest[] }
    const requests = body.requests
    if (!Array.isArray(requests)) throw badRequest('BadRequest', "The batch request must have a 'requests' array")
    if (requests.length > 100) throw badRequest('BadRequest', `The batch has ${requests.length} operations; the maximum is 100`)
    const transactional = String(req.headers.isolation ?? '').toLowerCase() === 'snapshot'
    const restore = transactional ? cfg.store.snapshot() : null
    const responses: Json[] = []
    for (const inner of requests) {
      const result = await runInner(req, inner)
      responses.push({ id: inner.id ?? null, ...result })
      if (transactional && result.status >= 400) {
        restore?.()
        break
      }
    }
    send(res, 200, JSON.stringify({ responses }))
  }

  async function runInner(outer: IncomingMessage, inner: BatchRequest): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
    const target = /^https?:/.test(inner.url ?? '') ? new URL(inner.url) : new URL(`${cfg.origin}${apiRoot()}/${(inner.url ?? '').replace(/^\//, '')}`)
    const fakeReq = Readable.from(inner.body === undefined ? [] : [Buffer.from(JSON.stringify(inner.body))]) as unknown as IncomingMessage
    Object.assign(fakeReq, {
      method: (inner.method ?? 'GET').toUpperCase(),
      url: target.pathname + target.search,
      headers: { ...lowerKeys(inner.headers ?? {}), authorization: outer.headers.authorization },
    })
    let status = 500
    let headers: Record<string, string> = {}
    let text = ''
    const fakeRes: { headersSent: boolean; writeHead(code: number, h: Record<string, string>): unknown; end(chunk?: string): unknown } = {
      headersSent: false,
      writeHead(code: number, h: Record<string, string>) {
        status = code
        headers = h
        this.headersSent = true
        return this
      },
      end(chunk?: string) {
        text = chunk ?? ''
        return this
      },
    }
    await dispatch(fakeReq, fakeRes as unknown as ServerResponse, target)
    const out: Record<string, string> = {}
    for (const k of ['content-type', 'etag', 'location', 'odata-version']) if (headers[k]) out[k] = headers[k]
    return { status, headers: out, body: text ? JSON.parse(text) : null }
  }

  /**
   * A partner's custom API page, as many BC tenants publish one for availability per item,
   * variant and location (the standard API only has one inventory total per item). Its shape is
   * documented in docs/runbooks/inventory-erp-availability.md.
   */
  function availability(res: ServerResponse, url: URL, rest: string): void {
    const m = /^companies\(([^)]+)\)\/itemAvailabilities$/.exec(rest)
    if (!m || m[1] !== cfg.store.company.id) throw notFoundRoute(url.href)
    const counted = cfg.stockMoves?.beforeRead(cfg.store.items) ?? new Set<string>()
    const locations = cfg.store.locations.map((l) => String(l.code))
    const rows = cfg.store.items.flatMap((i) =>
      splitOverLocations(counted.has(i.number) ? new Decimal(0) : i.inventory, locations.length ? locations : ['MAIN']).map(({ location, quantity }) => ({
        id: `${i.id}-${location}`,
        itemNumber: i.number,
        variantCode: '',
        locationCode: location,
        availableQuantity: quantity,
        physicalQuantity: quantity,
        lastModifiedDateTime: i.lastModifiedDateTime,
      })),
    )
    return list(res, url, parseQuery(url.searchParams), rows as Json[], `${cfg.origin}${AVAILABILITY_ROOT(cfg)}/$metadata#companies(${m[1]})/itemAvailabilities`)
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const root = apiRoot()
    const path = decodeURIComponent(url.pathname)
    if (path.startsWith(`${AVAILABILITY_ROOT(cfg)}/`)) {
      if ((req.method ?? 'GET') !== 'GET') throw methodNotAllowed()
      return availability(res, url, path.slice(AVAILABILITY_ROOT(cfg).length + 1))
    }
    if (!path.startsWith(root)) throw notFoundRoute(url.href)
    const rest = path.slice(root.length).replace(/^\/|\/$/g, '')
    const method = req.method ?? 'GET'
    const base = `${cfg.origin}${root}`
    if (rest === '') {
      if (method !== 'GET') throw methodNotAllowed()
      const sets = Object.values(ENTITIES).map((e) => ({ name: e.set, kind: 'EntitySet', url: e.set }))
      return send(res, 200, JSON.stringify({ '@odata.context': `${base}/$metadata`, value: sets }))
    }
    if (rest === '$batch') {
      if (method !== 'POST') throw methodNotAllowed()
      return batch(req, res)
    }
    if (rest === '$metadata') {
      const xml = await cfg.metadataXml()
      if (!xml) throw notFoundRoute(url.href)
      stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1
      res.writeHead(200, { 'content-type': 'application/xml', 'odata-version': '4.0' })
      res.end(xml)
      return
    }
    const segs = splitSegments(rest)
    const store = cfg.store
    const q = parseQuery(url.searchParams)
    if (segs[0].name === 'subscriptions' && segs.length === 1) return subscriptions(req, res, url, q, segs[0].key, `${base}/$metadata#subscriptions`)
    if (segs[0].name !== 'companies') throw notFoundRoute(url.href)
    const companyRow = view.renderSimple(ENTITIES.company, store.company)
    if (segs.length === 1) {
      if (method !== 'GET') throw methodNotAllowed()
      if (segs[0].key === undefined) return list(res, url, q, [companyRow], `${base}/$metadata#companies`)
      if (segs[0].key !== store.company.id) throw new BcError(404, 'Internal_CompanyNotFound', `Cannot find the company with id '${segs[0].key}'`)
      return one(res, companyRow, `${base}/$metadata#companies/$entity`)
    }
    if (segs[0].key !== store.company.id) {
      throw new BcError(404, 'Internal_CompanyNotFound', `Cannot find the company with id '${segs[0].key ?? ''}'`)
    }
    const ctx = `${base}/$metadata#companies(${store.company.id})`
    const [set, sub, third] = segs.slice(1)
    if (!set) throw notFoundRoute(url.href)

    // Sales orders and their lines carry the write paths.
    if (set.name === 'salesOrders' || set.name === 'salesInvoices') {
      const docs = set.name === 'salesOrders' ? store.salesOrders : store.salesInvoices
      const linesNav = set.name === 'salesOrders' ? 'salesOrderLines' : 'salesInvoiceLines'
      if (set.key === undefined) {
        if (sub) throw notFoundRoute(url.href)
        if (method === 'GET') {
          const expand = q.expand.includes(linesNav)
          const needsTotals = /amount|fullyShipped/i.test(`${q.filter ?? ''} ${q.orderby?.field ?? ''}`)
          if (needsTotals) return list(res, url, q, docs.map((d) => view.renderDoc(d, expand)), `${ctx}/${set.name}`)
          const byRow = new Map<Json, DocRec>()
          const light = prefilterDocs(docs, q.filter).map((d) => {
            const row = view.renderDoc(d, false, true)
            byRow.set(row, d)
            return row
          })
          return list(res, url, q, light, `${ctx}/${set.name}`, (row) => view.renderDoc(byRow.get(row)!, expand))
        }
        if (method === 'POST' && set.name === 'salesOrders') {
          const doc = store.createSalesOrder(await readJson(req))
          const row = view.renderDoc(doc, q.expand.includes(linesNav))
          return send(res, 201, JSON.stringify({ '@odata.context': `${ctx}/salesOrders/$entity`, ...row }), {
            etag: doc.etag,
            location: `${base}/companies(${store.company.id})/salesOrders(${doc.id})`,
          })
        }
        throw methodNotAllowed()
      }
      const doc = docs.find((d) => d.id === set.key)
      if (!doc) throw recordNotFound(set.name === 'salesOrders' ? 'Sales Order' : 'Sales Invoice', set.key)
      if (!sub) {
        if (method === 'GET') {
          return one(res, view.renderDoc(doc, q.expand.includes(linesNav)), `${ctx}/${set.name}/$entity`, doc.etag, q)
        }
        if (set.name !== 'salesOrders') throw methodNotAllowed()
        if (method === 'PATCH') {
          checkIfMatch(req, doc.etag)
          store.patchSalesOrder(doc, await readJson(req))
          return one(res, view.renderDoc(doc, false), `${ctx}/salesOrders/$entity`, doc.etag)
        }
        if (method === 'DELETE') {
          checkIfMatch(req, doc.etag)
          store.deleteSalesOrder(doc)
          return send(res, 204, null)
        }
        throw methodNotAllowed()
      }
      if (sub.name === 'Microsoft.NAV.shipAndInvoice' && set.name === 'salesOrders') {
        if (method !== 'POST') throw methodNotAllowed()
        store.shipAndInvoice(doc)
        return send(res, 204, null)
      }
      if (sub.name === linesNav) return docLines(req, res, url, q, doc, sub.key, third?.name, `${ctx}/${set.name}(${doc.id})/${linesNav}`)
      throw notFoundRoute(url.href)
    }

    if (set.name === 'salesOrderLines' || set.name === 'salesInvoiceLines') {
      const docs = set.name === 'salesOrderLines' ? store.salesOrders : store.salesInvoices
      if (set.key !== undefined) {
        const doc = docs.find((d) => d.lines.some((l) => l.id === set.key))
        if (!doc) throw recordNotFound('Sales Line', set.key)
        return docLines(req, res, url, q, doc, set.key, sub?.name, `${ctx}/${set.name}`)
      }
      const docId = documentIdFrom(q.filter)
      if (!docId) throw dialog('You must specify an Id or a Document Id to get the lines')
      const doc = docs.find((d) => d.id.toLowerCase() === docId.toLowerCase())
      if (method === 'POST') {
        const body = (await readJson(req)) as Json
        const target = docs.find((d) => d.id === body.documentId)
        if (set.name !== 'salesOrderLines' || !target) throw dialog('You must specify a document id to insert lines')
        const line = store.addLine(target, body)
        return one(res, view.renderLineOf(target, line), `${ctx}/${set.name}/$entity`, line.etag, undefined, 201)
      }
      if (method !== 'GET') throw methodNotAllowed()
      const rows = doc ? view.computeAndRenderLines(doc) : []
      return list(res, url, q, rows, `${ctx}/${set.name}`)
    }

    if (set.name === 'salesShipments') {
      if (method !== 'GET') throw methodNotAllowed()
      if (set.key === undefined) {
        const expand = q.expand.includes('salesShipmentLines')
        return list(res, url, q, store.salesShipments.map((s) => view.renderShipment(s, expand)), `${ctx}/salesShipments`)
      }
      const s = store.salesShipments.find((x) => x.id === set.key)
      if (!s) throw recordNotFound('Sales Shipment Header', set.key)
      if (!sub) return one(res, view.renderShipment(s, q.expand.includes('salesShipmentLines')), `${ctx}/salesShipments/$entity`, s.etag, q)
      if (sub.name !== 'salesShipmentLines') throw notFoundRoute(url.href)
      return list(res, url, q, s.lines.map((l) => view.renderShipmentLine(s, l)), `${ctx}/salesShipments(${s.id})/salesShipmentLines`)
    }
    if (set.name === 'salesShipmentLines') {
      if (method !== 'GET') throw methodNotAllowed()
      const docId = documentIdFrom(q.filter)
      if (!docId && set.key === undefined) throw dialog('You must specify an Id or a Document Id to get the lines')
      const rows = store.salesShipments.flatMap((s) => s.lines.map((l) => view.renderShipmentLine(s, l)))
      if (set.key !== undefined) {
        const row = rows.find((r) => r.id === set.key)
        if (!row) throw recordNotFound('Sales Shipment Line', set.key)
        return one(res, row, `${ctx}/salesShipmentLines/$entity`)
      }
      return list(res, url, q, rows, `${ctx}/salesShipmentLines`)
    }

    // Master data: read-only in this simulator, except new customers (one per shopper).
    const entity = entityBySet(set.name)
    if (!entity || entity.set === 'companies') throw notFoundRoute(url.href)
    if (set.name === 'customers' && set.key === undefined && !sub && method === 'POST') {
      const customer = store.createCustomer(await readJson(req))
      const row = view.renderCustomer(customer)
      return send(res, 201, JSON.stringify({ '@odata.context': `${ctx}/customers/$entity`, ...row }), { etag: String(row['@odata.etag']) })
    }
    if (method !== 'GET') throw methodNotAllowed()
    const rows = masterRows(set.name, set.key === undefined && set.name === 'items' && q.expand.includes('itemVariants'))
    if (set.key === undefined) {
      if (sub) throw notFoundRoute(url.href)
      return list(res, url, q, rows, `${ctx}/${set.name}`)
    }
    const row = rows.find((r) => r.id === set.key)
    if (!row) throw recordNotFound(entity.type, set.key)
    if (sub?.name === 'itemVariants' && set.name === 'items') {
      const variants = store.itemVariants.filter((v) => v.itemId === set.key).map((v) => view.renderSimple(ENTITIES.itemVariant, v))
      return list(res, url, q, variants, `${ctx}/items(${set.key})/itemVariants`)
    }
    if (sub) throw notFoundRoute(url.href)
    return one(res, row, `${ctx}/${set.name}/$entity`, String(row['@odata.etag']), q)
  }

  async function subscriptions(req: IncomingMessage, res: ServerResponse, url: URL, q: QueryOptions, key: string | undefined, context: string): Promise<void> {
    const hooks = cfg.webhooks
    const method = req.method ?? 'GET'
    const render = (s: Subscription): Json => ({
      '@odata.etag': s.etag,
      subscriptionId: s.subscriptionId,
      notificationUrl: s.notificationUrl,
      resource: s.resource,
      timestamp: 0,
      userId: EMPTY_USER,
      lastModifiedDateTime: s.lastModifiedDateTime,
      clientState: s.clientState,
      expirationDateTime: s.expirationDateTime,
    })
    if (key === undefined) {
      if (method === 'GET') return list(res, url, q, hooks.subscriptions.map(render), context)
      if (method === 'POST') {
        const sub = await hooks.create(await readJson(req))
        return one(res, render(sub), `${context}/$entity`, sub.etag, undefined, 201)
      }
      throw methodNotAllowed()
    }
    const sub = hooks.subscriptions.find((s) => s.subscriptionId === key)
    if (!sub) throw recordNotFound('API Webhook Subscription', key)
    if (method === 'GET') return one(res, render(sub), `${context}/$entity`, sub.etag)
    if (method === 'PATCH') {
      checkIfMatch(req, sub.etag)
      await hooks.renew(sub)
      return one(res, render(sub), `${context}/$entity`, sub.etag)
    }
    if (method === 'DELETE') {
      checkIfMatch(req, sub.etag)
      hooks.remove(sub)
      return send(res, 204, null)
    }
    throw methodNotAllowed()
  }

  function masterRows(set: string, expandVariants: boolean): Json[] {
    const s = cfg.store
    switch (set) {
      case 'items':
        return s.items.map((i) =>
          expandVariants
            ? {
                ...view.renderItem(i),
                itemVariants: s.itemVariants.filter((v) => v.itemId === i.id).map((v) => view.renderSimple(ENTITIES.itemVariant, v)),
              }
            : view.renderItem(i),
        )
      case 'customers':
        return s.customers.map((c) => view.renderCustomer(c))
      case 'currencies':
        return s.currencies.map((c) => view.renderCurrency(c))
      case 'companyInformation':
        return [view.renderSimple(ENTITIES.companyInformation, { ...s.company, currencyCode: s.lcy })]
      case 'locations':
        return s.locations.map((l) => view.renderSimple(ENTITIES.location, l))
      case 'taxGroups':
        return s.taxGroups.map((t) => view.renderSimple(ENTITIES.taxGroup, t))
      case 'itemVariants':
        return s.itemVariants.map((v) => view.renderSimple(ENTITIES.itemVariant, v))
      default:
        return []
    }
  }

  async function docLines(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    q: QueryOptions,
    doc: DocRec,
    lineId: string | undefined,
    extra: string | undefined,
    context: string,
  ): Promise<void> {
    const store = cfg.store
    const method = req.method ?? 'GET'
    if (extra) throw notFoundRoute(url.href)
    if (lineId === undefined) {
      if (method === 'GET') return list(res, url, q, view.computeAndRenderLines(doc), context)
      if (method === 'POST' && doc.kind === 'salesOrder') {
        const line = store.addLine(doc, await readJson(req))
        return one(res, view.renderLineOf(doc, line), `${context}/$entity`, line.etag, undefined, 201)
      }
      throw methodNotAllowed()
    }
    const line = doc.lines.find((l) => l.id === lineId)
    if (!line) throw recordNotFound('Sales Line', lineId)
    if (method === 'GET') return one(res, view.renderLineOf(doc, line), `${context}/$entity`, line.etag, q)
    if (doc.kind !== 'salesOrder') throw methodNotAllowed()
    if (method === 'PATCH') {
      checkIfMatch(req, line.etag)
      store.patchLine(doc, line, await readJson(req))
      return one(res, view.renderLineOf(doc, line), `${context}/$entity`, line.etag)
    }
    if (method === 'DELETE') {
      checkIfMatch(req, line.etag)
      removeLine(doc, line)
      return send(res, 204, null)
    }
    throw methodNotAllowed()
  }

  function removeLine(doc: DocRec, line: LineRec): void {
    doc.lines.splice(doc.lines.indexOf(line), 1)
    cfg.store.lineChanged(doc)
  }

  function list(res: ServerResponse, url: URL, q: QueryOptions, rows: Json[], context: string, finish?: (row: Json) => Json): void {
    const m = /odata\.maxpagesize=(\d+)/.exec(prefers.get(res) ?? '')
    const size = m ? Math.max(1, Math.min(Number(m[1]), cfg.pageSize)) : cfg.pageSize
    const { page, nextSkiptoken } = applyQuery(rows, q, size)
    const body: Json = { '@odata.context': context, value: page.map((r) => selectFields(finish ? finish(r) : r, q.select, ['id'])) }
    if (nextSkiptoken) {
      // BC writes OData system options unescaped: `…/items?$filter=…&$skiptoken='<key>'`.
      const params = [...url.searchParams.entries()].filter(([k]) => k !== '$skip' && k !== '$skiptoken')
      params.push(['$skiptoken', `'${nextSkiptoken}'`])
      const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%27/g, "'")}`).join('&')
      body['@odata.nextLink'] = `${url.origin}${url.pathname}?${query}`
    }
    send(res, 200, JSON.stringify(body), m ? { 'preference-applied': `odata.maxpagesize=${size}` } : {})
  }

  function one(res: ServerResponse, row: Json, context: string, etag?: string, q?: QueryOptions, status = 200): void {
    const body = { '@odata.context': context, ...(q ? selectFields(row, q.select, ['id']) : row) }
    send(res, status, JSON.stringify(body), etag ? { etag } : {})
  }

  const prefers = new WeakMap<ServerResponse, string>()
  const inner = async (req: IncomingMessage, res: ServerResponse) => {
    prefers.set(res, String(req.headers.prefer ?? ''))
    await api(req, res)
  }
  const faulted = withFaults(cfg.faults, inner, faultBody)

  return {
    stats,
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      readBody(req).catch(() => undefined)
      const path = (req.url ?? '/').split('?')[0]
      try {
        if (path.startsWith('/__admin/')) return await admin(req, res, path)
        const tokenMatch = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path)
        if (tokenMatch && req.method === 'POST') return await token(req, res, decodeURIComponent(tokenMatch[1]))
        if (path.startsWith('/v2.0/')) return await faulted(req, res)
        send(res, 404, errorBody('BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${req.url}'`))
      } catch (e) {
        if (!res.headersSent) sendError(res, e instanceof BcError ? e : new BcError(500, 'Internal_ServerError', String(e)))
      }
    },
  }
}

interface BatchRequest {
  id?: string
  method?: string
  url: string
  headers?: Record<string, string>
  body?: unknown
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
}

interface Segment {
  name: string
  key?: string
}

function splitSegments(rest: string): Segment[] {
  return rest.split('/').map((s) => {
    const m = /^([^()]+)(?:\(([^)]*)\))?$/.exec(s)
    if (!m) throw badRequest('BadRequest_InvalidRequestUrl', `The request URI is not valid near '${s}'`)
    const key = m[2]?.replace(/^'|'$/g, '')
    return { name: m[1], key: key === undefined ? undefined : key.toLowerCase() }
  })
}

/**
 * Narrows documents by the `field eq value` terms a filter requires (external document number,
 * number, order number) before anything is rendered; the full filter still runs afterwards.
 */
function prefilterDocs(docs: DocRec[], filter: string | undefined): DocRec[] {
  if (!filter) return docs
  const eq = equalityConstraints(filter)
  const raw: Record<string, (d: DocRec) => string> = {
    externalDocumentNumber: (d) => String(d.header.externalDocumentNumber ?? ''),
    number: (d) => d.number,
    orderNumber: (d) => d.orderNumber,
  }
  let out = docs
  for (const [field, value] of eq) if (raw[field]) out = out.filter((d) => raw[field](d) === String(value))
  return out
}

function documentIdFrom(filter: string | undefined): string | null {
  if (!filter) return null
  const m = /documentId\s+eq\s+'?([0-9a-fA-F-]{36})'?/.exec(filter)
  return m ? m[1] : null
}

function checkIfMatch(req: IncomingMessage, etag: string): void {
  const header = req.headers['if-match']
  if (!header) {
    throw badRequest(
      'BadRequest_InvalidToken',
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request',
    )
  }
  if (header !== '*' && header !== etag) throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record')
}

function methodNotAllowed(): BcError {
  return new BcError(405, 'BadRequest_MethodNotAllowed', "'The requested operation is not allowed on this resource")
}

function recordNotFound(table: string, id: string): BcError {
  return new BcError(404, 'Internal_RecordNotFound', `The ${table} does not exist. Identification fields and values: Id='${id}'`)
}

/**
 * Bodies are read as soon as a request arrives, so a request whose client has already given up
 * (timed out, hung up) is still processed once fully received — as BC finishes the work of a
 * request the caller no longer waits for.
 */
const bodies = new WeakMap<IncomingMessage, Promise<string>>()

function readBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req)
  if (!body) {
    body = collectBody(req)
    bodies.set(req, body)
  }
  return body
}

function collectBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req)
  try {
    return text ? JSON.parse(text) : {}
  } catch {
    throw badRequest('BadRequest', 'Invalid JSON in the request body')
  }
}
