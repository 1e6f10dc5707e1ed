/**
 * Root resolvers of the simulated Integration API. Field-level behaviour lives in the views;
 * these pick records, apply filters and paging, and record the permissions a real token would
 * need (echoed in `extensions.permissionsUsed`, as Centra does).
 */
import { GraphQLError } from 'graphql'
import type { SimOrderStatus } from '../scenario/orders'
import type { OrderQuery } from './store'
import type { RateLimiter } from './rate-limits'
import { bundleView, currencyView, formatDate, orderView, productView, shipmentView, sizeView, type SimContext } from './views'
import type { SimWorld } from './world'
import type { EventFilter, SimEvent } from './events'
import { createMutations, idEntryView, listenerView } from './mutations'
import { createReturnMutations, returnById } from './returns'

export interface RootDeps {
  world: SimWorld
  limiter: RateLimiter
}

const MUTATION_NAMES = [
  'setOrdersLock', 'confirmOrder', 'updateDirectToConsumerOrder', 'updateWholesaleOrder', 'cancelDirectToConsumerOrder',
  'unallocateOrder', 'captureOrder', 'releaseRemainingOrderAuthorization', 'createShipment', 'updateShipment',
  'captureShipment', 'completeShipment', 'deleteShipment', 'createReturn', 'completeReturn', 'uncompleteReturn',
  'deleteReturn', 'changeStock', 'setStock', 'createProductSize', 'updateProductSize', 'createBundle',
  'setEventListeners', 'unsetEventListeners', 'confirmEvents', 'setIdConversions', 'unsetIdConversions',
]

interface DateRangeArg {
  from?: string | null
  to?: string | null
}

interface OrderFilterArg {
  id?: string[] | null
  number?: number[] | null
  status?: SimOrderStatus[] | null
  storeType?: string | null
  orderDate?: DateRangeArg | null
  createdAt?: DateRangeArg | null
}

const MAX_LIMIT = 200

/** Centra accepts "2021-10-23 00:00:00" as well as ISO with an offset; both read as UTC when no offset is given. */
function parseDate(value: string, path: string): number {
  const text = value.includes('T') ? value : value.replace(' ', 'T')
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`
  const ms = Date.parse(withZone)
  if (!Number.isFinite(ms)) throw new GraphQLError(`"${value}" is not a valid DateTimeTz for ${path}`, { extensions: { category: 'graphql' } })
  return ms
}

function pageArgs(limit: number | null | undefined, page: number | null | undefined): { limit: number; page: number } {
  const l = limit ?? 20
  const p = page ?? 1
  if (!Number.isInteger(l) || l < 1 || l > MAX_LIMIT) {
    throw new GraphQLError(`Limit must be in range 1 - ${MAX_LIMIT}`, { extensions: { category: 'graphql' } })
  }
  if (!Number.isInteger(p) || p < 1) throw new GraphQLError('Page must be 1 or greater', { extensions: { category: 'graphql' } })
  return { limit: l, page: p }
}

function toQuery(where: OrderFilterArg | null | undefined, sort: string[] | null | undefined): OrderQuery | null {
  const q: OrderQuery = {}
  if (where?.storeType && where.storeType !== 'DIRECT_TO_CONSUMER') return null
  const range = where?.orderDate ?? where?.createdAt
  if (range?.from) q.fromMs = parseDate(range.from, 'orderDate.from')
  if (range?.to) q.toMs = parseDate(range.to, 'orderDate.to')
  if (where?.number) q.numbers = where.number
  if (where?.id) q.ids = where.id
  if (where?.status) q.statuses = where.status
  // Orders are kept in placement order, so id, number and orderDate sort alike.
  q.descending = Boolean(sort?.[0]?.endsWith('_DESC'))
  return q
}

export function createRoot({ world, limiter }: RootDeps) {
  const { store, catalog } = world
  const mutations = { ...createMutations(world), ...createReturnMutations(world) }
  // Mutations of the schema the simulator does not model answer with a userError, not a crash.
  const unsupported = Object.fromEntries(
    MUTATION_NAMES.filter((name) => !(name in mutations)).map((name) => [
      name,
      () => ({ userErrors: [{ message: `${name} is not implemented in the Centra simulator`, path: [name] }], userWarnings: [] }),
    ]),
  )
  const eventView = (e: SimEvent) => {
    const market = e.marketId !== null ? catalog.markets.find((m) => m.id === e.marketId) : undefined
    return {
      id: e.id,
      objectType: e.objectType,
      changeType: e.changeType,
      objectReference: e.objectReference,
      createdAt: (a: { format?: string }) => formatDate(e.createdAt, a.format),
      store: { id: 1, name: 'Instep Demo Store', type: 'DIRECT_TO_CONSUMER' },
      market: market ? { id: market.id, name: market.name } : null,
      // The object's current state, not a snapshot; null once deleted.
      object: () => {
        if (e.changeType === 'DELETED') return null
        if (e.objectType === 'Order') {
          const i = store.indexOfNumber(e.objectReference)
          return i === null ? null : orderView(catalog, store.at(i))
        }
        if (e.objectType === 'Shipment') {
          const s = world.shipments.get(e.objectReference)
          const i = s ? store.indexOfNumber(s.orderNumber) : null
          return s && i !== null ? shipmentView(catalog, s, store.at(i)) : null
        }
        if (e.objectType === 'StockChange') return { __typename: 'StockChange', id: e.objectReference }
        if (e.objectType === 'Return') return returnById(world, e.objectReference)
        return null
      },
    }
  }
  return {
    ...unsupported,
    ...mutations,
    orders(args: { where?: OrderFilterArg; sort?: string[]; limit?: number; page?: number }, ctx: SimContext) {
      ctx.permissions.add('Order:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      const q = toQuery(args.where, args.sort)
      if (!q) return []
      return store.find(q, limit, page).indices.map((i) => orderView(catalog, store.at(i)))
    },
    counters() {
      return {
        orders(args: { where?: OrderFilterArg }, ctx: SimContext) {
          ctx.permissions.add('Order:read')
          const q = toQuery(args.where, null)
          return q ? (store.find(q, 1, 1).total ?? 0) : 0
        },
      }
    },
    rateLimits() {
      return limiter.report()
    },
    warehouses(_args: unknown, ctx: SimContext) {
      ctx.permissions.add('Warehouse:read')
      return catalog.warehouses.map((w) => ({ id: w.centraWarehouseId, name: w.name }))
    },
    markets(args: { where?: { id?: number[] }; sort?: string[] }, ctx: SimContext) {
      ctx.permissions.add('Market:read')
      const list = catalog.markets
        .filter((m) => !args.where?.id || args.where.id.includes(m.id))
        .map((m, i) => ({ id: m.id, name: m.name, assignedToCountries: [{ id: 100 + i, name: m.name, code: m.countryCode }] }))
      return args.sort?.includes('id_DESC') ? list.reverse() : list
    },
    bundles(args: { limit?: number; page?: number }, ctx: SimContext) {
      ctx.permissions.add('Product:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      return catalog.bundles.slice((page - 1) * limit, page * limit).map((b) => bundleView(catalog, b))
    },
    currencies(args: { where?: { isBase?: boolean } }, ctx: SimContext) {
      ctx.permissions.add('Currency:read')
      return catalog.currencies
        .filter((c) => args.where?.isBase === undefined || args.where.isBase === (c.code === catalog.baseCurrency))
        .map((c) => currencyView(catalog, c.code))
    },
    products(args: { limit?: number; page?: number }, ctx: SimContext) {
      ctx.permissions.add('Product:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      return catalog.products.slice((page - 1) * limit, page * limit).map((p) => productView(catalog, p))
    },
    productSizes(
      args: { where?: { id?: number[]; SKU?: { equals?: string; contains?: string }; EAN?: { equals?: string; contains?: string } }; limit?: number; page?: number },
      ctx: SimContext,
    ) {
      ctx.permissions.add('Product:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      const match = (value: string, m?: { equals?: string; contains?: string }) =>
        !m || ((m.equals === undefined || m.equals === value) && (m.contains === undefined || value.includes(m.contains)))
      const all = catalog.products.flatMap((p) =>
        p.variants.flatMap((v) =>
          v.sizes
            .filter((s) => (!args.where?.id || args.where.id.includes(s.centraSizeId)) && match(s.sku, args.where?.SKU) && match(s.ean, args.where?.EAN))
            .map((s) => sizeView(catalog, p, v, s.centraSizeId)),
        ),
      )
      return all.slice((page - 1) * limit, page * limit)
    },
    eventListeners(_args: unknown, ctx: SimContext) {
      ctx.permissions.add('Event:read')
      return world.events.listListeners().map(listenerView)
    },
    events(args: { where?: EventFilter; limit?: number }, ctx: SimContext) {
      ctx.permissions.add('Event:read')
      const limit = args.limit ?? 100
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new GraphQLError('Limit must be in range 1 - 1000', { extensions: { category: 'graphql' } })
      }
      return world.events.pending(args.where, limit).map(eventView)
    },
    idConversions(args: { where?: { objectType?: string; externalId?: { equals?: string; contains?: string } } }, ctx: SimContext) {
      ctx.permissions.add('IdConversion:read')
      return world.ids.find(args.where?.objectType, args.where?.externalId).map(idEntryView)
    },
    shipments(args: { where?: { orderNumber?: number[] }; limit?: number; page?: number }, ctx: SimContext) {
      ctx.permissions.add('Shipment:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      const all = world.shipments.all().filter((s) => !args.where?.orderNumber || args.where.orderNumber.includes(s.orderNumber))
      return all.slice((page - 1) * limit, page * limit).map((s) => shipmentView(catalog, s, store.at(store.indexOfNumber(s.orderNumber)!)))
    },
    returns(args: { where?: { customerId?: number[]; storeType?: string }; limit?: number; page?: number }, ctx: SimContext) {
      ctx.permissions.add('Return:read')
      const { limit, page } = pageArgs(args.limit, args.page)
      if (args.where?.storeType && args.where.storeType !== 'DIRECT_TO_CONSUMER') return []
      const all = world.returns
        .all()
        .map((r) => ({ r, order: store.at(store.indexOfNumber(r.orderNumber)!) }))
        .filter(({ order }) => !args.where?.customerId || args.where.customerId.includes(order.customer.id))
      return all.slice((page - 1) * limit, page * limit).map(({ r }) => returnById(world, r.id))
    },
  }
}
