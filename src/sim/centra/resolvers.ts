/**
 * Root resolvers of the simulated Integration API. Field-level behaviour lives in the views;
 * these pick records, apply filters and paging, and record the permissions a real token would
 * need (echoed in `extensions.permissionsUsed`, as Centra does).
 */
import { GraphQLError } from 'graphql'
import type { SimOrderStatus } from '../scenario/orders'
import type { CentraStore, OrderQuery } from './store'
import type { RateLimiter } from './rate-limits'
import { currencyView, orderView, productView, sizeView, type SimContext } from './views'

export interface RootDeps {
  store: CentraStore
  limiter: RateLimiter
}

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

export function createRoot({ store, limiter }: RootDeps) {
  const catalog = store.catalog
  return {
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
    eventListeners() {
      return []
    },
    events() {
      return []
    },
    idConversions() {
      return []
    },
    shipments() {
      return []
    },
    returns() {
      return []
    },
  }
}
