import type { DashboardSummary } from '@shared/contract'

/** The Overview's figures: a quiet, healthy store unless a test says otherwise. */
export function dashboardSummary(over: Partial<DashboardSummary> = {}): DashboardSummary {
  return {
    ordersSynced: 120,
    ordersPosted: 115,
    ordersBlocked: 4,
    ordersWithRounding: 0,
    ordersWithMismatch: 0,
    openExceptions: 2,
    openExceptionsByTeam: { finance: 1, operations: 0, ecommerce: 1, cx: 0 },
    lastSyncAt: '2026-11-27T00:00:00.000Z',
    offlineSince: null,
    lastRunStatus: 'succeeded',
    runningRunId: null,
    ...over,
  }
}
