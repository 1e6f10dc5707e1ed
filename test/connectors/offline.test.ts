/**
 * Each system unreachable — the simulator taken off the network, a host name that does not
 * resolve, Microsoft's sign-in gone, an unmounted exchange share — is "offline": a state the
 * engine waits out and says plainly, never an auth failure or an ambiguous write. When the
 * simulator comes back on the same port with its state, the same client carries on.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createBcAdapter, type BcAdapter } from '../../src/main/core/sync/connectors/bc'
import { createCentraAdapter } from '../../src/main/core/sync/connectors/centra'
import { createFileExchangeErp } from '../../src/main/core/sync/connectors/file-exchange'
import { unreachableCode } from '../../src/main/core/sync/connectors/unreachable'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const done of cleanups.splice(0).reverse()) await done()
})

const RETRY_EVERY_MINUTE = /— check the network or VPN; Instep will try again every minute\./

async function centraSim(): Promise<RunningCentraSim> {
  const sim = await startCentraSimulator({ seed: 42 })
  cleanups.push(() => sim.close())
  return sim
}

async function bcSim(): Promise<RunningBcSim> {
  const sim = await startBcSimulator({ seed: 3 })
  cleanups.push(() => sim.close())
  return sim
}

/**
 * A host that takes the connection and never answers, as a server behind a VPN that drops
 * mid-request looks; `unplug()` then stops it listening, so it can no longer be connected to.
 */
async function hangingHost(): Promise<{ origin: string; connected: Promise<void>; unplug(): void }> {
  const sockets: Socket[] = []
  let arrived!: () => void
  const connected = new Promise<void>((r) => (arrived = r))
  const server = createServer((socket) => {
    sockets.push(socket)
    arrived()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(() => {
    for (const s of sockets) s.destroy()
    server.close()
  })
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connected, unplug: () => void server.close() }
}

function bcAdapter(sim: RunningBcSim, over: { baseUrl?: string; tokenUrl?: string; companyId?: string; timeoutMs?: number } = {}): BcAdapter {
  const adapter = createBcAdapter({
    baseUrl: over.baseUrl ?? sim.baseUrl,
    tokenUrl: over.tokenUrl ?? sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    companyName: sim.companyName,
    companyId: over.companyId,
    timeoutMs: over.timeoutMs ?? 2000,
    baseDelayMs: 10,
    maxDelayMs: 50,
  })
  cleanups.push(() => adapter.close())
  return adapter
}

async function failure(work: Promise<unknown>): Promise<ConnectorError> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(ConnectorError)
  return e as ConnectorError
}

describe('Centra unreachable', () => {
  it('is offline with a plain message while the simulator is off the network, and works again when it is back', async () => {
    const sim = await centraSim()
    const sleeps: number[] = []
    const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async (ms) => void sleeps.push(ms) })
    const before = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })

    await sim.network.goOffline()
    const err = await failure(adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }))
    const host = new URL(sim.url).host
    expect(err).toMatchObject({ kind: 'offline', system: 'centra', ambiguous: false })
    expect(err.message).toContain(`Instep cannot reach Centra at ${host} (ECONNREFUSED)`)
    expect(err.message).toMatch(RETRY_EVERY_MINUTE)
    // One quick retry for a blip, then the scheduler's minute-by-minute retry takes over.
    expect(sleeps).toHaveLength(1)

    await sim.network.goOnline()
    const after = await adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 })
    expect(after.orders.map((o) => o.number)).toEqual(before.orders.map((o) => o.number))
  })

  it('is offline when the host name does not resolve (DNS failing or no network at all)', { timeout: 30_000 }, async () => {
    const adapter = createCentraAdapter({ baseUrl: 'http://centra.instep-offline.invalid/graphql', token: 't', sleep: async () => {} })
    const err = await failure(adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }))
    expect(err.kind).toBe('offline')
    expect(err.message).toMatch(/^Instep cannot reach Centra at centra\.instep-offline\.invalid \((ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\)/)
  })

  it('is offline for a mutation too, and says nothing was sent', async () => {
    const sim = await centraSim()
    const adapter = createCentraAdapter({ baseUrl: sim.url, token: sim.token, sleep: async () => {} })
    await sim.network.goOffline()
    const err = await failure(adapter.confirmOrder(1001))
    expect(err).toMatchObject({ kind: 'offline', ambiguous: false })
  })
})

describe('a request left without an answer', () => {
  it('is offline when Centra can no longer be connected to, and a mutation stays ambiguous; a slow but reachable Centra is not offline', async () => {
    const host = await hangingHost()
    const adapter = createCentraAdapter({ baseUrl: `${host.origin}/graphql`, token: 't', timeoutMs: 300, retry: { maxAttempts: 1 }, sleep: async () => {} })
    const slow = await failure(adapter.fetchOrdersPage({ since: null, page: 1, limit: 10 }))
    expect(slow).toMatchObject({ kind: 'retryable' })
    expect(slow.message).toMatch(/did not answer within/)

    const readHost = await hangingHost()
    const reader = createCentraAdapter({ baseUrl: `${readHost.origin}/graphql`, token: 't', timeoutMs: 300, retry: { maxAttempts: 1 }, sleep: async () => {} })
    const read = failure(reader.fetchOrdersPage({ since: null, page: 1, limit: 10 }))
    await readHost.connected
    readHost.unplug()
    const readErr = await read
    expect(readErr.kind).toBe('offline')
    expect(readErr.message).toMatch(new RegExp(`^Instep cannot reach Centra at ${new URL(readHost.origin).host} — check the network or VPN`))

    const writeHost = await hangingHost()
    const writer = createCentraAdapter({ baseUrl: `${writeHost.origin}/graphql`, token: 't', timeoutMs: 300, retry: { maxAttempts: 1 }, sleep: async () => {} })
    const write = failure(writer.confirmOrder(1001))
    await writeHost.connected
    writeHost.unplug()
    const writeErr = await write
    expect(writeErr).toMatchObject({ kind: 'offline', ambiguous: true })
  })

  it('is offline when Business Central can no longer be connected to', async () => {
    const sim = await bcSim()
    const host = await hangingHost()
    const adapter = bcAdapter(sim, { baseUrl: `${host.origin}/v2.0/t/production/api/v2.0`, companyId: sim.companyId, timeoutMs: 300 })
    const pending = failure(adapter.listCustomers())
    await host.connected
    host.unplug()
    const err = await pending
    expect(err).toMatchObject({ kind: 'offline', ambiguous: false })
    expect(err.message).toContain(`Instep cannot reach Business Central at ${new URL(host.origin).host}`)
  })
})

describe('Business Central unreachable', () => {
  it('is offline with a plain message while the simulator is off the network, and works again when it is back', async () => {
    const sim = await bcSim()
    const adapter = bcAdapter(sim)
    const customers = await adapter.listCustomers()

    await sim.network.goOffline()
    const err = await failure(adapter.listCustomers())
    expect(err).toMatchObject({ kind: 'offline', system: 'erp', ambiguous: false })
    expect(err.message).toContain(`Instep cannot reach Business Central at ${new URL(sim.origin).host} (ECONNREFUSED)`)
    expect(err.message).toMatch(RETRY_EVERY_MINUTE)

    await sim.network.goOnline()
    expect(await adapter.listCustomers()).toEqual(customers)
  })

  it('is offline, not an ambiguous write, when an order cannot be sent at all', async () => {
    const sim = await bcSim()
    const adapter = bcAdapter(sim)
    await adapter.listCustomers() // signed in and company resolved while online
    await sim.network.goOffline()
    const [a] = sim.store.items
    const err = await failure(
      adapter.createSalesOrder({
        externalDocumentNumber: 'CEN-OFF-1',
        customerNumber: 'WEB-SE',
        currencyCode: 'SEK',
        orderDate: '2026-11-20',
        pricesIncludeTax: true,
        expectedTotalMinor: 49995,
        expectedTaxMinor: 9999,
        lines: [{ kind: 'item', number: a.number, description: 'Tee', quantity: 1, unitPriceMinor: 49995, discountMinor: 0, taxCode: null, taxPercent: '25', expectedTaxMinor: 9999, sourceLineId: null }],
      }),
    )
    expect(err).toMatchObject({ kind: 'offline', ambiguous: false })
    expect(sim.store.createdOrders.some((o) => o.externalDocumentNumber === 'CEN-OFF-1')).toBe(false)
  })

  it('calls an unreachable sign-in (token endpoint) offline, not a refused sign-in', async () => {
    const sim = await bcSim()
    const signIn = await bcSim()
    const tokenUrl = signIn.tokenUrl
    await signIn.network.goOffline()
    const adapter = bcAdapter(sim, { tokenUrl })
    const err = await failure(adapter.listCustomers())
    expect(err.kind).toBe('offline')
    expect(err.kind).not.toBe('auth')
    expect(err.message).toContain(`Instep cannot reach Microsoft sign-in for Business Central at ${new URL(tokenUrl).host} (ECONNREFUSED)`)
    expect(err.message).toMatch(RETRY_EVERY_MINUTE)
  })

  it('is offline when the Business Central host name does not resolve', { timeout: 30_000 }, async () => {
    const sim = await bcSim()
    const adapter = bcAdapter(sim, { baseUrl: 'http://bc.instep-offline.invalid/v2.0/t/production/api/v2.0', tokenUrl: 'http://login.instep-offline.invalid/t/oauth2/v2.0/token' })
    const err = await failure(adapter.listCustomers())
    expect(err.kind).toBe('offline')
    expect(err.message).toMatch(/^Instep cannot reach Microsoft sign-in for Business Central at login\.instep-offline\.invalid/)
  })
})

describe('file-exchange folder unreachable', () => {
  it('is offline with a plain message when the exchange folder is not there (an unmounted share)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'instep-offline-'))
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }))
    const root = join(parent, 'share-not-mounted')
    const erp = createFileExchangeErp({ root, format: 'csv', batch: 'per-order' })
    const err = await failure(erp.findByExternalDocumentNumber('WEB-1'))
    expect(err.kind).toBe('offline')
    expect(err.message).toContain(`Instep cannot reach the ERP exchange folder at ${root}`)
    expect(err.message).toMatch(RETRY_EVERY_MINUTE)
    expect(err.message).toMatch(/check that the share is mounted/)
  })
})

describe('what counts as unreachable', () => {
  it('takes connect and name look-up failures, including a connect that timed out, and nothing after the request went out', () => {
    const connectTimeout = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT', syscall: 'connect' })
    expect(unreachableCode(connectTimeout)).toBe('ETIMEDOUT')
    expect(unreachableCode({ code: 'ERR_BAD_REQUEST', cause: { code: 'EHOSTUNREACH', syscall: 'connect' } })).toBe('EHOSTUNREACH')
    expect(unreachableCode(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ENETUNREACH' })]))).toBe('ECONNREFUSED')
    expect(unreachableCode({ code: 'ECONNRESET', syscall: 'read' })).toBeNull()
    expect(unreachableCode({ code: 'ETIMEDOUT' })).toBeNull()
    expect(unreachableCode({ code: 'ECONNABORTED' })).toBeNull()
  })
})
