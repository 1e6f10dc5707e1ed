/**
 * Every number on the Overview opens the rows behind it, and those rows add up to the number:
 * the Blocked figure and its list of held orders, a trend day and its sync runs, a day's exceptions
 * opened and closed and the Exceptions list filtered to that day, and the month-end card's status.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos } from '../../src/main/core/db/repos'
import { buildSummary } from '../../src/main/core/domains/reconciliation/service'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { isOfflineError } from '../../src/shared/offline'
import { tempWorkspace } from '../helpers/temp-workspace'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

async function syncOnce() {
  return t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
}

describe('Overview drill-downs', () => {
  it('the Blocked figure equals the held orders listed behind it, each with its reason', async () => {
    const erp = new FakeErp([item('A')])
    erp.failCreate = (n) => (n === 1 ? 'invalid' : 'none')
    t = testCore(() => ({
      store: new FakeCentra([
        storeOrder(7001, [{ sku: 'A' }]), // refused by the ERP: failed
        storeOrder(7002, [{ sku: 'NOPE' }]), // unmapped SKU: blocked
        storeOrder(7003, [{ sku: 'A' }]), // posted
        storeOrder(7004, [{ sku: 'NOPE' }, { sku: 'A' }]), // blocked
      ]),
      erp,
    }))
    await syncOnce()
    const summary = await t.call('dashboard.summary', {})
    const held = await t.call('dashboard.heldOrders', { limit: 50, offset: 0 })
    expect(summary.ordersBlocked).toBe(3)
    expect(held.total).toBe(summary.ordersBlocked)
    expect(held.rows).toHaveLength(summary.ordersBlocked)
    expect(held.rows.map((r) => [r.orderNumber, r.state])).toEqual([
      [7001, 'failed'],
      [7002, 'blocked'],
      [7004, 'blocked'],
    ])
    expect(held.rows[1].reason).toMatch(/NOPE/)
    expect(held.rows[0].reason).toBeTruthy()

    // Orders synced and Posted to ERP open their orders too, newest first, as many as they count
    const synced = await t.call('dashboard.orders', { which: 'synced', limit: 50, offset: 0 })
    const posted = await t.call('dashboard.orders', { which: 'posted', limit: 50, offset: 0 })
    expect([synced.total, synced.rows.length]).toEqual([summary.ordersSynced, summary.ordersSynced])
    expect([posted.total, posted.rows.length]).toEqual([summary.ordersPosted, summary.ordersPosted])
    expect(synced.rows.map((r) => r.orderNumber).sort()).toEqual([7001, 7002, 7003, 7004])
    expect(posted.rows).toEqual([expect.objectContaining({ orderNumber: 7003, postingState: 'posted', erpNumber: expect.any(String) })])

    // paged in SQL: the second page of one is the second order, the total stays the figure
    const second = await t.call('dashboard.heldOrders', { limit: 1, offset: 1 })
    expect(second).toMatchObject({ total: 3, rows: [{ orderNumber: 7002 }] })

    // once the item exists the blocked orders post; the figure and the list drop together
    erp.items.push(item('NOPE'))
    await syncOnce()
    const after = await t.call('dashboard.heldOrders', { limit: 50, offset: 0 })
    expect((await t.call('dashboard.summary', {})).ordersBlocked).toBe(after.total)
    expect(after.rows.map((r) => r.orderNumber)).not.toContain(7002)
  })

  it("a trend day opens the runs it sums and the exceptions opened or closed that day", async () => {
    let now = Date.parse('2026-11-20T09:00:00Z')
    const store = new FakeCentra([storeOrder(1, [{ sku: 'X' }]), storeOrder(2, [{ sku: 'Y' }]), storeOrder(3, [{ sku: 'A' }])])
    t = testCore(() => ({ store, erp: new FakeErp([item('A')]) }), undefined, () => new Date(now))
    await syncOnce()
    now = Date.parse('2026-11-21T10:00:00Z')
    store.orders.push(storeOrder(4, [{ sku: 'A' }]))
    await syncOnce()
    const open = (await t.call('exceptions.list', { status: ['open'] })).rows
    expect(open).toHaveLength(2)
    // the same exception closed, reopened and closed again on one day is one exception that day
    await t.call('exceptions.resolve', { ids: [open[0].id], actor: 'Eva' })
    await t.call('exceptions.reopen', { ids: [open[0].id], actor: 'Eva', reason: 'Not fixed yet' })
    await t.call('exceptions.resolve', { ids: [open[0].id], actor: 'Eva' })
    // a day with a run that could not reach the ERP (offline, not an error) and one Centra refused
    now = Date.parse('2026-11-22T08:00:00Z')
    let fail: ConnectorError | null = new ConnectorError({ system: 'erp', kind: 'offline', message: 'File exchange: could not read /mnt/erp/inbox (EHOSTDOWN).' })
    store.beforePage = async () => {
      if (fail) throw fail
    }
    expect(isOfflineError((await syncOnce()).error)).toBe(true)
    fail = new ConnectorError({ system: 'centra', kind: 'auth', message: 'Centra refused the API token (401).' })
    expect((await syncOnce()).status).toBe('failed')

    const trends = await t.call('monitoring.trends', { days: 3 })
    const day = (d: string) => trends.days.find((x) => x.day === d)!
    for (const d of ['2026-11-20', '2026-11-21', '2026-11-22']) {
      const runs = await t.call('monitoring.dayRuns', { day: d, limit: 50, offset: 0 })
      expect(runs.ordersSynced).toBe(day(d).ordersSynced)
      expect(runs.ordersPosted).toBe(day(d).ordersPosted)
      expect(runs.failedRuns).toBe(day(d).failedRuns)
      expect(runs.offlineRuns).toBe(day(d).offlineRuns)
      expect(runs.rows.filter((r) => r.status === 'failed' && !isOfflineError(r.error))).toHaveLength(day(d).failedRuns)
      expect(runs.rows.filter((r) => isOfflineError(r.error))).toHaveLength(day(d).offlineRuns)
      expect(runs.rows.reduce((n, r) => n + r.counters.stored, 0)).toBe(day(d).ordersSynced)
      expect(runs.rows.every((r) => r.startedAt.startsWith(d))).toBe(true)
      expect(runs.total).toBe(runs.rows.length)

      const opened = await t.call('exceptions.list', { openedOn: d })
      const closed = await t.call('exceptions.list', { closedOn: d })
      expect(opened.total).toBe(day(d).exceptionsOpened)
      expect(closed.total).toBe(day(d).exceptionsClosed)
    }
    expect(day('2026-11-20')).toMatchObject({ ordersSynced: 3, exceptionsOpened: 2, exceptionsClosed: 0 })
    expect(day('2026-11-21')).toMatchObject({ exceptionsOpened: 1, exceptionsClosed: 1 })
    expect(day('2026-11-22')).toMatchObject({ failedRuns: 1, offlineRuns: 1 })
    // the error-rate card counts the same way over the period
    expect(trends.errorRate).toMatchObject({ finishedRuns: 4, failedRuns: 1, offlineRuns: 1 })
    expect((await t.call('exceptions.list', { closedOn: '2026-11-21' })).rows.map((r) => r.id)).toEqual([open[0].id])
    expect((await t.call('monitoring.dayRuns', { day: '2026-11-19', limit: 50, offset: 0 })).total).toBe(0)

    const bad = await t.core.dispatch('exceptions.list', { openedOn: '21/11/2026' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it("the month-end card's status reads the sign-off state and the last summary, with when it was worked out", async () => {
    let now = Date.parse('2026-11-20T09:00:00Z')
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }])]), erp: new FakeErp([item('A')]) }), undefined, () => new Date(now))
    await syncOnce()
    const before = await t.call('reconciliation.status', { period: '2026-11' })
    expect(before).toMatchObject({ period: '2026-11', status: 'open', lastSummary: null })

    const summary = await t.call('reconciliation.summary', { period: '2026-11' })
    now += 60_000
    const after = await t.call('reconciliation.status', { period: '2026-11' })
    expect(after.lastSummary).toEqual({
      at: '2026-11-20T09:00:00.000Z',
      undecided: summary.causes.reduce((n, c) => n + c.undecided, 0),
      checks: summary.checks.length,
      failedChecks: summary.checks.filter((c) => !c.passed).map((c) => ({ id: c.id, label: c.label, offenders: c.offenders })),
    })
    // another period has not been worked out
    expect((await t.call('reconciliation.status', { period: '2026-10' })).lastSummary).toBeNull()

    // kept in the store: after a restart the card still has its figures and their age
    const ws = t.ws
    await t.core.close()
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }), ws, () => new Date(now))
    expect((await t.call('reconciliation.status', { period: '2026-11' })).lastSummary).toEqual(after.lastSummary)
  })

  it('keeping the card status does not make month-end work the month out again', () => {
    const ws = tempWorkspace()
    const db = openDatabase(join(ws.dir, 'recon.db'))
    try {
      const repos = createRepos(db)
      const now = new Date('2026-11-20T09:00:00Z')
      buildSummary(repos, '2026-11', now)
      const prepare = vi.spyOn(db, 'prepare')
      buildSummary(repos, '2026-11', now)
      expect(prepare.mock.calls.filter(([sql]) => /CREATE TEMP TABLE recon_items/.test(String(sql)))).toEqual([])
      // a real change still counts: a decision written afterwards makes the next look rebuild
      db.prepare("INSERT INTO recon_decisions (period, item_key, decision, note, actor, at) VALUES ('2026-11', 'x:1', 'explained', 'n', 'a', 'now')").run()
      buildSummary(repos, '2026-11', now)
      expect(prepare.mock.calls.filter(([sql]) => /CREATE TEMP TABLE recon_items/.test(String(sql)))).toHaveLength(1)
    } finally {
      db.close()
      ws.cleanup()
    }
  })
})
