import { defineHandlers } from '../../rpc/handlers'

export const dashboardHandlers = defineHandlers({
  'dashboard.summary': (_input, { repos, runner }) => {
    const byState = repos.postings.countsByState()
    const byTeam = repos.exceptions.openCountByTeam()
    const last = repos.runs.lastFinished()
    const variance = repos.erpDocuments.ordersWithVariance()
    return {
      ordersSynced: repos.orders.count(),
      ordersPosted: byState.posted ?? 0,
      ordersBlocked: repos.postings.heldCount(),
      openExceptions: Object.values(byTeam).reduce((a, b) => a + b, 0),
      openExceptionsByTeam: byTeam,
      ordersWithRounding: variance.rounding,
      ordersWithMismatch: variance.mismatch,
      lastSyncAt: last?.finishedAt ?? null,
      offlineSince: runner.offlineSince(),
      lastRunStatus: last?.status ?? null,
      runningRunId: runner.runningRunId(),
    }
  },

  'dashboard.heldOrders': ({ limit, offset }, { repos }) => ({
    rows: repos.postings.held(limit, offset).map(({ number, ...r }) => ({ orderNumber: number, ...r })),
    total: repos.postings.heldCount(),
  }),

  'dashboard.orders': ({ which, limit, offset }, { repos }) => ({
    rows: repos.postings.overviewOrders(which, limit, offset).map(({ number, state, ...r }) => ({ orderNumber: number, postingState: state, ...r })),
    total: which === 'posted' ? (repos.postings.countsByState().posted ?? 0) : repos.orders.count(),
  }),
})
