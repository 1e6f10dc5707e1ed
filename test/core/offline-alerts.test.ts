/**
 * A run that could not reach Centra or the ERP is stored as failed but reads as offline: its
 * error starts with "Instep cannot reach", and the alert feed tells no "sync failed" for it (the
 * banner says it, the stale alert covers a long outage). A real failure still alerts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileExchangeErp } from '../../src/main/core/sync/connectors/file-exchange'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import type { StoreReturnSource } from '../../src/main/core/sync/return-ports'
import { isOfflineError } from '../../src/shared/offline'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

describe('offline runs in the alert feed', () => {
  it('marks an unreachable run as offline and alerts no failure; a real failure after it still alerts', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    let fail: ConnectorError | null = new ConnectorError({
      system: 'erp',
      kind: 'offline',
      message: 'File exchange: could not read /mnt/erp/inbox (EHOSTDOWN): host is down.',
    })
    centra.beforePage = async () => {
      if (fail) throw fail
    }
    t = testCore(() => ({ store: centra, erp: new FakeErp([item('A')]) }))

    const offline = await syncOnce()
    expect(offline.status).toBe('failed')
    // The connector's words are kept, behind the ones that mark the run as offline.
    expect(offline.error).toBe('Instep cannot reach the ERP: File exchange: could not read /mnt/erp/inbox (EHOSTDOWN): host is down.')
    expect(isOfflineError(offline.error)).toBe(true)
    expect((await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'sync_failed')).toEqual([])
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)

    fail = null
    expect((await syncOnce()).status).toBe('succeeded')

    fail = new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token (401).' })
    const refused = await syncOnce()
    expect(isOfflineError(refused.error)).toBe(false)
    const alerts = (await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'sync_failed')
    expect(alerts.map((a) => [a.runId, a.title])).toEqual([[refused.id, 'Order sync failed']])
  })
})

describe('a real failure right after being offline', () => {
  it('alerts, though the run before it (offline) is also stored as failed', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    let fail = new ConnectorError({ system: 'centra', kind: 'offline', message: 'Instep cannot reach Centra at centra.example (ENOTFOUND).' })
    centra.beforePage = async () => {
      throw fail
    }
    t = testCore(() => ({ store: centra, erp: new FakeErp([item('A')]) }))
    await syncOnce()
    await syncOnce()
    expect((await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'sync_failed')).toEqual([])

    fail = new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token (401).' })
    const refused = await syncOnce()
    await syncOnce() // the same failure again: still one alert for the streak
    const alerts = (await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'sync_failed')
    expect(alerts.map((a) => a.runId)).toEqual([refused.id])
  })
})

describe('returns while Centra is unreachable', () => {
  it('raises no exception and keeps posting; the returns are read on the next run', async () => {
    let down = true
    let pagesRead = 0
    const returns: StoreReturnSource = {
      subscribe: async () => {
        if (down) throw new ConnectorError({ system: 'centra', kind: 'offline', message: 'Instep cannot reach Centra at centra.example (ECONNREFUSED).' })
      },
      next: async () => [],
      confirm: async () => {},
      page: async () => {
        pagesRead++
        return { returns: [], hasMore: false }
      },
    }
    const erp = new FakeErp([item('A')])
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }])]), erp, storeReturns: returns }))
    const run = await syncOnce()
    expect(run.counters.posted).toBe(1)
    expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
    expect(pagesRead).toBe(0)

    down = false
    await syncOnce()
    expect(pagesRead).toBe(1)
  })
})

describe('a file-exchange ERP whose share is not mounted', () => {
  it('leaves the order sync offline with no exception, and runs to the end once the folder is back', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'instep-share-'))
    const root = join(parent, 'erp-share')
    try {
      const erp = createFileExchangeErp({ root, format: 'csv', batch: 'per-order' })
      t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }])]), erp }))
      const offline = await syncOnce()
      expect(offline.error).toMatch(/^Instep cannot reach the ERP exchange folder at .*erp-share — check the network or VPN; Instep will try again every minute\./)
      expect((await t.call('dashboard.summary', {})).offlineSince).not.toBeNull()
      expect((await t.call('exceptions.list', { status: ['open'] })).total).toBe(0)
      expect((await t.call('monitoring.alerts', {})).filter((a) => a.kind === 'sync_failed')).toEqual([])

      mkdirSync(root) // the share is mounted again
      const back = await syncOnce()
      // The run gets through (the SKU then waits on a mapping: this share has no item list).
      expect(back.status).toMatch(/^(succeeded|partial)$/)
      expect(back.error).toBeNull()
      expect((await t.call('dashboard.summary', {})).offlineSince).toBeNull()
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })
})
