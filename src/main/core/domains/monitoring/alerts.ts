/**
 * The alert feed, derived from what is already recorded: the event that opened or reopened a
 * high-severity exception, a failed run, a job without a success for too long. Each alert has a
 * stable key, so the same problem is told once however often it is looked at.
 */
import type { Alert } from '../../../../shared/contract'
import { isOfflineError } from '../../../../shared/offline'
import type { Repos } from '../../db/repos'
import { iso, type Clock } from '../../db/repos/clock'
import type { Scheduler } from '../../sync/engine/scheduler'

export const ALERT_WINDOW_MS = 7 * 86_400_000
const JOB_LABEL: Record<string, string> = { orders: 'Order sync', fulfilment: 'Shipment sync', stock: 'Stock sync', 'stock-sweep': 'Full stock sync' }

const SAID_BY_RUNS = new Set(['sync_failed', 'stale_sync'])

export interface AlertSources {
  repos: Repos
  scheduler: Pick<Scheduler, 'states'>
  clock: Clock
}

export function listAlerts({ repos, scheduler, clock }: AlertSources, input: { since?: string; limit: number }): Alert[] {
  const desktop = repos.monitoring.alertSettings()
  const after = input.since ?? new Date(clock().getTime() - ALERT_WINDOW_MS).toISOString()
  const alerts: Alert[] = []
  for (const r of repos.monitoring.exceptionAlerts(after, input.limit)) {
    // A failed or late sync is told by its own alert below; its exception would say it twice.
    if (SAID_BY_RUNS.has(r.category)) continue
    alerts.push({
      // one alert per episode: the exception row plus the event that opened or reopened it
      key: `exception:${r.exception_id}:${r.event_id}`,
      kind: r.category === 'stock_push_held' ? 'stock_held' : 'exception',
      team: r.team,
      title: r.kind === 'reopened' ? `Reopened: ${r.title}` : r.title,
      detail: r.detail,
      at: r.at,
      exceptionId: r.exception_id,
      runId: null,
      desktop: desktop[r.team],
    })
  }
  for (const r of repos.monitoring.failedRuns(after, input.limit)) {
    // Offline is a state the banner tells and the stale alert covers when it lasts: no "failed".
    if (isOfflineError(r.error)) continue
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
  return alerts.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, input.limit)
}
