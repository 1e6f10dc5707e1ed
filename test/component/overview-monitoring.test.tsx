import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert, MethodInput, Trends } from '@shared/contract'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { takeExceptionsFilter } from '../../src/renderer/src/components/exceptionsLink'
import { OverviewPage } from '../../src/renderer/src/features/dashboard/OverviewPage'
import { createFakeTransport } from './fake-transport'
import { dashboardSummary } from './fixtures'
import { renderWithApi } from './render'

const now = new Date()
const days = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(now.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10),
  ordersSynced: i,
  ordersPosted: i,
  failedRuns: i % 7 === 0 ? 1 : 0,
  offlineRuns: 0,
  exceptionsOpened: 1,
  exceptionsClosed: 0,
}))
const trends: Trends = {
  days,
  ages: [
    { team: 'finance', underHour: 1, underDay: 2, underWeek: 0, older: 0 },
    { team: 'operations', underHour: 0, underDay: 0, underWeek: 0, older: 0 },
    { team: 'ecommerce', underHour: 3, underDay: 0, underWeek: 0, older: 4 },
    { team: 'cx', underHour: 0, underDay: 0, underWeek: 0, older: 0 },
  ],
  throughput: { runs: 4, orders: 120, ordersPerMinute: 42.5 },
  errorRate: { finishedRuns: 10, failedRuns: 1, offlineRuns: 0, ordersRead: 200, ordersNotPosted: 5 },
}
const alert: Alert = {
  key: 'exception:7:9',
  kind: 'exception',
  team: 'ecommerce',
  title: 'SKU X has no ERP item',
  detail: 'Map it, then retry.',
  at: now.toISOString(),
  exceptionId: 7,
  runId: null,
  desktop: true,
}

function fakeCore(alerts: Alert[] = [alert]) {
  const settings = { finance: true, operations: true, ecommerce: true, cx: false }
  return createFakeTransport({
    'dashboard.summary': () =>
      dashboardSummary({
        ordersSynced: 10,
        ordersPosted: 8,
        ordersBlocked: 2,
        openExceptions: 10,
        openExceptionsByTeam: { finance: 3, operations: 0, ecommerce: 7, cx: 0 },
        lastSyncAt: now.toISOString(),
        lastRunStatus: 'partial',
      }),
    'sync.listRuns': () => [],
    'sync.jobs': () => [
      { job: 'orders', everyMinutes: 5, staleAfterMinutes: 30, lastSuccessAt: now.toISOString(), nextRunAt: now.toISOString(), runningRunId: null, stale: false },
      { job: 'fulfilment', everyMinutes: 15, staleAfterMinutes: 60, lastSuccessAt: null, nextRunAt: null, runningRunId: null, stale: true },
    ],
    'monitoring.trends': () => trends,
    'monitoring.alerts': () => alerts,
    'monitoring.alertSettings': () => ({ desktop: { ...settings } }),
    'monitoring.setAlertSettings': ({ desktop }: MethodInput<'monitoring.setAlertSettings'>) => (Object.assign(settings, desktop), { desktop: { ...settings } }),
  })
}

beforeEach(() => localStorage.clear())

describe('Overview monitoring', () => {
  it('shows job health, trends, throughput and error rate', async () => {
    renderWithApi(<OverviewPage />, fakeCore())
    await waitFor(() => expect(screen.getAllByTestId('job-health-row')).toHaveLength(2))
    expect(screen.getAllByTestId('job-stale')).toHaveLength(1)
    expect(await screen.findByTestId('trend-chart')).toBeTruthy()
    expect(screen.getByTestId('stat-throughput').textContent).toBe('42.5 orders/min')
    expect(screen.getByTestId('stat-error-rate').textContent).toBe('2.5 % of orders')
    expect(screen.getByTestId('sync-status').textContent).toBe('Completed with exceptions')
  })

  it('opens the Exceptions screen filtered to the rows behind an age count', async () => {
    const went: string[] = []
    renderWithApi(
      <NavigationContext.Provider value={(id) => went.push(id)}>
        <OverviewPage />
      </NavigationContext.Provider>,
      fakeCore(),
    )
    fireEvent.click(await screen.findByTestId('age-ecommerce-older'))
    expect(went).toEqual(['exceptions'])
    expect(takeExceptionsFilter()).toEqual({ status: ['open', 'acknowledged'], team: ['ecommerce'], olderThanHours: 168 })
    expect(takeExceptionsFilter()).toBeNull() // taken once
  })

  it('turns desktop notifications on per team', async () => {
    const fake = fakeCore()
    renderWithApi(<OverviewPage />, fake)
    const cx = (await screen.findByTestId('alert-setting-cx')) as HTMLInputElement
    await waitFor(() => expect(cx.disabled).toBe(false))
    expect(cx.checked).toBe(false)
    fireEvent.click(cx)
    await waitFor(() => expect(fake.callsOf('monitoring.setAlertSettings')).toEqual([{ desktop: { cx: true } }]))
    await waitFor(() => expect((screen.getByTestId('alert-setting-cx') as HTMLInputElement).checked).toBe(true))
    expect(within(screen.getByTestId('alerts-feed')).getByText('SKU X has no ERP item')).toBeTruthy()
  })

  it('opens the screen an alert in the list is about', async () => {
    const navigate = vi.fn()
    renderWithApi(
      <NavigationContext.Provider value={navigate}>
        <OverviewPage />
      </NavigationContext.Provider>,
      fakeCore([alert, { ...alert, key: 'run:4', kind: 'sync_failed', team: 'operations', title: 'Order sync failed', exceptionId: null, runId: 4 }]),
    )
    const feed = await screen.findByTestId('alerts-feed')
    fireEvent.click(await within(feed).findByText('SKU X has no ERP item'))
    fireEvent.click(within(feed).getByText('Order sync failed'))
    expect(navigate.mock.calls).toEqual([['exceptions'], ['overview']])
  })
})
