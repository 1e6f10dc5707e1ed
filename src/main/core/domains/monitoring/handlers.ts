import { defineHandlers } from '../../rpc/handlers'
import { listAlerts } from './alerts'

const DAY = 86_400_000

export const monitoringHandlers = defineHandlers({
  'monitoring.trends': ({ days }, { repos, clock }) => {
    const now = clock().getTime()
    const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate())
    const dayList = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY).toISOString().slice(0, 10))
    const from = `${dayList[0]}T00:00:00.000Z`
    return {
      days: repos.monitoring.trendDays(from, dayList),
      ages: repos.monitoring.ages(now),
      throughput: repos.monitoring.throughput(10),
      errorRate: repos.monitoring.errorRate(from),
    }
  },

  'monitoring.dayRuns': ({ day, limit, offset }, { repos }) => {
    const r = repos.runs.startedOn(day, limit, offset)
    return { rows: r.rows, total: r.runs, ordersSynced: r.stored, ordersPosted: r.posted, failedRuns: r.failed, offlineRuns: r.offline }
  },

  'monitoring.alerts': ({ since, limit }, { repos, scheduler, clock }) => listAlerts({ repos, scheduler, clock }, { since, limit }),

  'monitoring.alertSettings': (_input, { repos }) => ({ desktop: repos.monitoring.alertSettings() }),

  'monitoring.setAlertSettings': ({ desktop }, { repos }) => {
    repos.monitoring.setAlertSettings(desktop)
    return { desktop: repos.monitoring.alertSettings() }
  },
})
