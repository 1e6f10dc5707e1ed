/**
 * "Test connection": each check tries one thing a sync will need, read-only, and reports it in
 * words a business user can act on. A failed check does not stop the later ones when they can
 * still tell something useful.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { ProbeCheck } from '../sync/ports'
import type { CentraAdapter } from '../sync/connectors/centra'
import type { AvailabilityEndpoint, BcAdapter } from '../sync/connectors/bc'
import { ConnectorError } from '../sync/connector-error'

/** A check answers within this time; a connection that is down should not keep a person waiting. */
const CHECK_TIMEOUT_MS = 8000

async function check(name: string, okDetail: string | ((value: unknown) => string), fn: () => Promise<unknown>): Promise<ProbeCheck> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${CHECK_TIMEOUT_MS / 1000} seconds: the address may be wrong, or the system or the network is down.`)), CHECK_TIMEOUT_MS)
    timer.unref()
  })
  try {
    const value = await Promise.race([fn(), timeout])
    return { name, ok: true, detail: typeof okDetail === 'string' ? okDetail : okDetail(value) }
  } catch (e) {
    return { name, ok: false, detail: e instanceof ConnectorError || e instanceof Error ? e.message : String(e) }
  } finally {
    clearTimeout(timer)
  }
}

export async function probeCentra(centra: CentraAdapter): Promise<ProbeCheck[]> {
  const signIn = await check('Reach Centra and sign in with the API token', (v) => `Signed in. Base currency ${(v as { baseCurrency: string | null }).baseCurrency ?? 'unknown'}.`, () => centra.ping())
  if (!signIn.ok) return [signIn]
  return [
    signIn,
    await check('Read orders (Order:read, addresses, customers)', 'Orders can be read.', () => centra.fetchOrdersPage({ since: null, page: 1, limit: 1 })),
    await check('Read the event queue (Event:read)', 'The event queue answers.', () => centra.fetchEvents({ limit: 1 })),
    await check('Read warehouses and sizes for stock', 'Warehouses and sizes can be read.', () => centra.listWarehouses()),
    await check('Read stock per size (ProductSize.stockTotals:read)', 'Stock totals can be read.', () => centra.listSizeStock({ page: 1, limit: 1, quantity: 'FREE_TO_ALLOCATE' })),
    await check(
      'Rate limits',
      (v) =>
        (v as { type: string; intervalSeconds: string; quota: number }[])
          .filter((l) => l.intervalSeconds === 'TEN_SECONDS')
          .map((l) => `${l.type.toLowerCase().replace('_', ' ')}: ${l.quota} per 10 s`)
          .join(', ') || 'Centra reported no limits.',
      () => centra.rateLimits(),
    ),
  ]
}

export async function probeBusinessCentral(bc: BcAdapter, availability: AvailabilityEndpoint | null = null): Promise<ProbeCheck[]> {
  const signIn = await check('Sign in to Business Central', 'Signed in with the client id and secret.', () =>
    bc.client.request({ path: 'companies', company: false, params: { $select: 'id,name' } }),
  )
  if (!signIn.ok) return [signIn]
  const company = await check('Find the company', (v) => `Company ${String(v)} found.`, () => bc.client.resolveCompanyId())
  if (!company.ok) return [signIn, company]
  const read = (set: string) => () => bc.client.request({ path: set, params: { $top: 1 } })
  return [
    signIn,
    company,
    await check('Read items (for SKU mapping)', 'Items can be read.', read('items')),
    await check('Read customers', 'Customers can be read.', read('customers')),
    await check('Read sales orders (look-up before every create)', 'Sales orders can be read.', read('salesOrders')),
    await check('Read posted shipments (for fulfilment)', 'Shipments can be read.', read('salesShipments')),
    availability
      ? await check(`Read stock from the availability page ${availability.apiPath}/${availability.entitySet}`, 'Stock per item and location can be read.', () => bc.listAvailability(availability))
      : await check('Read item inventory (stock)', 'Item inventory can be read.', read('items')),
  ]
}

export async function probeFileExchange(root: string): Promise<ProbeCheck[]> {
  // Sub-folders are created by Instep when first needed; only one that exists but cannot be used is a problem.
  const folder = (name: string, rel: string, mode: number) =>
    check(name, existsSync(join(root, rel)) ? `${join(root, rel)} is ready.` : `${join(root, rel)} will be created when first needed.`, async () => {
      const path = join(root, rel)
      if (existsSync(path)) accessSync(path, mode)
    })
  const rootCheck = await check('Exchange folder', `${root} can be read and written.`, async () => {
    if (!existsSync(root)) throw new Error(`${root} does not exist. Create it, or check that the shared folder is mounted.`)
    accessSync(root, constants.R_OK | constants.W_OK)
  })
  if (!rootCheck.ok) return [rootCheck]
  return [
    rootCheck,
    await folder('Outbox for sales orders (Instep writes)', 'outbox', constants.W_OK),
    await folder('Inbox for shipments (warehouse writes, Instep reads)', join('inbox', 'shipments'), constants.R_OK | constants.W_OK),
    await folder('Inbox for stock levels', join('inbox', 'stock'), constants.R_OK | constants.W_OK),
  ]
}
