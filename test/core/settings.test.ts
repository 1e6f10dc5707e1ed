/**
 * The settings area through the contract: each section is checked with the workspace file's own
 * rules (refused in plain words, nothing written), written to instep.workspace.json, applied at
 * once and recorded in the settings history.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../../src/main/core/core'
import type { SecretProtection, SecretStore } from '../../src/main/core/workspace/secrets'
import type { SettingsView } from '../../src/shared/contract'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace'

let t: TestCore | undefined
let core: Core | undefined
let ws: TempWorkspace | undefined
afterEach(async () => {
  await t?.close()
  await core?.close()
  ws?.cleanup()
  t = core = ws = undefined
})

const ACTOR = 'Maja (operations)'
const fileOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'instep.workspace.json'), 'utf8'))
const rawFile = (dir: string) => readFileSync(join(dir, 'instep.workspace.json'), 'utf8')

function start(): TestCore {
  t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
  return t
}

async function refused(tc: TestCore, method: Parameters<Core['dispatch']>[0], input: unknown): Promise<string> {
  const before = rawFile(tc.ws.dir)
  const r = await tc.core.dispatch(method, input)
  if (r.ok) throw new Error(`${String(method)} accepted ${JSON.stringify(input)}`)
  expect(r.error.code).toBe('invalid_input')
  expect(rawFile(tc.ws.dir), 'nothing is written when a change is refused').toBe(before)
  return r.error.message
}

describe('settings.get', () => {
  it('shows every editable section; a secret only as set / not set and where it is kept', async () => {
    const tc = start()
    const view = await tc.call('settings.get', {})
    expect(view.centra.token).toEqual({
      set: false,
      source: 'environment',
      name: 'INSTEP_TEST_CENTRA_TOKEN',
      problem: expect.stringContaining('INSTEP_TEST_CENTRA_TOKEN'),
    })
    expect(view.erp).toMatchObject({ kind: 'business-central', clientId: 'test', clientSecret: { source: 'environment', set: false } })
    expect(view.schedule.map((s) => s.job)).toEqual(['orders', 'fulfilment', 'stock', 'stock-sweep'])
    expect(view.tolerances).toEqual({ perLineMinor: 1, perOrderMinor: 2 })
    expect(view.teams.find((c) => c.category === 'sync_failed')).toEqual({ category: 'sync_failed', label: 'Sync failed', defaultTeams: ['operations'], team: null })
  })
})

describe('settings.setSchedule', () => {
  it('refuses an interval out of range in plain words and writes nothing', async () => {
    const tc = start()
    expect(await refused(tc, 'settings.setSchedule', { actor: ACTOR, jobs: [{ job: 'orders', everyMinutes: 5000, staleAfterMinutes: 60 }] })).toBe(
      'Order sync: “runs every” must be at most 1440 minutes.',
    )
    expect(await refused(tc, 'settings.setSchedule', { actor: ACTOR, jobs: [{ job: 'fulfilment', everyMinutes: 10, staleAfterMinutes: 0 }] })).toBe(
      'Shipment sync: “late after” must be at least 1 minute.',
    )
    expect(
      await refused(tc, 'settings.setSchedule', {
        actor: ACTOR,
        jobs: [
          { job: 'orders', everyMinutes: 5, staleAfterMinutes: 60 },
          { job: 'orders', everyMinutes: 15, staleAfterMinutes: 60 },
        ],
      }),
    ).toBe('The order sync is listed twice.')
  })

  it('writes the file, re-arms the running scheduler at once and records who changed what', async () => {
    ws = tempWorkspace({ schedule: { ordersEveryMinutes: 5 } })
    let now = Date.parse('2026-11-26T10:00:00Z')
    core = createCore({ workspaceDir: ws.dir, mode: 'test', schedule: true, clock: () => new Date(now), connectors: () => ({ store: new FakeCentra([]), erp: new FakeErp([]) }) })
    const jobs = async () => {
      const r = await core!.dispatch('sync.jobs', {})
      if (!r.ok) throw new Error(r.error.message)
      return r.data as { job: string; everyMinutes: number; staleAfterMinutes: number; nextRunAt: string | null }[]
    }
    expect((await jobs()).find((j) => j.job === 'orders')).toMatchObject({ everyMinutes: 5, nextRunAt: '2026-11-26T10:05:00.000Z' })

    now += 60_000
    const r = await core.dispatch('settings.setSchedule', {
      actor: ACTOR,
      jobs: [
        { job: 'orders', everyMinutes: 15, staleAfterMinutes: 90 },
        { job: 'fulfilment', everyMinutes: 0, staleAfterMinutes: 240 },
      ],
    })
    expect(r.ok).toBe(true)
    expect(fileOf(ws.dir).schedule).toMatchObject({ ordersEveryMinutes: 15, ordersStaleAfterMinutes: 90, fulfilmentEveryMinutes: 0 })
    const after = await jobs()
    expect(after.find((j) => j.job === 'orders')).toMatchObject({ everyMinutes: 15, staleAfterMinutes: 90, nextRunAt: '2026-11-26T10:16:00.000Z' })
    expect(after.find((j) => j.job === 'fulfilment')).toMatchObject({ everyMinutes: 0, nextRunAt: null })

    const history = await core.dispatch('settings.history', {})
    expect(history.ok && history.data).toEqual([
      {
        at: '2026-11-26T10:01:00.000Z',
        actor: ACTOR,
        section: 'schedule',
        changes: ['schedule.fulfilmentEveryMinutes: 10 → 0', 'schedule.ordersEveryMinutes: 5 → 15', 'schedule.ordersStaleAfterMinutes: 60 → 90'],
      },
    ])
  })
})

describe('settings.setTolerances', () => {
  it('refuses a negative or fractional tolerance and saves a valid one', async () => {
    const tc = start()
    expect(await refused(tc, 'settings.setTolerances', { actor: ACTOR, perLineMinor: -1, perOrderMinor: 2 })).toBe('The tolerance per line must be at least 0 cents.')
    expect(await refused(tc, 'settings.setTolerances', { actor: ACTOR, perLineMinor: 1, perOrderMinor: 2.5 })).toBe('The tolerance per order must be a whole number.')
    const view = await tc.call('settings.setTolerances', { actor: ACTOR, perLineMinor: 3, perOrderMinor: 10 })
    expect(view.tolerances).toEqual({ perLineMinor: 3, perOrderMinor: 10 })
    expect(fileOf(tc.ws.dir).orders.varianceTolerance).toEqual({ perLineMinor: 3, perOrderMinor: 10 })
  })
})

describe('tolerances in force at once', () => {
  it('a 4-cent ERP tax difference is an exception at the default tolerance and rounding after the tolerance is raised', async () => {
    const centra = new FakeCentra([storeOrder(9002, [{ sku: 'TS1001BLKM' }])])
    const erp = new FakeErp([item('TS1001BLKM', '7350000000011')])
    erp.taxSkewMinor = 4
    t = testCore(() => ({ store: centra, erp }))
    const tc = t
    await tc.core.runner.wait((await tc.call('sync.runNow', { job: 'orders' })).runId)
    expect((await tc.call('exceptions.list', { category: ['erp_variance'] })).rows.map((r) => r.objectRef)).toEqual(['9002'])

    await tc.call('settings.setTolerances', { actor: ACTOR, perLineMinor: 5, perOrderMinor: 10 })
    centra.orders.push(storeOrder(9003, [{ sku: 'TS1001BLKM' }]))
    await tc.core.runner.wait((await tc.call('sync.runNow', { job: 'orders' })).runId)
    expect((await tc.call('exceptions.list', { category: ['erp_variance'] })).rows.map((r) => r.objectRef)).toEqual(['9002'])
    expect(await tc.call('dashboard.summary', {})).toMatchObject({ ordersWithRounding: 1 })
  })
})

describe('settings.setTaxCodes', () => {
  it('refuses a rate that is not a number or is listed twice', async () => {
    const tc = start()
    expect(await refused(tc, 'settings.setTaxCodes', { actor: ACTOR, codes: [{ ratePercent: '25%', code: 'VAT25' }] })).toMatch(/“25%” is not a tax rate/)
    expect(
      await refused(tc, 'settings.setTaxCodes', {
        actor: ACTOR,
        codes: [
          { ratePercent: '25', code: 'VAT25' },
          { ratePercent: '25.0', code: 'OTHER' },
        ],
      }),
    ).toBe('The rate 25.0 % is listed twice (also as 25 %). Keep one row per rate.')
    expect(await refused(tc, 'settings.setTaxCodes', { actor: ACTOR, codes: [{ ratePercent: '12', code: '' }] })).toBe('Enter the ERP tax code for 12 %, or remove the row.')
  })

  it('replaces the table, and the mapping screen reads the new codes at once', async () => {
    const tc = start()
    await tc.call('settings.setTaxCodes', { actor: ACTOR, codes: [{ ratePercent: '25', code: 'VAT25' }, { ratePercent: '12.5', code: 'VAT12' }] })
    expect(fileOf(tc.ws.dir).orders.taxCodes).toEqual({ '25': 'VAT25', '12.5': 'VAT12' })
    const mapping = await tc.call('mapping.taxCodes', {})
    expect(mapping.rows.find((r) => r.ratePercent === '25')?.erpTaxCode).toBe('VAT25')
    await tc.call('settings.setTaxCodes', { actor: ACTOR, codes: [{ ratePercent: '12.5', code: 'VAT12' }] })
    expect(fileOf(tc.ws.dir).orders.taxCodes).toEqual({ '12.5': 'VAT12' })
  })
})

describe('settings.setTeams', () => {
  it('refuses an unknown category', async () => {
    const tc = start()
    expect(await refused(tc, 'settings.setTeams', { actor: ACTOR, teams: [{ category: 'no_such_thing', team: 'cx' }] })).toBe('There is no exception category “no_such_thing”.')
  })

  it('sends NEW exceptions of the category to the chosen team; the one already open keeps its team', async () => {
    // An ERP that is down makes every order run fail: a sync_failed exception, owned by operations.
    t = testCore(() => {
      throw new Error('Business Central cannot be reached')
    })
    const tc = t
    await tc.call('sync.runNow', { job: 'orders' })
    await expect.poll(async () => (await tc.call('exceptions.list', { category: ['sync_failed'] })).rows.length).toBe(1)
    const first = (await tc.call('exceptions.list', { category: ['sync_failed'] })).rows[0]
    expect(first.team).toBe('operations')

    await tc.call('settings.setTeams', { actor: ACTOR, teams: [{ category: 'sync_failed', team: 'finance' }] })
    expect(fileOf(tc.ws.dir).exceptions.teams).toEqual({ sync_failed: 'finance' })
    await tc.call('exceptions.resolve', { ids: [first.id], actor: ACTOR })
    await tc.call('sync.runNow', { job: 'orders' })
    await expect.poll(async () => (await tc.call('exceptions.list', { category: ['sync_failed'], status: ['open'] })).rows.length).toBe(1)
    const rows = (await tc.call('exceptions.list', { category: ['sync_failed'] })).rows
    expect(rows.find((r) => r.id === first.id)?.team).toBe('operations')
    expect(rows.find((r) => r.id !== first.id)?.team).toBe('finance')

    // Back to the default owner: the override leaves the file.
    await tc.call('settings.setTeams', { actor: ACTOR, teams: [{ category: 'sync_failed', team: null }] })
    expect(fileOf(tc.ws.dir).exceptions.teams).toEqual({})
  })
})

describe('connections', () => {
  it('refuses an address that is not a web address, in plain words', async () => {
    const tc = start()
    expect(await refused(tc, 'settings.setCentra', { actor: ACTOR, url: 'shop.example.com', timeoutMs: 30_000 })).toBe(
      'The Centra API address must be a full web address, such as https://example.com/…',
    )
    expect(await refused(tc, 'settings.setCentra', { actor: ACTOR, url: 'https://shop.example.com/graphql', timeoutMs: 10 })).toBe(
      'The Centra timeout must be at least 1 second.',
    )
  })

  it('changes the Centra address and keeps the token where it was when none is typed', async () => {
    const tc = start()
    const view = await tc.call('settings.setCentra', { actor: ACTOR, url: 'https://shop.example.com/graphql', timeoutMs: 20_000 })
    expect(view.centra).toMatchObject({ url: 'https://shop.example.com/graphql', timeoutMs: 20_000, token: { source: 'environment', name: 'INSTEP_TEST_CENTRA_TOKEN' } })
    expect(fileOf(tc.ws.dir).centra).toEqual({ url: 'https://shop.example.com/graphql', timeoutMs: 20_000, token: { env: 'INSTEP_TEST_CENTRA_TOKEN' } })
  })

  it('edits Business Central, switches to file exchange and back; a switch to Business Central needs a client secret', async () => {
    const tc = start()
    await tc.call('settings.setErp', {
      actor: ACTOR,
      erp: { kind: 'business-central', baseUrl: 'https://bc.example.com/api/v2.0', tokenUrl: 'https://login.example.com/token', companyName: 'CRONUS', clientId: 'app-1', timeoutMs: 60_000 },
    })
    expect(fileOf(tc.ws.dir).erp).toMatchObject({ kind: 'business-central', companyName: 'CRONUS', clientId: 'app-1', clientSecret: { env: 'INSTEP_TEST_BC_SECRET' } })

    const fx = await tc.call('settings.setErp', {
      actor: ACTOR,
      erp: { kind: 'file-exchange', root: join(tc.ws.dir, 'exchange'), format: 'json', batch: 'per-batch', decimalSeparator: ',', delimiter: ';', dateFormat: 'DD.MM.YYYY' },
    })
    expect(fx.erp).toEqual({ kind: 'file-exchange', root: join(tc.ws.dir, 'exchange'), format: 'json', batch: 'per-batch', decimalSeparator: ',', delimiter: ';', dateFormat: 'DD.MM.YYYY' })
    expect((await tc.call('system.info', {})).erpKind).toBe('file-exchange')

    expect(
      await refused(tc, 'settings.setErp', {
        actor: ACTOR,
        erp: { kind: 'business-central', baseUrl: 'https://bc.example.com/api/v2.0', tokenUrl: 'https://login.example.com/token', clientId: 'app-1', timeoutMs: 60_000 },
      }),
    ).toMatch(/^Enter the client secret/)
    expect(await refused(tc, 'settings.setErp', { actor: ACTOR, erp: { kind: 'file-exchange', root: '  ', format: 'csv', batch: 'per-order', decimalSeparator: '.', dateFormat: 'iso' } })).toBe(
      'The exchange folder must be filled in.',
    )
  })
})

/** A secret store like the desktop app's on Linux without a keyring (safeStorage basic_text). */
function weakStore(): SecretStore & { stored: Record<string, string> } {
  const status: SecretProtection = { protection: 'weak', message: 'No keyring is running.' }
  const stored: Record<string, string> = {}
  return {
    stored,
    status: async () => status,
    put: async (key, value, options) => {
      if (!options.allowWeak) throw new Error('refused by the vault')
      stored[key] = value
      return status
    },
  }
}

describe('a secret on a computer without a keyring', () => {
  it('is refused until the person agrees, with the risk and the environment-variable alternative in plain words', async () => {
    ws = tempWorkspace()
    const store = weakStore()
    core = createCore({ workspaceDir: ws.dir, mode: 'test', secrets: { provided: {}, store }, connectors: () => ({ store: new FakeCentra([]), erp: new FakeErp([]) }) })
    const before = rawFile(ws.dir)
    const input = { actor: ACTOR, url: 'http://127.0.0.1:9/graphql', timeoutMs: 5000, token: 'a-token-typed-in-settings' }
    const r = await core.dispatch('settings.setCentra', input)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const message = r.ok ? '' : r.error.message
    expect(message).toMatch(/no keyring/i)
    expect(message).toMatch(/anyone who can read your files could recover it/)
    expect(message).toMatch(/environment variable/)
    expect(message).toMatch(/Nothing was saved/)
    expect(store.stored).toEqual({})
    expect(rawFile(ws.dir)).toBe(before)

    const ok = await core.dispatch('settings.setCentra', { ...input, allowWeakStorage: true })
    expect(ok.ok).toBe(true)
    expect(store.stored).toEqual({ 'centra.token': 'a-token-typed-in-settings' })
    expect(fileOf(ws.dir).centra.token).toEqual({ secret: 'centra.token' })
    const view = await core.dispatch('settings.get', {})
    expect(view.ok && (view.data as SettingsView).centra.token).toEqual({ set: true, source: 'store', name: 'centra.token', problem: null })
  })
})
