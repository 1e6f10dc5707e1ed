/**
 * Centra as the engine's StoreOrderSource: pages of orders by orderDate, oldest first, mapped
 * to StoreOrder, with the raw JSON kept beside each one.
 */
import type { OrderPage, StoreOrderSource } from '../../ports'
import { ConnectorError } from '../../connector-error'
import { createCentraClient, type CentraClient, type CentraClientOptions, type CentraLimits, type CentraRetryPolicy } from './client'
import * as doc from './documents'
import { CentraMappingError, mapCentraOrder } from './mappers/order'
import {
  mapCentraEvent,
  mapCentraProductSize,
  mapCentraShipment,
  type CentraEventRecord,
  type CentraProductSize,
  type CentraShipment,
} from './mappers/fulfilment'
import type { StoreOrder } from '../../../../../shared/models/store-order'

export interface CentraAdapterOptions {
  /** the GraphQL URL (…/graphql) */
  baseUrl: string
  token: string
  limits?: Partial<CentraLimits>
  timeoutMs?: number
  retry?: Partial<CentraRetryPolicy>
  log?: CentraClientOptions['log']
  /** for tests: replace the client's waiting */
  sleep?: CentraClientOptions['sleep']
}

export interface CentraRateLimit {
  type: string
  intervalSeconds: string
  quota: number
  usedQuota: number
  remainingQuota: number
}

export type CentraChangeType = 'CREATED' | 'UPDATED' | 'DELETED' | 'COMPLETED' | 'DEPENDENT_DATA_CHANGED'

export interface CentraEvent extends CentraEventRecord {
  /** for Order events with an object: the order, mapped */
  order: { order: StoreOrder; raw: unknown } | null
}

export interface CentraWarning {
  message: string
  path: string[] | null
}

export interface ShipmentInfo {
  carrier?: string
  service?: string
  packagesNumber?: number
  trackingNumber?: string
  returnTrackingNumber?: string
}

export interface CreateShipmentArgs {
  orderNumber: number
  lines: { lineId: number; quantity: number }[]
  isGoodToGo?: boolean
  isPaid?: boolean
  /** capture the payment for this shipment (illegal before shipping in some countries) */
  capture?: boolean
  sendEmail?: boolean
  /** completes the shipment at once; ISO date-time or Centra's relative text such as "now" */
  shippedAt?: string
  additionalMessage?: string
  shipmentInfo?: ShipmentInfo
}

export interface StockLevel {
  variantId: number
  /** the size as the variant's size chart names it ("M"), or its Centra size id */
  size: { name: string } | { id: number }
  quantity: number
}

export interface CentraBundle {
  id: number
  productNumber: string | null
  name: string
  type: string
  priceType: string
  sections: { quantity: number; variants: { id: number; sku: string }[] }[]
}

export interface CentraAdapter extends StoreOrderSource {
  /** One order by its number, or null when Centra has none. */
  fetchOrderByNumber(number: number, signal?: AbortSignal): Promise<{ order: StoreOrder; raw: unknown } | null>
  /** Proves the URL and token work; returns Centra's base currency. */
  ping(signal?: AbortSignal): Promise<{ baseCurrency: string | null }>
  rateLimits(signal?: AbortSignal): Promise<CentraRateLimit[]>

  /** Subscribes this integration to events (additive, idempotent). */
  setEventListeners(listeners: { objectType: string; changeTypes?: CentraChangeType[] }[], signal?: AbortSignal): Promise<void>
  /** Oldest unconfirmed events; the same ones come back until confirmed. */
  fetchEvents(args: { objectTypes?: string[]; changeTypes?: CentraChangeType[]; limit?: number; signal?: AbortSignal }): Promise<CentraEvent[]>
  /** Confirm after the local commit only: an unconfirmed event is delivered again. */
  confirmEvents(ids: number[], signal?: AbortSignal): Promise<CentraWarning[]>

  confirmOrder(orderNumber: number, signal?: AbortSignal): Promise<{ status: string }>
  cancelOrderLines(orderNumber: number, lines: { lineId: number; quantity: number }[], comment?: string, signal?: AbortSignal): Promise<StoreOrder>
  setOrdersLock(orderNumbers: number[], isLocked: boolean, signal?: AbortSignal): Promise<void>

  createShipment(args: CreateShipmentArgs, signal?: AbortSignal): Promise<CentraShipment>
  completeShipment(id: number, args: { shippedAt?: string; sendEmail?: boolean; shipmentInfo?: ShipmentInfo }, signal?: AbortSignal): Promise<CentraShipment>
  markShipmentPaid(id: number, signal?: AbortSignal): Promise<CentraShipment>
  captureShipment(id: number, signal?: AbortSignal): Promise<CentraShipment>
  /** Shipments already on some orders: look here before re-creating after an ambiguous failure. */
  shipmentsForOrders(orderNumbers: number[], signal?: AbortSignal): Promise<CentraShipment[]>

  /** Absolute levels in one warehouse, many variants per call; returns Centra's warnings. */
  setStock(args: { warehouseId: number; description: string; quantityType?: 'PHYSICAL' | 'FREE_TO_ALLOCATE'; levels: StockLevel[] }, signal?: AbortSignal): Promise<{ stockChangeIds: number[]; warnings: CentraWarning[] }>
  /**
   * setStock that hands back the rows Centra refused (by index into `levels`) instead of failing:
   * Centra refuses the whole call for one bad row, so the caller can re-send the others.
   */
  setStockLevels(
    args: { warehouseId: number; description: string; quantityType: 'PHYSICAL' | 'FREE_TO_ALLOCATE'; levels: StockLevel[] },
    signal?: AbortSignal,
  ): Promise<{ stockChangeIds: number[]; warnings: CentraWarning[]; refused: { indexes: number[]; message: string }[] }>
  /** One page of sizes with Centra's stock total (over all warehouses) of one quantity type. */
  listSizeStock(args: { page: number; limit: number; quantity: 'PHYSICAL' | 'FREE_TO_ALLOCATE'; signal?: AbortSignal }): Promise<{
    /** sizeId: the size-chart entry (Size.id) that setStock takes */
    sizes: { sizeId: number; sku: string; variantId: number | null; total: number | null }[]
    hasMore: boolean
  }>
  /** A movement: into only adds, outFrom only removes, both transfers (limited by free stock). */
  changeStock(args: { intoWarehouseId?: number; outFromWarehouseId?: number; description: string; changes: { variantId: number; size: { name: string } | { id: number }; quantity: number }[] }, signal?: AbortSignal): Promise<{ stockChangeId: number | null }>
  listWarehouses(signal?: AbortSignal): Promise<{ id: number; name: string }[]>
  /** Markets with the countries assigned to them (the ERP customer per market is chosen by country). */
  listMarkets(signal?: AbortSignal): Promise<{ id: number; name: string; countries: string[] }[]>
  /** Bundles with their sections: which variants, how many of each. */
  listBundles(args: { page: number; limit: number; signal?: AbortSignal }): Promise<{ bundles: CentraBundle[]; hasMore: boolean }>
  /** One page of product sizes (SKU, EAN, variant and product numbers). */
  listProductSizes(args: { page: number; limit: number; withStock?: boolean; signal?: AbortSignal }): Promise<{ sizes: CentraProductSize[]; hasMore: boolean }>

  /** Writes external ids for Centra objects (batch, idempotent; a colliding entry is overwritten). */
  setIdConversions(entries: CentraIdConversion[], signal?: AbortSignal): Promise<CentraIdConversion[]>
  idConversions(args: { objectType?: string; externalId?: string; signal?: AbortSignal }): Promise<CentraIdConversion[]>

  readonly client: CentraClient
}

export interface CentraIdConversion {
  objectType: string
  internalId: number
  externalId: string
}

/**
 * Centra's DateTimeTz as Centra itself prints it ("Y-m-d\TH:i:sP"): seconds precision and an
 * explicit offset, which every Centra version parses.
 */
export function toCentraDateTime(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) throw new RangeError(`"${iso}" is not a date`)
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

type Payload = { userErrors?: { message?: string; path?: (string | number)[] | null }[]; userWarnings?: { message?: string; path?: string[] | null }[] } | null

const warningsOf = (p: Payload): CentraWarning[] => (p?.userWarnings ?? []).map((w) => ({ message: w.message ?? '', path: w.path ?? null }))

function groupByVariant<T extends { variantId: number }>(items: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const item of items) out.set(item.variantId, [...(out.get(item.variantId) ?? []), item])
  return out
}

const MAX_PAGE = 200

/** A requested page size, kept within Centra's limits. */
export const pageSize = (limit: number): number => Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE)

function mapOrThrow(raw: unknown): StoreOrder {
  try {
    return mapCentraOrder(raw)
  } catch (e) {
    if (e instanceof CentraMappingError) {
      throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `${e.message}. Instep cannot read this order.`, cause: e })
    }
    throw e
  }
}

function shipmentOrThrow(raw: unknown): CentraShipment {
  try {
    return mapCentraShipment(raw)
  } catch (e) {
    throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `${(e as Error).message}.`, cause: e })
  }
}

export function createCentraAdapter(options: CentraAdapterOptions): CentraAdapter {
  const client = createCentraClient({
    url: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs,
    limits: options.limits,
    retry: options.retry,
    log: options.log,
    sleep: options.sleep,
  })
  /**
   * One setStock call, a product variant per group in the order given: setStockLevels reads
   * Centra's refusals back by that order (input.productVariants.<k>).
   */
  async function sendSetStock(
    warehouseId: number,
    description: string,
    quantityType: 'PHYSICAL' | 'FREE_TO_ALLOCATE',
    groups: [number, StockLevel[]][],
    signal: AbortSignal | undefined,
  ) {
    const productVariants = groups.map(([variantId, items]) => ({
      productVariant: { id: variantId },
      sizeStockLevels: items.map((l) => ({ size: l.size, quantity: l.quantity })),
    }))
    const data = await client.mutate<{ setStock: Payload & { stockChanges?: { id: number }[] | null } }>(
      doc.SET_STOCK,
      { input: { warehouse: { id: warehouseId }, description, stockQuantityType: quantityType, productVariants } },
      { signal },
    )
    return data.setStock
  }
  return {
    client,
    async fetchOrdersPage({ since, page, limit, signal }): Promise<OrderPage> {
      if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be 1 or more, got ${page}`)
      const size = pageSize(limit)
      // Seconds precision: flooring keeps the bound inclusive for an order placed in that second.
      const where = since ? { orderDate: { from: toCentraDateTime(since) } } : {}
      const data = await client.query<{ orders: unknown[] }>(doc.ORDERS_PAGE, { where, limit: size, page }, { signal })
      const raw = Array.isArray(data.orders) ? data.orders : []
      // A full page may be followed by more; Centra's list queries report no total.
      return { orders: raw.map(mapOrThrow), raw, hasMore: raw.length === size }
    },
    async fetchOrderByNumber(number, signal) {
      const data = await client.query<{ orders: unknown[] }>(doc.ORDER_BY_NUMBER, { number }, { signal })
      const raw = data.orders?.[0]
      return raw ? { order: mapOrThrow(raw), raw } : null
    },
    async ping(signal) {
      const data = await client.query<{ currencies: { code: string }[] }>(doc.PING, {}, { signal })
      return { baseCurrency: data.currencies?.[0]?.code ?? null }
    },
    async rateLimits(signal) {
      const data = await client.query<{ rateLimits: CentraRateLimit[] }>(doc.RATE_LIMITS, {}, { signal })
      return data.rateLimits ?? []
    },

    async setEventListeners(listeners, signal) {
      const data = await client.mutate<{ setEventListeners: Payload }>(doc.SET_EVENT_LISTENERS, { input: listeners }, { signal })
      client.assertNoUserErrors('the event subscription', data.setEventListeners)
    },
    async fetchEvents({ objectTypes, changeTypes, limit = 100, signal }) {
      const where: Record<string, unknown> = {}
      if (objectTypes?.length) where.objectType = objectTypes
      if (changeTypes?.length) where.changeType = changeTypes
      const data = await client.query<{ events: unknown[] }>(doc.EVENTS, { where, limit }, { signal })
      return (data.events ?? []).map((raw) => {
        let record: CentraEventRecord
        try {
          record = mapCentraEvent(raw)
        } catch (e) {
          throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `${(e as Error).message}.`, cause: e })
        }
        const object = record.rawObject as { __typename?: string } | null
        const isOrder = record.objectType === 'Order' && object && /Order$/.test(object.__typename ?? '')
        return { ...record, order: isOrder ? { order: mapOrThrow(object), raw: object } : null }
      })
    },
    async confirmEvents(ids, signal) {
      if (ids.length === 0) return []
      const data = await client.mutate<{ confirmEvents: Payload }>(doc.CONFIRM_EVENTS, { ids }, { signal })
      client.assertNoUserErrors('confirming events', data.confirmEvents)
      return warningsOf(data.confirmEvents)
    },

    async confirmOrder(orderNumber, signal) {
      const data = await client.mutate<{ confirmOrder: Payload & { order?: { status: string } | null } }>(doc.CONFIRM_ORDER, { order: { number: orderNumber } }, { signal })
      client.assertNoUserErrors(`confirming order ${orderNumber}`, data.confirmOrder)
      return { status: data.confirmOrder?.order?.status ?? 'CONFIRMED' }
    },
    async cancelOrderLines(orderNumber, lines, comment, signal) {
      const data = await client.mutate<{ updateDirectToConsumerOrder: Payload & { order?: unknown } }>(
        doc.CANCEL_ORDER_LINES,
        { order: { number: orderNumber }, lines: lines.map((l) => ({ line: { id: l.lineId }, quantity: l.quantity })), comment: comment ?? null },
        { signal },
      )
      client.assertNoUserErrors(`cancelling lines of order ${orderNumber}`, data.updateDirectToConsumerOrder)
      return mapOrThrow(data.updateDirectToConsumerOrder?.order)
    },
    async setOrdersLock(orderNumbers, isLocked, signal) {
      const data = await client.mutate<{ setOrdersLock: Payload }>(doc.SET_ORDERS_LOCK, { orders: orderNumbers.map((number) => ({ number })), isLocked }, { signal })
      client.assertNoUserErrors(isLocked ? 'locking orders' : 'unlocking orders', data.setOrdersLock)
    },

    async createShipment(args, signal) {
      const input: Record<string, unknown> = {
        order: { number: args.orderNumber },
        lines: args.lines.map((l) => ({ orderLine: { id: l.lineId }, quantity: l.quantity })),
        isGoodToGo: args.isGoodToGo ?? true,
        isPaid: args.isPaid ?? false,
        capture: args.capture ?? false,
        sendEmail: args.sendEmail ?? false,
      }
      if (args.shippedAt) input.shippedAt = args.shippedAt
      if (args.additionalMessage) input.additionalMessage = args.additionalMessage
      if (args.shipmentInfo) input.shipmentInfo = args.shipmentInfo
      const data = await client.mutate<{ createShipment: Payload & { shipment?: unknown } }>(doc.CREATE_SHIPMENT, { input }, { signal })
      client.assertNoUserErrors(`creating a shipment for order ${args.orderNumber}`, data.createShipment)
      return shipmentOrThrow(data.createShipment?.shipment)
    },
    async completeShipment(id, args, signal) {
      const input: Record<string, unknown> = { shippedAt: args.shippedAt ?? 'now', sendEmail: args.sendEmail ?? false }
      if (args.shipmentInfo) input.shipmentInfo = args.shipmentInfo
      const data = await client.mutate<{ completeShipment: Payload & { shipment?: unknown } }>(doc.COMPLETE_SHIPMENT, { id, input }, { signal })
      client.assertNoUserErrors(`completing shipment ${id}`, data.completeShipment)
      return shipmentOrThrow(data.completeShipment?.shipment)
    },
    async markShipmentPaid(id, signal) {
      const data = await client.mutate<{ updateShipment: Payload & { shipment?: unknown } }>(doc.UPDATE_SHIPMENT, { id, input: { isPaid: true } }, { signal })
      client.assertNoUserErrors(`marking shipment ${id} paid`, data.updateShipment)
      return shipmentOrThrow(data.updateShipment?.shipment)
    },
    async captureShipment(id, signal) {
      const data = await client.mutate<{ captureShipment: Payload & { shipment?: unknown } }>(doc.CAPTURE_SHIPMENT, { id }, { signal })
      client.assertNoUserErrors(`capturing shipment ${id}`, data.captureShipment)
      return shipmentOrThrow(data.captureShipment?.shipment)
    },
    async shipmentsForOrders(orderNumbers, signal) {
      if (orderNumbers.length === 0) return []
      const data = await client.query<{ shipments: unknown[] }>(doc.SHIPMENTS_FOR_ORDERS, { numbers: orderNumbers, limit: MAX_PAGE }, { signal })
      return (data.shipments ?? []).map(shipmentOrThrow)
    },

    async setStock({ warehouseId, description, quantityType = 'PHYSICAL', levels }, signal) {
      const payload = await sendSetStock(warehouseId, description, quantityType, [...groupByVariant(levels)], signal)
      client.assertNoUserErrors(`setting stock in warehouse ${warehouseId}`, payload)
      return { stockChangeIds: (payload?.stockChanges ?? []).map((c) => c.id), warnings: warningsOf(payload) }
    },
    async setStockLevels({ warehouseId, description, quantityType, levels }, signal) {
      const groups = [...groupByVariant(levels.map((l, index) => ({ ...l, index })))]
      const payload = await sendSetStock(warehouseId, description, quantityType, groups, signal)
      const errors = payload?.userErrors ?? []
      const refused: { indexes: number[]; message: string }[] = []
      for (const e of errors) {
        // path: input.productVariants.<k>[.sizeStockLevels.<j>…]; anything else (the warehouse) refuses the call as a whole
        const path = (e.path ?? []).map(String)
        const k = path[1] === 'productVariants' ? Number(path[2]) : NaN
        const group = groups[k]?.[1]
        if (!group) {
          client.assertNoUserErrors(`setting stock in warehouse ${warehouseId}`, { userErrors: [e] })
          continue
        }
        const j = path[3] === 'sizeStockLevels' ? Number(path[4]) : NaN
        const one = group[j]
        refused.push({ indexes: one ? [one.index] : group.map((l) => l.index), message: e.message ?? 'refused' })
      }
      return { stockChangeIds: (payload?.stockChanges ?? []).map((c) => c.id), warnings: warningsOf(payload), refused }
    },
    async listSizeStock({ page, limit, quantity, signal }) {
      type Raw = { id: number; SKU: string; size: { id: number } | null; productVariant: { id: number } | null; stockTotals: { freeToAllocateQuantity?: number; physicalQuantity?: number } | null }
      const size = pageSize(limit)
      const document = quantity === 'PHYSICAL' ? doc.SIZE_STOCK_PHYSICAL : doc.SIZE_STOCK_FREE
      const raw = (await client.query<{ productSizes: Raw[] }>(document, { page, limit: size }, { signal })).productSizes ?? []
      return {
        hasMore: raw.length === size,
        sizes: raw.map((r) => {
          const t = r.stockTotals
          const total = t ? (quantity === 'PHYSICAL' ? t.physicalQuantity : t.freeToAllocateQuantity) : undefined
          // setStock names a size by its size-chart entry (Size.id), not the ProductSize id [unverified: the docs show size by name or id]
          return { sizeId: r.size?.id ?? r.id, sku: r.SKU, variantId: r.productVariant?.id ?? null, total: typeof total === 'number' ? total : null }
        }),
      }
    },
    async changeStock({ intoWarehouseId, outFromWarehouseId, description, changes }, signal) {
      const productVariants = [...groupByVariant(changes)].map(([variantId, items]) => ({
        productVariant: { id: variantId },
        sizeChanges: items.map((c) => ({ size: c.size, deliveredQuantity: c.quantity })),
      }))
      const input: Record<string, unknown> = { description, productVariants }
      if (intoWarehouseId !== undefined) input.intoWarehouse = { id: intoWarehouseId }
      if (outFromWarehouseId !== undefined) input.outFromWarehouse = { id: outFromWarehouseId }
      const data = await client.mutate<{ changeStock: Payload & { stockChange?: { id: number } | null } }>(doc.CHANGE_STOCK, { input }, { signal })
      client.assertNoUserErrors('changing stock', data.changeStock)
      return { stockChangeId: data.changeStock?.stockChange?.id ?? null }
    },
    async setIdConversions(entries, signal) {
      if (entries.length === 0) return []
      const data = await client.mutate<{ setIdConversions: Payload & { entries?: CentraIdConversion[] | null } }>(doc.SET_ID_CONVERSIONS, { input: entries }, { signal })
      client.assertNoUserErrors('saving ID conversions', data.setIdConversions)
      return (data.setIdConversions?.entries ?? []).map(({ objectType, internalId, externalId }) => ({ objectType, internalId, externalId }))
    },
    async idConversions({ objectType, externalId, signal }) {
      const where: Record<string, unknown> = {}
      if (objectType) where.objectType = objectType
      if (externalId) where.externalId = { equals: externalId }
      const data = await client.query<{ idConversions: CentraIdConversion[] }>(doc.ID_CONVERSIONS, { where }, { signal })
      return (data.idConversions ?? []).map(({ objectType: t, internalId, externalId: x }) => ({ objectType: t, internalId, externalId: x }))
    },
    async listWarehouses(signal) {
      const data = await client.query<{ warehouses: { id: number; name: string }[] }>(doc.WAREHOUSES, {}, { signal })
      return data.warehouses ?? []
    },
    async listMarkets(signal) {
      type Raw = { id: number; name: string; assignedToCountries?: { code: string | null }[] | null }
      const data = await client.query<{ markets: Raw[] }>(doc.MARKETS, {}, { signal })
      return (data.markets ?? []).map((m) => ({ id: m.id, name: m.name, countries: (m.assignedToCountries ?? []).map((c) => c.code ?? '').filter(Boolean) }))
    },

    async listBundles({ page, limit, signal }) {
      type Raw = {
        id: number
        type: string
        priceType: string
        product: { name: string; productNumber: string | null } | null
        sections: { quantity: number; productVariants: { id: number; variantNumber: string | null; product: { productNumber: string | null } | null }[] }[]
      }
      const size = pageSize(limit)
      const data = await client.query<{ bundles: Raw[] }>(doc.BUNDLES, { page, limit: size }, { signal })
      const raw = data.bundles ?? []
      return {
        hasMore: raw.length === size,
        bundles: raw.map((b) => ({
          id: b.id,
          productNumber: b.product?.productNumber ?? null,
          name: b.product?.name ?? '',
          type: b.type,
          priceType: b.priceType,
          sections: b.sections.map((s) => ({
            quantity: s.quantity,
            // A variant's SKU prefix (product + variant number); sizes complete it.
            variants: s.productVariants.map((v) => ({ id: v.id, sku: `${v.product?.productNumber ?? ''}${v.variantNumber ?? ''}` })),
          })),
        })),
      }
    },

    async listProductSizes({ page, limit, withStock = false, signal }) {
      const size = pageSize(limit)
      const data = await client.query<{ productSizes: unknown[] }>(doc.PRODUCT_SIZES, { page, limit: size, withStock }, { signal })
      const raw = data.productSizes ?? []
      return { sizes: raw.map(mapCentraProductSize), hasMore: raw.length === size }
    },
  }
}
