import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { HeldOrder, MethodInput, MethodOutput, ReconStatus, SyncRun, Trends } from '@shared/contract'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { openExceptionsWith, takeExceptionsFilter } from '../../src/renderer/src/components/exceptionsLink'
import { takeTraceNumber } from '../../src/renderer/src/components/traceLink'
import { HeadlineCards } from '../../src/renderer/src/features/dashboard/HeadlineCards'
import { OverviewPage } from '../../src/renderer/src/features/dashboard/OverviewPage'
import { ExceptionsPage } from '../../src/renderer/src/features/exceptions/ExceptionsPage'
import { createFakeTransport } from './fake-transport'
import { dashboardSummary } from './fixtures'
import { renderWithApi } from './render'

const now = new Date()
const today = now.toISOString().slice(0, 10)
const days = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(now.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10),
  ordersSynced: i,
  ordersPosted: i,
  failedRuns: 0,
  offlineRuns: 0,
  exceptionsOpened: i === 29 ? 4 : 0,
  exceptionsClosed: i === 29 ? 1 : 0,
}))
const trends: Trends = {
  days,
  ages: (['finance', 'operations', 'ecommerce', 'cx'] as const).map((team) => ({ team, underHour: 0, underDay: 0, underWeek: 0, older: 0 })),
  throughput: { runs: 0, orders: 0, ordersPerMinute: 0 },
  errorRate: { finishedRuns: 0, failedRuns: 0, offlineRuns: 0, ordersRead: 0, ordersNotPosted: 0 },
}
const held: HeldOrder[] = Array.from({ length: 3 }, (_, i) => ({
  orderNumber: 7001 + i,
  orderDate: '2026-11-20T10:00:00.000Z',
  market: 'Sweden',
  currency: 'SEK',
  grandTotalMinor: 49_900,
  state: i === 0 ? 'failed' : 'blocked',
  reason: i === 0 ? 'The ERP refused the order: customer is blocked' : 'SKU NOPE has no ERP item',
  since: '2026-11-20T10:05:00.000Z',
}))

const runOn = (day: string, run: Partial<SyncRun> = {}): SyncRun => ({
  id: 41,
  job: 'orders',
  status: 'partial',
  trigger: 'schedule',
  startedAt: `${day}T09:00:00.000Z`,
  finishedAt: `${day}T09:01:00.000Z`,
  counters: { fetched: 29, stored: 29, posted: 29, alreadyInErp: 0, blocked: 0, failed: 0 },
  error: null,
  ...run,
})

const oneRunADay = ({ day }: MethodInput<'monitoring.dayRuns'>): MethodOutput<'monitoring.dayRuns'> => ({
  rows: [runOn(day)],
  total: 1,
  ordersSynced: 29,
  ordersPosted: 29,
  failedRuns: 0,
  offlineRuns: 0,
})

function fakeCore(dayRuns: (input: MethodInput<'monitoring.dayRuns'>) => MethodOutput<'monitoring.dayRuns'> = oneRunADay) {
  return createFakeTransport({
    'dashboard.summary': () =>
      dashboardSummary({
        ordersSynced: 10,
        ordersPosted: 7,
        ordersBlocked: 3,
        openExceptions: 5,
        openExceptionsByTeam: { finance: 1, operations: 0, ecommerce: 4, cx: 0 },
        lastSyncAt: now.toISOString(),
        lastRunStatus: 'partial',
      }),
    'dashboard.heldOrders': ({ limit = 50, offset = 0 }: MethodInput<'dashboard.heldOrders'>) => ({ rows: held.slice(offset, offset + limit), total: held.length }),
    'dashboard.orders': ({ which, limit = 50, offset = 0 }: MethodInput<'dashboard.orders'>) => {
      const all = Array.from({ length: which === 'posted' ? 7 : 10 }, (_, i) => ({
        orderNumber: 7100 - i,
        orderDate: '2026-11-20T10:00:00.000Z',
        market: 'Sweden',
        currency: 'SEK',
        grandTotalMinor: 10_000,
        postingState: which === 'posted' || i < 7 ? 'posted' : null,
        erpNumber: which === 'posted' || i < 7 ? `SO${1000 + i}` : null,
      }))
      return { rows: all.slice(offset, offset + limit), total: all.length }
    },
    'sync.listRuns': () => [],
    'sync.jobs': () => [],
    'monitoring.trends': () => trends,
    'monitoring.dayRuns': dayRuns,
    'monitoring.alerts': () => [],
    'monitoring.alertSettings': () => ({ desktop: { finance: true, operations: true, ecommerce: true, cx: false } }),
  })
}

function renderOverview(went: string[], fake = fakeCore()) {
  renderWithApi(
    <NavigationContext.Provider value={(id) => went.push(id)}>
      <OverviewPage />
    </NavigationContext.Provider>,
    fake,
  )
  return fake
}

/** Today picked from the trend charts' "Open a day…": its drawer. */
async function openToday() {
  fireEvent.click(await screen.findByTestId('trend-open-day'))
  const label = new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  fireEvent.click(await screen.findByRole('option', { name: label }))
  return screen.findByTestId('trend-day')
}

beforeEach(() => {
  localStorage.clear()
  takeExceptionsFilter()
  takeTraceNumber()
})

describe('Overview figures open the rows behind them', () => {
  it('Blocked opens the held orders with their reasons, as many as the figure says, each opening its trace', async () => {
    const went: string[] = []
    const fake = renderOverview(went)
    fireEvent.click(await screen.findByTestId('stat-orders-blocked'))
    const drawer = await screen.findByTestId('held-orders')
    await waitFor(() => expect(within(drawer).getAllByTestId('held-order-row')).toHaveLength(3))
    expect(screen.getByTestId('stat-orders-blocked').textContent).toBe('3')
    expect(within(drawer).getByTestId('held-orders-total').textContent).toMatch(/^3 orders are not in the ERP yet/)
    expect(within(drawer).getAllByTestId('held-order-row')[0].textContent).toMatch(/7001.*ERP refused or unreachable.*customer is blocked/)
    expect(fake.callsOf('dashboard.heldOrders')[0]).toEqual({ limit: 50, offset: 0 })
    fireEvent.click(within(drawer).getAllByTestId('order-trace-link')[1])
    expect(went).toEqual(['trace'])
    expect(takeTraceNumber()).toBe(7002)
  })

  it('Orders synced and Posted to ERP open their orders, as many as each figure says', async () => {
    const fake = renderOverview([])
    fireEvent.click(await screen.findByTestId('stat-orders-synced'))
    const drawer = await screen.findByTestId('overview-orders')
    await waitFor(() => expect(within(drawer).getAllByTestId('overview-order-row')).toHaveLength(10))
    expect(within(drawer).getByTestId('overview-orders-total').textContent).toMatch(/^10 orders, newest first/)
    expect(within(drawer).getAllByTestId('overview-order-row')[9].textContent).toMatch(/7091.*Not sent yet/)
    fireEvent.keyDown(drawer, { key: 'Escape' })
    fireEvent.click(screen.getByTestId('stat-orders-posted'))
    await waitFor(() => expect(fake.callsOf('dashboard.orders').at(-1)).toEqual({ which: 'posted', limit: 50, offset: 0 }))
    await waitFor(() => expect(within(screen.getByTestId('overview-orders')).getAllByTestId('overview-order-row')).toHaveLength(7))
    expect(screen.getByTestId('stat-orders-posted').textContent).toBe('7')
  })

  it('the Open exceptions figure opens the Exceptions screen on open and acknowledged ones', async () => {
    const went: string[] = []
    renderOverview(went)
    fireEvent.click(await screen.findByTestId('stat-open-exceptions'))
    expect(went).toEqual(['exceptions'])
    expect(takeExceptionsFilter()).toEqual({ status: ['open', 'acknowledged'] })
  })

  it("a trend day opens that day's syncs with their counters and its exceptions opened or closed", async () => {
    const went: string[] = []
    const fake = renderOverview(went)
    const drawer = await openToday()
    await waitFor(() => expect(within(drawer).getByTestId('trend-day-totals').textContent).toBe('1 sync: 29 orders read and stored, 29 posted to the ERP, 0 failed'))
    expect(fake.callsOf('monitoring.dayRuns')).toEqual([{ day: today, limit: 50, offset: 0 }])
    expect(within(drawer).getAllByTestId('trend-day-run')).toHaveLength(1)
    expect(within(drawer).getByTestId('trend-day-opened').textContent).toBe('4 opened that day')
    fireEvent.click(within(drawer).getByTestId('trend-day-opened'))
    expect(went).toEqual(['exceptions'])
    expect(takeExceptionsFilter()).toEqual({ openedOn: today })
    fireEvent.click(within(drawer).getByTestId('trend-day-closed'))
    expect(takeExceptionsFilter()).toEqual({ closedOn: today })
  })

  it('a trend day shows a sync that could not reach the ERP as Offline, not as a failure', async () => {
    const error = 'Instep cannot reach the ERP: File exchange: could not read /mnt/erp/inbox (EHOSTDOWN).'
    const offlineDay = ({ day }: MethodInput<'monitoring.dayRuns'>): MethodOutput<'monitoring.dayRuns'> => ({
      rows: [runOn(day, { id: 42, status: 'failed', counters: { fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 }, error })],
      total: 1,
      ordersSynced: 0,
      ordersPosted: 0,
      failedRuns: 0,
      offlineRuns: 1,
    })
    renderOverview([], fakeCore(offlineDay))
    const drawer = await openToday()
    const row = await within(drawer).findByTestId('trend-day-run')
    expect(within(row).getByText('Offline')).toBeTruthy()
    expect(within(row).queryByText('Failed')).toBeNull()
    expect(within(row).getByText(error).getAttribute('style') ?? '').not.toMatch(/red/)
    expect(within(drawer).getByTestId('trend-day-totals').textContent).toBe(
      '1 sync: 0 orders read and stored, 0 posted to the ERP, 0 failed, 1 offline (Centra or the ERP out of reach)',
    )
  })

  it('the Exceptions screen takes a day filter from a link, shows it, and lets it be removed', async () => {
    const fake = createFakeTransport({
      'exceptions.list': () => ({ rows: [], total: 0 }),
      'exceptions.markets': () => [],
    })
    openExceptionsWith({ openedOn: '2026-11-21' }, () => {})
    renderWithApi(<ExceptionsPage />, fake)
    await waitFor(() => expect(fake.callsOf('exceptions.list')[0]).toEqual({ limit: 100, offset: 0, openedOn: '2026-11-21' }))
    expect(screen.getByTestId('filter-openedOn').textContent).toBe('Opened on 21 Nov 2026')
    fireEvent.click(screen.getByRole('button', { name: 'Remove the filter Opened on 21 Nov 2026' }))
    await waitFor(() => expect(fake.callsOf('exceptions.list').at(-1)).toEqual({ limit: 100, offset: 0 }))
    expect(screen.queryByTestId('filter-openedOn')).toBeNull()
  })
})

describe('Overview month-end card', () => {
  const status = (lastSummary: ReconStatus['lastSummary']): ReconStatus => ({ period: now.toISOString().slice(0, 7), status: 'open', signedOffBy: null, signedOffAt: null, lastSummary })
  const drift = () => ({ takenAt: null, rows: [], total: 0, units: 0, oversell: { sizes: 0, units: 0 } })

  it('reads the stored status, never the full summary, and says how old the figures are', async () => {
    const fake = createFakeTransport({
      'reconciliation.status': () =>
        status({ at: new Date(now.getTime() - 5 * 60_000).toISOString(), undecided: 9, checks: 4, failedChecks: [{ id: 'check_stuck', label: 'Nothing stuck in posting', offenders: 2 }] }),
      'inventory.drift': drift,
    })
    renderWithApi(<HeadlineCards />, fake)
    expect((await screen.findByTestId('overview-month-end-variances')).textContent).toBe('9 variance item(s) to explain or accept')
    expect(screen.getByTestId('overview-month-end-checks').textContent).toBe('1 of 4 in-step checks fail: Nothing stuck in posting')
    expect(screen.getByTestId('overview-month-end-age').textContent).toMatch(/^Worked out 5 minutes ago/)
    expect(fake.callsOf('reconciliation.summary')).toEqual([])
  })

  it('with no figures yet, works them out on request and then shows them', async () => {
    let kept: ReconStatus['lastSummary'] = null
    const fake = createFakeTransport({
      'reconciliation.status': () => status(kept),
      'reconciliation.summary': () => {
        kept = { at: now.toISOString(), undecided: 0, checks: 4, failedChecks: [] }
        return {} as never
      },
      'inventory.drift': drift,
    })
    renderWithApi(<HeadlineCards />, fake)
    expect((await screen.findByTestId('overview-month-end-age')).textContent).toMatch(/have not been worked out yet/)
    expect(screen.queryByTestId('overview-month-end-variances')).toBeNull()
    fireEvent.click(screen.getByTestId('overview-month-end-refresh'))
    expect((await screen.findByTestId('overview-month-end-variances')).textContent).toBe('No variance left to explain or accept')
    expect(screen.getByTestId('overview-month-end-checks').textContent).toBe('All 4 in-step checks pass')
    expect(fake.callsOf('reconciliation.summary')).toEqual([{ period: now.toISOString().slice(0, 7) }])
  })
})
