import type { Db } from '../open'
import type { AgeBuckets, Team, TrendDay } from '../../../../shared/contract'
import { OFFLINE_MESSAGE_PREFIX } from '../../../../shared/offline'
import { CLOSING_EVENT, OPENING_EVENT } from './exceptions.repo'
import { FAILED_RUN, OFFLINE_RUN } from './runs.repo'

const TEAMS: Team[] = ['finance', 'operations', 'ecommerce', 'cx']

export interface ExceptionAlertRow {
  event_id: number
  at: string
  kind: string
  exception_id: number
  team: Team
  category: string
  title: string
  detail: string
}

export interface FailedRunRow {
  id: number
  job: string
  finished_at: string
  error: string | null
}

/** Monitoring figures, all computed in SQL from runs, exception history and the exception queue. */
export function createMonitoringRepo(db: Db) {
  const runsPerDay = db.prepare(`
    SELECT substr(started_at, 1, 10) AS day, SUM(stored) AS synced, SUM(posted) AS posted,
      SUM(CASE WHEN ${FAILED_RUN} THEN 1 ELSE 0 END) AS failed, SUM(CASE WHEN ${OFFLINE_RUN} THEN 1 ELSE 0 END) AS offline
    FROM sync_runs WHERE started_at >= ? GROUP BY day`)
  // Distinct exceptions, not events: one reopened and closed twice in a day is one exception
  // that day, as in the Exceptions list the bar opens (filter openedOn / closedOn).
  const eventsPerDay = db.prepare(`
    SELECT substr(at, 1, 10) AS day,
      COUNT(DISTINCT CASE WHEN ${OPENING_EVENT} THEN exception_id END) AS opened,
      COUNT(DISTINCT CASE WHEN ${CLOSING_EVENT} THEN exception_id END) AS closed
    FROM exception_events WHERE at >= ? AND (${OPENING_EVENT} OR ${CLOSING_EVENT})
    GROUP BY day`)
  const ages = db.prepare(`
    SELECT team,
      SUM(CASE WHEN first_seen_at > @hour THEN 1 ELSE 0 END) AS under_hour,
      SUM(CASE WHEN first_seen_at <= @hour AND first_seen_at > @day THEN 1 ELSE 0 END) AS under_day,
      SUM(CASE WHEN first_seen_at <= @day AND first_seen_at > @week THEN 1 ELSE 0 END) AS under_week,
      SUM(CASE WHEN first_seen_at <= @week THEN 1 ELSE 0 END) AS older
    FROM exceptions WHERE status IN ('open','acknowledged') GROUP BY team`)
  const lastRuns = db.prepare(`
    SELECT fetched, started_at, finished_at FROM sync_runs
    WHERE job = 'orders' AND finished_at IS NOT NULL AND status IN ('succeeded','partial') ORDER BY id DESC LIMIT ?`)
  const errorRate = db.prepare(`
    SELECT COUNT(*) AS finished, SUM(CASE WHEN ${FAILED_RUN} THEN 1 ELSE 0 END) AS failed,
      SUM(CASE WHEN ${OFFLINE_RUN} THEN 1 ELSE 0 END) AS offline,
      COALESCE(SUM(fetched), 0) AS fetched, COALESCE(SUM(blocked + failed), 0) AS not_posted
    FROM sync_runs WHERE started_at >= ? AND finished_at IS NOT NULL`)
  // The event that opened an episode of a high-severity exception: a later occurrence of the same
  // live exception only counts up (no event), so it never raises a second alert.
  const exceptionAlerts = db.prepare(`
    SELECT ev.id AS event_id, ev.at, ev.kind, e.id AS exception_id, e.team, e.category, e.title, e.detail
    FROM exception_events ev JOIN exceptions e ON e.id = ev.exception_id
    WHERE ev.kind IN ('opened','reopened') AND e.severity = 'high' AND ev.at > ?
    ORDER BY ev.at DESC, ev.id DESC LIMIT ?`)
  // The run that started a stretch of failures of its job: while a job keeps failing (the network
  // is down and it retries every minute) the later failures are the same problem, not new alerts.
  const failedRuns = db.prepare(`
    SELECT r.id, r.job, r.finished_at, r.error FROM sync_runs r
    WHERE r.status = 'failed' AND r.finished_at IS NOT NULL AND r.finished_at > ?
      AND COALESCE((SELECT CASE WHEN p.status = 'failed' AND p.error LIKE ? THEN 'offline' ELSE p.status END
                    FROM sync_runs p WHERE p.job = r.job AND p.id < r.id AND p.finished_at IS NOT NULL AND p.status <> 'cancelled'
                    ORDER BY p.id DESC LIMIT 1), '') <> 'failed'
    ORDER BY r.finished_at DESC LIMIT ?`)
  const settings = db.prepare('SELECT team, desktop FROM alert_settings')
  const setSetting = db.prepare(
    'INSERT INTO alert_settings (team, desktop) VALUES (?, ?) ON CONFLICT (team) DO UPDATE SET desktop = excluded.desktop',
  )

  return {
    trendDays(fromDay: string, days: string[]): TrendDay[] {
      const byDay = new Map<string, TrendDay>(
        days.map((day) => [day, { day, ordersSynced: 0, ordersPosted: 0, failedRuns: 0, offlineRuns: 0, exceptionsOpened: 0, exceptionsClosed: 0 }]),
      )
      for (const r of runsPerDay.all(fromDay) as { day: string; synced: number; posted: number; failed: number; offline: number }[]) {
        const d = byDay.get(r.day)
        if (d) Object.assign(d, { ordersSynced: r.synced ?? 0, ordersPosted: r.posted ?? 0, failedRuns: r.failed ?? 0, offlineRuns: r.offline ?? 0 })
      }
      for (const r of eventsPerDay.all(fromDay) as { day: string; opened: number; closed: number }[]) {
        const d = byDay.get(r.day)
        if (d) Object.assign(d, { exceptionsOpened: r.opened ?? 0, exceptionsClosed: r.closed ?? 0 })
      }
      return [...byDay.values()]
    },
    ages(now: number): AgeBuckets[] {
      const t = (h: number) => new Date(now - h * 3_600_000).toISOString()
      const rows = ages.all({ hour: t(1), day: t(24), week: t(24 * 7) }) as {
        team: Team
        under_hour: number
        under_day: number
        under_week: number
        older: number
      }[]
      return TEAMS.map((team) => {
        const r = rows.find((x) => x.team === team)
        return { team, underHour: r?.under_hour ?? 0, underDay: r?.under_day ?? 0, underWeek: r?.under_week ?? 0, older: r?.older ?? 0 }
      })
    },
    throughput(runs: number): { runs: number; orders: number; ordersPerMinute: number } {
      const rows = lastRuns.all(runs) as { fetched: number; started_at: string; finished_at: string }[]
      const orders = rows.reduce((n, r) => n + r.fetched, 0)
      const ms = rows.reduce((n, r) => n + Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at)), 0)
      return { runs: rows.length, orders, ordersPerMinute: ms > 0 ? Math.round((orders / (ms / 60_000)) * 10) / 10 : 0 }
    },
    errorRate(from: string) {
      const r = errorRate.get(from) as { finished: number; failed: number | null; offline: number | null; fetched: number; not_posted: number }
      return { finishedRuns: r.finished, failedRuns: r.failed ?? 0, offlineRuns: r.offline ?? 0, ordersRead: r.fetched, ordersNotPosted: r.not_posted }
    },
    exceptionAlerts(since: string, limit: number): ExceptionAlertRow[] {
      return exceptionAlerts.all(since, limit) as ExceptionAlertRow[]
    },
    failedRuns(since: string, limit: number): FailedRunRow[] {
      // A failure right after an offline run starts a new streak: being offline alerted nothing.
      return failedRuns.all(since, `${OFFLINE_MESSAGE_PREFIX}%`, limit) as FailedRunRow[]
    },
    alertSettings(): Record<Team, boolean> {
      const out: Record<Team, boolean> = { finance: false, operations: false, ecommerce: false, cx: false }
      for (const r of settings.all() as { team: Team; desktop: number }[]) out[r.team] = r.desktop === 1
      return out
    },
    setAlertSettings(desktop: Partial<Record<Team, boolean>>): void {
      for (const team of TEAMS) if (desktop[team] !== undefined) setSetting.run(team, desktop[team] ? 1 : 0)
    },
  }
}
export type MonitoringRepo = ReturnType<typeof createMonitoringRepo>
