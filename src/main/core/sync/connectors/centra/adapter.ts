/**
 * Centra as the engine's StoreOrderSource: pages of orders by orderDate, oldest first, mapped
 * to StoreOrder, with the raw JSON kept beside each one.
 */
import type { OrderPage, StoreOrderSource } from '../../ports'
import { ConnectorError } from '../../connector-error'
import { createCentraClient, type CentraClient, type CentraClientOptions, type CentraLimits, type CentraRetryPolicy } from './client'
import { ORDERS_PAGE, ORDER_BY_NUMBER, PING, RATE_LIMITS } from './documents'
import { CentraMappingError, mapCentraOrder } from './mappers/order'
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

export interface CentraAdapter extends StoreOrderSource {
  /** One order by its number, or null when Centra has none. */
  fetchOrderByNumber(number: number, signal?: AbortSignal): Promise<{ order: StoreOrder; raw: unknown } | null>
  /** Proves the URL and token work; returns Centra's base currency. */
  ping(signal?: AbortSignal): Promise<{ baseCurrency: string | null }>
  rateLimits(signal?: AbortSignal): Promise<CentraRateLimit[]>
  readonly client: CentraClient
}

const MAX_PAGE = 200

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
  return {
    client,
    async fetchOrdersPage({ since, page, limit, signal }): Promise<OrderPage> {
      if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be 1 or more, got ${page}`)
      const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE)
      const where = since ? { orderDate: { from: since } } : {}
      const data = await client.query<{ orders: unknown[] }>(ORDERS_PAGE, { where, limit: size, page }, { signal })
      const raw = Array.isArray(data.orders) ? data.orders : []
      // A full page may be followed by more; Centra's list queries report no total.
      return { orders: raw.map(mapOrThrow), raw, hasMore: raw.length === size }
    },
    async fetchOrderByNumber(number, signal) {
      const data = await client.query<{ orders: unknown[] }>(ORDER_BY_NUMBER, { number }, { signal })
      const raw = data.orders?.[0]
      return raw ? { order: mapOrThrow(raw), raw } : null
    },
    async ping(signal) {
      const data = await client.query<{ currencies: { code: string }[] }>(PING, {}, { signal })
      return { baseCurrency: data.currencies?.[0]?.code ?? null }
    },
    async rateLimits(signal) {
      const data = await client.query<{ rateLimits: CentraRateLimit[] }>(RATE_LIMITS, {}, { signal })
      return data.rateLimits ?? []
    },
  }
}
