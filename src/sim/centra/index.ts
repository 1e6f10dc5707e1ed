/**
 * The Centra Integration API simulator: a real HTTP server on 127.0.0.1 answering GraphQL
 * with Centra's names, token rules, rate limits and error shapes, over a deterministic order
 * book generated from the shared demo catalog. Never imported by the product (src/main).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateCatalog, type SimCatalog } from '../scenario/catalog'
import type { OrderScenarioOptions } from '../scenario/orders'
import { CentraStore } from './store'
import { RateLimiter, type RateLimitQuotas } from './rate-limits'
import { createHandler } from './server'
import { SimWorld } from './world'
import { loadOrdersFile } from './seed-file'
import { seedDemoReturns } from './returns'
import { networkSwitch, type NetworkSwitch } from '../shared/network'

export { centraSchema, APP_VERSION } from './server'
export { CENTRA_SDL } from './schema'

export interface CentraSimOptions {
  port?: number
  seed?: number
  /** 'demo' (default): ~120 orders over the last 45 days; 'bench': 200 000 orders over a year */
  scenario?: 'demo' | 'bench' | string
  /** number of generated orders (overrides the scenario's) */
  orders?: number
  /** ISO date range for generated orders (overrides the scenario's) */
  from?: string
  to?: string
  /** the API token to accept; random when not given */
  token?: string
  /** fault spec, see src/sim/shared/faults.ts */
  faults?: string
  /** 10-second quotas; false turns rate limiting off */
  rateLimits?: Partial<RateLimitQuotas> | false
  /** seed orders from a JSON file in the API's response shape `{ "data": { "orders": [...] } }` */
  ordersFile?: string
  /** restrict the token to these permissions (e.g. ["Order:read"]); default: all */
  permissions?: string[]
}

export interface RunningCentraSim {
  /** the GraphQL endpoint, …/graphql */
  url: string
  /** http://127.0.0.1:<port> (admin API under /__admin/) */
  baseUrl: string
  token: string
  catalog: SimCatalog
  /** takes the simulator off the network and back on, keeping its store (for offline tests) */
  network: NetworkSwitch
  close(): Promise<void>
}

const DAY = 86_400_000

/** The generator options a scenario stands for; exported so tests can rebuild the same orders. */
export function scenarioOrderOptions(opts: CentraSimOptions, catalog: SimCatalog, now = new Date()): OrderScenarioOptions {
  const seed = opts.seed ?? 42
  const scenario = opts.scenario ?? 'demo'
  if (scenario !== 'demo' && scenario !== 'bench') {
    throw new Error(`Unknown Centra scenario "${scenario}". Use demo or bench.`)
  }
  const bench = scenario === 'bench'
  const to = opts.to ?? now.toISOString()
  const from = opts.from ?? new Date(Date.parse(to) - (bench ? 365 : 45) * DAY).toISOString()
  return {
    catalog,
    seed,
    count: opts.orders ?? (bench ? 200_000 : 120),
    from,
    to,
    startNumber: 1001,
    // Demo: a few orders with the SKU the ERP does not know, and one whose totals do not add up.
    unmappedSkuEvery: bench ? 5_000 : 40,
    totalMismatchEvery: bench ? 10_000 : 97,
  }
}

export async function startCentraSimulator(opts: CentraSimOptions = {}): Promise<RunningCentraSim> {
  const seed = opts.seed ?? 42
  const catalog = generateCatalog({ seed })
  const orderOptions = scenarioOrderOptions(opts, catalog)
  const seeded = opts.ordersFile ? loadOrdersFile(opts.ordersFile, catalog) : []
  const store = new CentraStore(catalog, orderOptions, seeded)
  const limiter = opts.rateLimits === false ? new RateLimiter({}, false) : new RateLimiter(opts.rateLimits ?? {})
  const token = opts.token ?? randomBytes(24).toString('hex')
  const world = new SimWorld(store)
  // The demo shows a few returns from the start; bench and seeded stores stay as generated.
  if ((opts.scenario ?? 'demo') === 'demo' && seeded.length === 0) world.addSeeder((w) => seedDemoReturns(w))
  const handler = createHandler({ world, limiter, token, faults: opts.faults, seed, permissions: opts.permissions ?? null })
  const server: Server = createServer((req, res) => void handler(req, res))
  // Fault "timeout" holds sockets open; keep-alive sockets must not keep close() waiting.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    token,
    catalog,
    network: networkSwitch(server, port, '127.0.0.1'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
