/**
 * The demo workspace a new user starts in: a simulated Centra store and Business Central
 * company on 127.0.0.1, started with this process, and a workspace config pointing at them.
 * Simulators are development tools: they live in src/sim and are never part of the desktop build.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SimCatalog } from '../sim/scenario/catalog'
import { startCentraSimulator, type RunningCentraSim } from '../sim/centra'
import { startBcSimulator, type RunningBcSim } from '../sim/bc'
import { AVAILABILITY_API } from '../sim/bc/server'
import { hasConfig, loadConfig, OrdersSettings, saveConfig, type WorkspaceConfigInput } from '../main/core/workspace/config'
import { createSecretResolver, writeSecrets } from '../main/core/workspace/secrets'

export interface DemoEnvironment {
  workspaceDir: string
  centra: RunningCentraSim
  /** the simulated Business Central company; null when the demo uses file exchange */
  bc: RunningBcSim | null
  /** the exchange folder, when the demo uses file exchange */
  exchangeDir: string | null
  /** Takes the simulators (or only the ERP's) off the network or puts them back, keeping their state (offline tests). */
  setOnline(online: boolean, which?: 'all' | 'erp'): Promise<void>
  close(): Promise<void>
}

export interface DemoOptions {
  seed?: number
  /** extra fault spec for the ERP simulator, e.g. "latency:200" to make syncs slow enough to watch */
  erpFaults?: string
  centraFaults?: string
  orders?: number
  /** which ERP the demo talks to (default: the Business Central simulator) */
  erp?: 'business-central' | 'file-exchange'
}

const CENTRA_TOKEN_KEY = 'demo.centra.token'
const BC_SECRET_KEY = 'demo.bc.clientSecret'

/** Starts the simulators and (re)writes the demo workspace config to point at them. */
export async function startDemoEnvironment(workspaceDir: string, options: DemoOptions = {}): Promise<DemoEnvironment> {
  mkdirSync(workspaceDir, { recursive: true })
  const existing = hasConfig(workspaceDir) ? loadConfig(workspaceDir) : null
  if (existing && !existing.demo) {
    throw new Error(`${workspaceDir} is a real workspace, not the demo. Open it with: instep serve --workspace "${workspaceDir}"`)
  }
  if (!existing) {
    writeSecrets(workspaceDir, {
      [CENTRA_TOKEN_KEY]: randomBytes(24).toString('hex'),
      [BC_SECRET_KEY]: randomBytes(24).toString('hex'),
    })
  }
  const secrets = createSecretResolver(workspaceDir)
  const token = secrets.resolve({ secret: CENTRA_TOKEN_KEY }, 'Demo Centra token')
  const clientSecret = secrets.resolve({ secret: BC_SECRET_KEY }, 'Demo Business Central secret')
  const seed = options.seed ?? 42

  const centra = await startCentraSimulator({ seed, scenario: 'demo', token, faults: options.centraFaults, orders: options.orders })
  const erpKind = options.erp ?? (existing?.erp.kind as DemoOptions['erp']) ?? 'business-central'
  let bc: RunningBcSim | null = null
  let exchangeDir: string | null = null
  let erp: WorkspaceConfigInput['erp']
  if (erpKind === 'business-central') {
    // A few items' stock moves between stock runs, so the Stock & drift screen has a history to show.
    bc = await startBcSimulator({ seed, clientSecret, faults: options.erpFaults, stockMovesPerRead: 4 }).catch(async (e) => {
      await centra.close()
      throw e
    })
    erp = {
      kind: 'business-central',
      baseUrl: bc.baseUrl,
      tokenUrl: bc.tokenUrl,
      companyId: bc.companyId,
      clientId: bc.clientId,
      clientSecret: { secret: BC_SECRET_KEY },
      // the simulated tenant publishes stock per item and location (MAIN and US-EAST, Centra's two warehouses)
      availability: { apiPath: AVAILABILITY_API, entitySet: 'itemAvailabilities' },
    }
  } else {
    exchangeDir = join(workspaceDir, 'exchange')
    writeDemoItemsFile(exchangeDir, centra.catalog)
    writeDemoStockFile(exchangeDir, centra.catalog, seed)
    erp = { kind: 'file-exchange', root: exchangeDir }
  }

  const config: WorkspaceConfigInput = {
    version: 1,
    name: 'Demo workspace',
    demo: true,
    centra: { url: centra.url, token: { secret: CENTRA_TOKEN_KEY } },
    erp,
    // The simulated company books shipping on 6110 and handling on 6120.
    orders: existing?.orders ?? OrdersSettings.parse({ shippingAccount: '6110', handlingAccount: '6120' }),
    fulfilment: existing?.fulfilment,
    // The simulators' stock starts unrelated, so the demo's first sweep changes nearly every size:
    // allowed here; a real workspace keeps the default and has its first push reviewed.
    stock: existing?.stock ?? { maxChangeShare: 1 },
    // Stock runs on in the demo (off by default until a workspace's stock source is set up).
    schedule: {
      ...existing?.schedule,
      stockEveryMinutes: existing?.schedule.stockEveryMinutes || 5,
      stockSweepEveryMinutes: existing?.schedule.stockSweepEveryMinutes || 60,
    },
  }
  saveConfig(workspaceDir, config)

  return {
    workspaceDir,
    centra,
    bc,
    exchangeDir,
    async setOnline(online, which = 'all') {
      const sims = [which === 'all' ? centra.network : undefined, bc?.network].filter((n) => n !== undefined)
      await Promise.all(sims.map((n) => (online ? n.goOnline() : n.goOffline())))
    },
    async close() {
      await Promise.allSettled([centra.close(), bc?.close()])
    },
  }
}

/** The ERP's item list as a file-exchange ERP would drop it: what auto-mapping reads. */
function writeDemoItemsFile(exchangeDir: string, catalog: SimCatalog): void {
  const dir = join(exchangeDir, 'inbox', 'items')
  mkdirSync(dir, { recursive: true })
  const rows = catalog.erpItems.map((i) => `${i.number},"${i.displayName.replace(/"/g, '""')}",${i.gtin}`)
  const file = join(dir, 'items.csv')
  writeFileSync(`${file}.tmp`, ['number,description,gtin', ...rows].join('\n') + '\n')
  renameSync(`${file}.tmp`, file)
  // Dated a minute back: the inbox ignores files younger than its settle time (they may still be written).
  const past = new Date(Date.now() - 60_000)
  utimesSync(file, past, past)
}

/** The ERP's stock as a file-exchange ERP would drop it: per item and location, the same for the same seed. */
function writeDemoStockFile(exchangeDir: string, catalog: SimCatalog, seed: number): void {
  const dir = join(exchangeDir, 'inbox', 'stock')
  mkdirSync(dir, { recursive: true })
  const day = new Date().toISOString().slice(0, 10)
  const rows = catalog.erpItems.flatMap((item, i) =>
    catalog.warehouses.map((w, k) => `${item.number},,${w.erpLocationCode},${(i * 7 + k * 5 + seed) % 23},${day}`),
  )
  const file = join(dir, `stock-${day}.csv`)
  writeFileSync(`${file}.tmp`, ['item,variant,location,quantity,as of', ...rows].join('\n') + '\n')
  renameSync(`${file}.tmp`, file)
  // Dated a minute back, like the item list: the inbox reads only files that have settled.
  const past = new Date(Date.now() - 60_000)
  utimesSync(file, past, past)
}

/**
 * The simulated warehouse ships these orders in the ERP (posting shipment and invoice), as a
 * warehouse clerk would; the shipment sync then tells Centra.
 */
export async function shipDemoOrders(env: DemoEnvironment, orderNumbers: number[]): Promise<void> {
  if (!env.bc) return
  for (const n of orderNumbers) {
    await fetch(`${env.bc.origin}/__admin/ship-and-invoice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalDocumentNumber: `WEB-${n}` }),
    })
  }
}

/**
 * Someone corrects a few sizes' stock by hand in Centra's admin, as happens between syncs: the
 * next stock run lists them as changed in Centra and shows the drift.
 */
export async function editDemoStockByHand(env: DemoEnvironment, count = 2): Promise<void> {
  const variants = env.centra.catalog.products.flatMap((p) => p.variants).slice(0, count)
  for (const v of variants) {
    await fetch(env.centra.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.centra.token}` },
      body: JSON.stringify({
        query: 'mutation($input: StockChangeInput!) { changeStock(input: $input) { stockChange { id } userErrors { message } } }',
        variables: { input: { intoWarehouse: { id: 1 }, description: 'Counted in the shop', productVariants: [{ productVariant: { id: v.centraVariantId }, sizeChanges: [{ size: { id: v.sizes[0].centraSizeId }, deliveredQuantity: 3 }] }] } },
      }),
    })
  }
}

/** The ERP is half-way through a stock count: its next stock read shows half the items at zero. */
export async function startDemoStockCount(env: DemoEnvironment): Promise<void> {
  if (!env.bc) return
  await fetch(`${env.bc.origin}/__admin/stock-count`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ share: 0.5 }) })
}

/**
 * Test-only (serve's hidden --demo-network-control): lines "offline", "offline erp" and "online"
 * on standard input take the demo's simulators (or only the ERP's) off the network and back, so
 * an end-to-end test can prove the app while Centra or the ERP cannot be reached. Each change is
 * acknowledged on stdout.
 */
export function controlDemoNetworkFromStdin(env: DemoEnvironment): void {
  let buffered = ''
  let queue = Promise.resolve()
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines.map((l) => l.trim())) {
      if (line !== 'offline' && line !== 'offline erp' && line !== 'online') continue
      queue = queue
        .then(() => env.setOnline(line === 'online', line === 'offline erp' ? 'erp' : 'all'))
        .then(
          () => void process.stdout.write(`Demo simulators: ${line}\n`),
          (e: unknown) => void process.stdout.write(`Demo simulators: could not go ${line}: ${e instanceof Error ? e.message : String(e)}\n`),
        )
    }
  })
}
