/**
 * Business Central API v2.0 simulator: a real HTTP server on 127.0.0.1 with Entra-style
 * client-credentials tokens, company-scoped OData routes, deep insert of sales orders with
 * BC's tax arithmetic, weak ETags, paging, throttling and the shared fault injection.
 *
 * Admin API (no auth, never part of BC): POST /__admin/faults {spec}, GET /__admin/stats,
 * GET /__admin/orders (every order ever created, for "exactly once" assertions),
 * POST /__admin/ship-and-invoice {orderNumber | externalDocumentNumber | all}, POST /__admin/expire-tokens,
 * POST /__admin/stock-count {share} (the next availability read shows a half-finished stock count).
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector, parseFaultSpec } from '../shared/faults'
import { createHandler } from './server'
import { BcStore } from './store'
import { DEFAULT_LIMITS, Throttle, type ThrottleLimits } from './throttle'
import { Webhooks } from './webhooks'
import { StockMoves } from './stock-moves'
import { networkSwitch, type NetworkSwitch } from '../shared/network'

export interface BcSimOptions {
  port?: number
  seed?: number
  tenant?: string
  environment?: string
  clientId?: string
  clientSecret?: string
  faults?: string
  latencyMs?: number
  /** BC's per-user limits; `false` switches throttling off */
  limits?: Partial<ThrottleLimits> | false
  tokenTtlSeconds?: number
  /** a US company: taxCode means Tax Group, tax comes from the customer's tax area */
  salesTax?: boolean
  /** server page size (BC online: 20,000); clients can lower it with Prefer: odata.maxpagesize */
  pageSize?: number
  /** demo: ship and invoice every open order this many ms after it was created (off by default) */
  autoShipAndInvoiceMs?: number
  /** how long webhook notifications are batched before delivery (BC online: about 30 s) */
  webhookDelayMs?: number
  /** demo: this many items' stock moves before each read of the availability page after the first (default 0) */
  stockMovesPerRead?: number
}

export interface RunningBcSim {
  /** http://127.0.0.1:PORT/v2.0/{tenant}/{environment}/api/v2.0 */
  baseUrl: string
  tokenUrl: string
  /** http://127.0.0.1:PORT, where /__admin/* lives */
  origin: string
  tenant: string
  environment: string
  companyId: string
  companyName: string
  clientId: string
  clientSecret: string
  store: BcStore
  webhooks: Webhooks
  /** takes the simulator off the network and back on, keeping its store (for offline tests) */
  network: NetworkSwitch
  close(): Promise<void>
}

export const BC_SIM_DEFAULTS = {
  tenant: 'instep-sim',
  environment: 'production',
  clientId: 'instep-bc-sim-client',
  tokenTtlSeconds: 3599,
  pageSize: 20_000,
} as const

export async function startBcSimulator(opts: BcSimOptions = {}): Promise<RunningBcSim> {
  const tenant = opts.tenant ?? BC_SIM_DEFAULTS.tenant
  const environment = opts.environment ?? BC_SIM_DEFAULTS.environment
  const clientId = opts.clientId ?? BC_SIM_DEFAULTS.clientId
  // No fixed default secret: a random one per run, reported in RunningBcSim (the CLI prints it).
  const clientSecret = opts.clientSecret ?? randomBytes(18).toString('base64url')
  const store = new BcStore({ seed: opts.seed ?? 1, salesTax: opts.salesTax ?? false })
  const webhooks = new Webhooks(store.company.id, opts.webhookDelayMs ?? 1000)
  store.onChange = (set, id, changeType) => webhooks.changed(set, id, changeType)
  const throttle = new Throttle(opts.limits === false ? null : { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) })
  let metadata: string | null | undefined
  const cfg = {
    store,
    tenant,
    environment,
    clientId,
    clientSecret,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? BC_SIM_DEFAULTS.tokenTtlSeconds,
    latencyMs: opts.latencyMs ?? 0,
    pageSize: opts.pageSize ?? BC_SIM_DEFAULTS.pageSize,
    throttle,
    webhooks,
    faults: new FaultInjector(parseFaultSpec(opts.faults), opts.seed ?? 1),
    stockMoves: new StockMoves(opts.seed ?? 1, opts.stockMovesPerRead ?? 0),
    origin: '',
    metadataXml: async () => {
      if (metadata === undefined) {
        metadata = await readFile(new URL('./metadata.xml', import.meta.url), 'utf8').catch(() => null)
      }
      return metadata
    },
  }
  const handler = createHandler(cfg)
  const server: Server = createServer((req, res) => void handler.handle(req, res))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const autoPost = opts.autoShipAndInvoiceMs !== undefined ? startAutoPosting(store, opts.autoShipAndInvoiceMs) : null
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  cfg.origin = origin
  return {
    baseUrl: `${origin}/v2.0/${tenant}/${environment}/api/v2.0`,
    tokenUrl: `${origin}/${tenant}/oauth2/v2.0/token`,
    origin,
    tenant,
    environment,
    companyId: store.company.id,
    companyName: String(store.company.name),
    clientId,
    clientSecret,
    store,
    webhooks,
    network: networkSwitch(server, port, '127.0.0.1'),
    close: () =>
      new Promise<void>((resolve) => {
        throttle.close()
        if (autoPost) clearInterval(autoPost)
        webhooks.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Ships and invoices orders once they are old enough, as a busy warehouse would. */
function startAutoPosting(store: BcStore, afterMs: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    const due = store.createdOrders.filter((o) => Date.now() - Date.parse(o.createdAt) >= afterMs).map((o) => o.id)
    for (const order of store.salesOrders.filter((d) => due.includes(d.id))) {
      try {
        store.shipAndInvoice(order)
      } catch {
        // an order with nothing to post (comment lines only) simply stays open
      }
    }
  }, Math.max(50, Math.min(afterMs, 1000)))
  timer.unref()
  return timer
}

export { BcStore } from './store'
export { calculateDocument, roundTo } from './tax'
