import type { Alert } from '../../../../shared/contract'
import { iso } from '../../db/repos/clock'
import { defineHandlers } from '../../rpc/handlers'

const DAY = 86_400_000
const JOB_LABEL: Record<string, string> = { orders: 'Order sync', fulfilment: 'Shipment sync' }

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

  'monitoring.alerts': ({ since, limit }, { repos, scheduler, clock }) => {
    const desktop = repos.monitoring.alertSettings()
    const after = since ?? new Date(clock().getTime() - 7 * DAY).toISOString()
    const alerts: Alert[] = []
    for (const r of repos.monitoring.exceptionAlerts(after, limit)) {
      alerts.push({
        // one alert per episode: the exception row plus the event that opened or reopened it
        key: `exception:${r.exception_id}:${r.event_id}`,
        kind: 'exception',
        team: r.team,
        title: r.kind === 'reopened' ? `Reopened: ${r.title}` : r.title,
        detail: r.detail,
        at: r.at,
        exceptionId: r.exception_id,
        runId: null,
        desktop: desktop[r.team],
      })
    }
    for (const r of repos.monitoring.failedRuns(after, limit)) {
      alerts.push({
        key: `run:${r.id}`,
        kind: 'sync_failed',
        team: 'operations',
        title: `${JOB_LABEL[r.job] ?? r.job} failed`,
        detail: r.error ?? 'The sync stopped before it finished.',
        at: r.finished_at,
        exceptionId: null,
        runId: r.id,
        desktop: desktop.operations,
      })
    }
    for (const s of scheduler.states()) {
      if (!s.stale) continue
      alerts.push({
        // one alert per stretch without a success
        key: `stale:${s.job}:${s.lastSuccessAt ?? 'never'}`,
        kind: 'sync_stale',
        team: 'operations',
        title: `${JOB_LABEL[s.job] ?? s.job} has not succeeded for over ${s.staleAfterMinutes} minutes`,
        detail: s.lastSuccessAt ? `Last success ${s.lastSuccessAt}.` : 'It has never succeeded.',
        at: iso(clock),
        exceptionId: null,
        runId: null,
        desktop: desktop.operations,
      })
    }
    return alerts.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit)
  },

  'monitoring.alertSettings': (_input, { repos }) => ({ desktop: repos.monitoring.alertSettings() }),

  'monitoring.setAlertSettings': ({ desktop }, { repos }) => {
    repos.monitoring.setAlertSettings(desktop)
    return { desktop: repos.monitoring.alertSettings() }
  },
})
