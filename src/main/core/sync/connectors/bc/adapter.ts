/**
 * Business Central as Instep's ERP: sales orders in, items and documents out, in BC's own
 * terms. Idempotency lives with the caller: BC accepts duplicate external document numbers,
 * so a create is never repeated blindly (see createSalesOrderOnce).
 */
import type { ErpCustomerDraft, ErpDocumentReadBack, ErpItem, ErpItemVariant, ErpLocation, ErpOrderRef, ErpSalesOrderDraft } from '../../../../../shared/models/erp'
import { ConnectorError } from '../../connector-error'
import type { ErpOrderSink } from '../../ports'
import { BcClient, type BcClientOptions } from './client'
import { BcConnectorError, explainOrderRejection } from './errors'
import { createItemIdResolver, type BcIdCache, type LineIdRequest } from './item-ids'
import { ITEM_SELECT, toErpItem, type BcItem } from './mappers/item'
import {
  odataString,
  type BcLineIds,
  type BcSalesOrderBody,
  toBcSalesOrder,
  toErpOrderRef,
  toLineReadBack,
  type BcSalesDocument,
} from './mappers/sales-order'

export interface BcAdapterOptions extends Omit<BcClientOptions, 'log'> {
  log?: BcClientOptions['log']
  /** Prefer: odata.maxpagesize for collection reads (BC online allows up to 20,000) */
  pageSize?: number
  /** the company's local currency, used when BC leaves a document's currency blank */
  localCurrency?: string
  /** keeps item and variant ids between runs (the workspace store); without it they live for this adapter only */
  idCache?: BcIdCache
}

export type BcOrderWithLines = ErpDocumentReadBack

export interface BcShipment {
  id: string
  number: string
  orderNumber: string
  externalDocumentNumber: string
  postingDate: string
  lastModifiedDateTime: string
  lines: { sequence: number; itemNumber: string; description: string; quantity: number }[]
}

/** Where the custom availability page lives: api/{publisher}/{group}/{version}/companies(…)/{entitySet} */
export interface AvailabilityEndpoint {
  /** publisher/group/version, e.g. "contoso/inventory/v1.0" */
  apiPath: string
  entitySet: string
}

export interface ErpAvailability {
  itemNumber: string
  variantCode: string | null
  locationCode: string
  availableQuantity: number
  physicalQuantity: number | null
  asOf: string | null
}

export interface BcCustomer {
  id: string
  number: string
  displayName: string
  currencyCode: string
  country: string
}

export type OpenOrderChange = { done: ErpOrderRef | null } | { refused: string }

export interface BcAdapter extends ErpOrderSink {
  /**
   * Changes an order that is still open in BC: replaced by the new draft (or deleted, with a
   * null draft) unless BC has shipped any of it or someone changed it there meanwhile (ETag).
   */
  changeOpenOrder(ref: ErpOrderRef, draft: ErpSalesOrderDraft | null, signal?: AbortSignal): Promise<OpenOrderChange>
  /** Many keys with few requests (25 per filter): open orders first, then posted invoices. */
  findManyByExternalDocumentNumber(keys: string[], signal?: AbortSignal): Promise<Map<string, ErpOrderRef>>
  /** Many documents with their calculated lines, 25 per request; keyed by document id. */
  readDocuments(refs: ErpOrderRef[], signal?: AbortSignal): Promise<Map<string, BcOrderWithLines>>
  /** Look up → create → (if the create was ambiguous) look up again. Never creates twice. */
  createSalesOrderOnce(draft: ErpSalesOrderDraft, signal?: AbortSignal): Promise<ErpOrderRef & { created: boolean }>
  getSalesOrder(id: string, signal?: AbortSignal): Promise<BcOrderWithLines | null>
  /** A posted (or draft) invoice with its lines; posted from an order it keeps the order's external number. */
  getSalesInvoice(id: string, signal?: AbortSignal): Promise<BcOrderWithLines | null>
  /** ErpOrderSink.readDocument: the open order or the posted invoice the reference points at. */
  readDocument(ref: ErpOrderRef, signal?: AbortSignal): Promise<ErpDocumentReadBack | null>
  /** Shipments modified at or after `since` (ISO), oldest first; returns the next cursor. */
  listShipmentsSince(since: string | null, signal?: AbortSignal): Promise<{ shipments: BcShipment[]; cursor: string | null }>
  /** Total on-hand per item number, across all locations and variants (BC's Item.Inventory). */
  listItemInventory(signal?: AbortSignal): Promise<{ number: string; inventory: number }[]>
  listCustomers(signal?: AbortSignal): Promise<BcCustomer[]>
  /** Every item variant (item, code, GUID), followed over all pages. */
  listItemVariants(signal?: AbortSignal): Promise<ErpItemVariant[]>
  listLocations(signal?: AbortSignal): Promise<ErpLocation[]>
  ensureCustomer(customer: ErpCustomerDraft, signal?: AbortSignal): Promise<void>
  /**
   * Availability per item, variant and location from a custom API page the tenant publishes
   * (the standard API has only one inventory total per item). See
   * docs/runbooks/inventory-erp-availability.md for the fields the page must expose.
   */
  listAvailability(endpoint: AvailabilityEndpoint, signal?: AbortSignal): Promise<ErpAvailability[]>
  readonly client: BcClient
  close(): Promise<void>
}

export function createBcAdapter(options: BcAdapterOptions): BcAdapter {
  const client = new BcClient(options)
  const pageSize = options.pageSize ?? 5000
  const lcy = options.localCurrency ?? ''
  const ids = createItemIdResolver({
    pull: async (signal) => ({ items: await adapter.listItems(signal), variants: await adapter.listItemVariants(signal) }),
    cache: options.idCache,
  })

  /**
   * The request body of a draft, with the GUIDs of its variant lines. A variant BC does not have
   * fails here, before anything is sent, with a message naming the SKU (not BC's 400 later).
   */
  async function bodyFor(draft: ErpSalesOrderDraft, signal?: AbortSignal): Promise<BcSalesOrderBody> {
    const wanted: (LineIdRequest & { index: number })[] = []
    draft.lines.forEach((l, index) => {
      if (l.kind === 'item' && l.variantCode) wanted.push({ index, itemNumber: l.number, variantCode: l.variantCode, sku: l.sku ?? null })
    })
    const resolved = await ids.resolve(wanted, signal)
    return toBcSalesOrder(draft, new Map<number, BcLineIds>(wanted.map((w, i) => [w.index, resolved[i]])))
  }

  async function postOrder(draft: ErpSalesOrderDraft, body: BcSalesOrderBody, signal?: AbortSignal): Promise<ErpOrderRef> {
    try {
      const res = await client.request<BcSalesDocument>({ method: 'POST', path: 'salesOrders', data: body, signal })
      return toErpOrderRef(res.data, 'salesOrder', draft.currencyCode)
    } catch (e) {
      throw explainOrderRejection(e, draft)
    }
  }

  async function findIn(set: 'salesOrders' | 'salesInvoices', externalDocumentNumber: string, signal?: AbortSignal): Promise<BcSalesDocument[]> {
    // External Document No. is an AL Code field: BC stores it in upper case. Ask for both
    // spellings (OR on one field is allowed) so a lower-case key is found either way.
    const upper = externalDocumentNumber.toUpperCase()
    const filter =
      upper === externalDocumentNumber
        ? `externalDocumentNumber eq ${odataString(upper)}`
        : `externalDocumentNumber eq ${odataString(externalDocumentNumber)} or externalDocumentNumber eq ${odataString(upper)}`
    return client.getAll<BcSalesDocument>(set, {
      params: { $filter: filter },
      pageSize,
      signal,
    })
  }

  /** A document read with its lines expanded, as the engine compares it. */
  function withLines(doc: BcSalesDocument, kind: 'salesOrder' | 'salesInvoice'): BcOrderWithLines {
    const currency = doc.currencyCode || lcy
    const lines = (kind === 'salesOrder' ? doc.salesOrderLines : doc.salesInvoiceLines) ?? []
    return { ...toErpOrderRef(doc, kind, lcy), lines: lines.map((l) => toLineReadBack(l, currency)) }
  }

  async function readWithLines(kind: 'salesOrder' | 'salesInvoice', id: string, signal?: AbortSignal): Promise<BcOrderWithLines | null> {
    const set = kind === 'salesOrder' ? 'salesOrders' : 'salesInvoices'
    const nav = kind === 'salesOrder' ? 'salesOrderLines' : 'salesInvoiceLines'
    try {
      const res = await client.request<BcSalesDocument>({ path: `${set}(${id})`, params: { $expand: nav }, signal })
      return withLines(res.data, kind)
    } catch (e) {
      if (e instanceof ConnectorError && e.kind === 'not_found') return null
      throw e
    }
  }

  /** OR on one field is allowed in BC filters; 25 keys keep the URL well under common limits. */
  const FILTER_CHUNK = 25
  const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / FILTER_CHUNK) }, (_, i) => items.slice(i * FILTER_CHUNK, (i + 1) * FILTER_CHUNK))

  async function findManyIn(set: 'salesOrders' | 'salesInvoices', keys: string[], signal?: AbortSignal): Promise<BcSalesDocument[]> {
    const out: BcSalesDocument[] = []
    for (const chunk of chunks(keys)) {
      const spellings = [...new Set(chunk.flatMap((k) => [k, k.toUpperCase()]))]
      const filter = spellings.map((k) => `externalDocumentNumber eq ${odataString(k)}`).join(' or ')
      out.push(...(await client.getAll<BcSalesDocument>(set, { params: { $filter: filter }, pageSize, signal })))
    }
    return out
  }

  const adapter: BcAdapter = {
    client,

    async findManyByExternalDocumentNumber(keys, signal) {
      const found = new Map<string, ErpOrderRef>()
      const byUpper = new Map(keys.map((k) => [k.toUpperCase(), k]))
      // Once shipped and invoiced, BC deletes the order; the posted invoice carries the number on.
      for (const [set, kind] of [['salesOrders', 'salesOrder'], ['salesInvoices', 'salesInvoice']] as const) {
        const rest = keys.filter((k) => !found.has(k))
        if (rest.length === 0) break
        for (const doc of await findManyIn(set, rest, signal)) {
          const key = byUpper.get(doc.externalDocumentNumber.toUpperCase())
          if (key && !found.has(key)) found.set(key, toErpOrderRef(doc, kind, lcy))
        }
      }
      return found
    },

    async readDocuments(refs, signal) {
      const out = new Map<string, BcOrderWithLines>()
      const orders = refs.filter((r) => r.documentType === 'salesOrder')
      for (const chunk of chunks(orders)) {
        const filter = chunk.map((r) => `id eq ${r.id}`).join(' or ')
        const docs = await client.getAll<BcSalesDocument>('salesOrders', { params: { $filter: filter, $expand: 'salesOrderLines' }, pageSize, signal })
        for (const doc of docs) out.set(doc.id, withLines(doc, 'salesOrder'))
      }
      // Invoices, and orders BC has meanwhile posted, one by one (rare on the posting path).
      for (const ref of refs) {
        if (out.has(ref.id)) continue
        const doc = await adapter.readDocument(ref, signal)
        if (doc) out.set(ref.id, doc)
      }
      return out
    },

    async findByExternalDocumentNumber(externalDocumentNumber, signal) {
      const orders = await findIn('salesOrders', externalDocumentNumber, signal)
      if (orders.length > 0) return toErpOrderRef(orders[0], 'salesOrder', lcy)
      // Once shipped and invoiced, BC deletes the order; the posted invoice carries the number on.
      const invoices = await findIn('salesInvoices', externalDocumentNumber, signal)
      if (invoices.length > 0) return toErpOrderRef(invoices[0], 'salesInvoice', lcy)
      return null
    },

    async createSalesOrder(draft, signal) {
      const body = await bodyFor(draft, signal)
      try {
        return await postOrder(draft, body, signal)
      } catch (e) {
        // A kept variant id BC no longer knows: read the ids again (once a run) and resend. BC's
        // deep insert is atomic, so the refused request created nothing.
        if (body.salesOrderLines.some((l) => l.itemVariantId) && isUnknownVariantId(e) && (await ids.refresh(signal))) {
          return postOrder(draft, await bodyFor(draft, signal), signal)
        }
        throw e
      }
    },

    async createSalesOrderOnce(draft, signal) {
      const existing = await adapter.findByExternalDocumentNumber(draft.externalDocumentNumber, signal)
      if (existing) return { ...existing, created: false }
      try {
        return { ...(await adapter.createSalesOrder(draft, signal)), created: true }
      } catch (e) {
        if (!(e instanceof ConnectorError && e.ambiguous)) throw e
        // The POST may have been applied. BC finishes the insert before answering, so a look-up
        // now sees it if it happened; if not, the caller may safely create again later.
        const after = await adapter.findByExternalDocumentNumber(draft.externalDocumentNumber, signal)
        if (after) return { ...after, created: true }
        throw e
      }
    },

    async listItems(signal): Promise<ErpItem[]> {
      const items = await client.getAll<BcItem>('items', { params: { $select: ITEM_SELECT }, pageSize, signal })
      return items.map(toErpItem)
    },

    getSalesOrder: (id, signal) => readWithLines('salesOrder', id, signal),
    getSalesInvoice: (id, signal) => readWithLines('salesInvoice', id, signal),
    // An order that BC has meanwhile shipped and invoiced is gone; its invoice carries the figures.
    async readDocument(ref, signal) {
      if (ref.documentType === 'salesInvoice') return readWithLines('salesInvoice', ref.id, signal)
      const order = await readWithLines('salesOrder', ref.id, signal)
      if (order) return order
      const invoices = await findIn('salesInvoices', ref.externalDocumentNumber, signal)
      const posted = invoices.find((i) => i.orderId === ref.id) ?? null
      return posted ? readWithLines('salesInvoice', posted.id, signal) : null
    },

    async listShipmentsSince(since, signal) {
      type Raw = {
        id: string
        number: string
        orderNumber: string
        externalDocumentNumber: string
        postingDate: string
        lastModifiedDateTime: string
        salesShipmentLines?: { sequence: number; lineType: string; lineObjectNumber: string; description: string; quantity: number }[]
      }
      const params: Record<string, string> = { $expand: 'salesShipmentLines', $orderby: 'lastModifiedDateTime' }
      // Datetimes are bare literals in BC filters; `ge` plus an upsert makes the boundary harmless.
      if (since) params.$filter = `lastModifiedDateTime ge ${since}`
      const rows = await client.getAll<Raw>('salesShipments', { params, pageSize, signal })
      const shipments = rows.map((s) => ({
        id: s.id,
        number: s.number,
        orderNumber: s.orderNumber,
        externalDocumentNumber: s.externalDocumentNumber,
        postingDate: s.postingDate,
        lastModifiedDateTime: s.lastModifiedDateTime,
        lines: (s.salesShipmentLines ?? [])
          .filter((l) => l.lineType === 'Item')
          .map((l) => ({ sequence: l.sequence, itemNumber: l.lineObjectNumber, description: l.description, quantity: l.quantity })),
      }))
      const cursor = shipments.length ? shipments[shipments.length - 1].lastModifiedDateTime : since
      return { shipments, cursor }
    },

    async listItemInventory(signal) {
      const items = await client.getAll<BcItem>('items', { params: { $select: 'number,inventory' }, pageSize, signal })
      return items.map((i) => ({ number: i.number, inventory: i.inventory ?? 0 }))
    },

    async changeOpenOrder(ref, draft, signal) {
      if (ref.documentType !== 'salesOrder') return { refused: `Business Central has already shipped and invoiced it (${ref.number}).` }
      type Doc = Omit<BcSalesDocument, 'salesOrderLines'> & { '@odata.etag'?: string; salesOrderLines?: { shippedQuantity?: number }[] }
      let doc: Doc
      try {
        doc = (await client.request<Doc>({ path: `salesOrders(${ref.id})`, params: { $expand: 'salesOrderLines' }, signal })).data
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'not_found') return { refused: `The order ${ref.number} is no longer open in Business Central.` }
        throw e
      }
      if ((doc.salesOrderLines ?? []).some((l) => Number(l.shippedQuantity ?? 0) > 0)) {
        return { refused: `Business Central has already shipped part of ${ref.number}.` }
      }
      // The replacement is checked before the old order is deleted: a variant BC lacks must not leave neither.
      const body = draft ? await bodyFor(draft, signal) : null
      try {
        await client.request({ method: 'DELETE', path: `salesOrders(${ref.id})`, headers: { 'if-match': doc['@odata.etag'] ?? '*' }, signal })
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'conflict') return { refused: `Someone changed ${ref.number} in Business Central meanwhile.` }
        throw e
      }
      return { done: draft && body ? await postOrder(draft, body, signal) : null }
    },

    async listAvailability(endpoint, signal) {
      type Raw = { itemNumber: string; variantCode?: string; locationCode: string; availableQuantity: number; physicalQuantity?: number; lastModifiedDateTime?: string }
      if (!/^[\w.-]+\/[\w.-]+\/v\d+\.\d+$/.test(endpoint.apiPath) || !/^\w+$/.test(endpoint.entitySet)) {
        throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `The availability endpoint "${endpoint.apiPath}/${endpoint.entitySet}" is not a valid API path (expected publisher/group/v1.0 and an entity set name).` })
      }
      const companyId = await client.resolveCompanyId(signal)
      const root = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2\.0$/, `/api/${endpoint.apiPath}`)
      const rows = await client.getAll<Raw>(`${root}/companies(${companyId})/${endpoint.entitySet}`, { pageSize, signal })
      return rows.map((r) => ({
        itemNumber: r.itemNumber,
        variantCode: r.variantCode ? r.variantCode : null,
        locationCode: r.locationCode,
        availableQuantity: Number(r.availableQuantity),
        physicalQuantity: r.physicalQuantity === undefined ? null : Number(r.physicalQuantity),
        asOf: r.lastModifiedDateTime ?? null,
      }))
    },

    async ensureCustomer(customer, signal) {
      const exists = async () =>
        (await client.getAll<{ number: string }>('customers', { params: { $filter: `number eq ${odataString(customer.number)}`, $select: 'number' }, signal })).length > 0
      if (await exists()) return
      try {
        await client.request({
          method: 'POST',
          path: 'customers',
          data: {
            number: customer.number,
            displayName: customer.displayName.slice(0, 100),
            email: customer.email ?? '',
            country: customer.country,
            currencyCode: customer.currencyCode,
          },
          signal,
        })
      } catch (e) {
        // Created meanwhile (another run, or a create whose answer was lost): that is the goal.
        if (e instanceof ConnectorError && (e.kind === 'conflict' || e.ambiguous || /already exists/i.test(e.message)) && (await exists())) return
        throw e
      }
    },

    async listItemVariants(signal) {
      type Raw = { id: string; itemId: string; itemNumber: string; code: string; description?: string }
      const rows = await client.getAll<Raw>('itemVariants', { params: { $select: 'id,itemId,itemNumber,code,description' }, pageSize, signal })
      return rows.map((v) => ({ id: v.id, itemId: v.itemId, itemNumber: v.itemNumber, code: v.code, description: v.description ?? '' }))
    },

    async listLocations(signal) {
      const rows = await client.getAll<ErpLocation>('locations', { params: { $select: 'id,code,displayName' }, pageSize, signal })
      return rows.map((l) => ({ id: l.id, code: l.code, displayName: l.displayName }))
    },

    async listCustomers(signal) {
      const rows = await client.getAll<BcCustomer>('customers', {
        params: { $select: 'id,number,displayName,currencyCode,country' },
        pageSize,
        signal,
      })
      return rows.map((c) => ({ id: c.id, number: c.number, displayName: c.displayName, currencyCode: c.currencyCode, country: c.country }))
    },

    close: () => client.close(),
  }
  return adapter
}

/** BC's answer to an itemVariantId that is not a variant of the line's item (table relation on "Variant Id"). */
function isUnknownVariantId(e: unknown): boolean {
  return e instanceof BcConnectorError && e.kind === 'invalid' && /Variant Id|Item Variant/i.test(e.bc?.message ?? '')
}
