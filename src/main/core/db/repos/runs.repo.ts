import type { Db } from '../open'
import type { RunCounters, RunStatus, SyncJob, SyncRun } from '../../../../shared/contract'
import { OFFLINE_MESSAGE_PREFIX } from '../../../../shared/offline'

/**
 * A run that failed only because Centra or the ERP could not be reached (its error starts with the
 * offline words, as isOfflineError reads them): the Overview counts it as offline, not as an error,
 * and the day's runs it opens show it so. Case-sensitive, as startsWith is (LIKE would not be).
 */
export const OFFLINE_RUN = `(status = 'failed' AND substr(COALESCE(error, ''), 1, ${OFFLINE_MESSAGE_PREFIX.length}) = '${OFFLINE_MESSAGE_PREFIX.replaceAll("'", "''")}')`
export const FAILED_RUN = `(status = 'failed' AND NOT ${OFFLINE_RUN})`

interface RunRow {
  id: number
  job: string
  trigger: string
  status: string
  started_at: string
  finished_at: string | null
  fetched: number
  stored: number
  posted: number
  already_in_erp: number
  blocked: number
  failed: number
  error: string | null
}

function toRun(r: RunRow): SyncRun {
  return {
    id: r.id,
    job: r.job as SyncJob,
    status: r.status as RunStatus,
    trigger: r.trigger as SyncRun['trigger'],
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counters: {
      fetched: r.fetched,
      stored: r.stored,
      posted: r.posted,
      alreadyInErp: r.already_in_erp,
      blocked: r.blocked,
      failed: r.failed,
    },
    error: r.error,
  }
}

export function createRunsRepo(db: Db) {
  const insert = db.prepare("INSERT INTO sync_runs (job, trigger, status, started_at) VALUES (?, ?, 'running', ?)")
  const updateCounters = db.prepare(
    `UPDATE sync_runs SET fetched = @fetched, stored = @stored, posted = @posted, already_in_erp = @alreadyInErp,
       blocked = @blocked, failed = @failed WHERE id = @id`,
  )
  const finish = db.prepare('UPDATE sync_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?')
  const byId = db.prepare('SELECT * FROM sync_runs WHERE id = ?')
  const recent = db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?')
  const lastFinished = db.prepare("SELECT * FROM sync_runs WHERE status != 'running' ORDER BY id DESC LIMIT 1")
  const running = db.prepare("SELECT * FROM sync_runs WHERE status = 'running' ORDER BY id DESC")
  const lastSuccess = db.prepare(
    "SELECT finished_at FROM sync_runs WHERE job = ? AND status IN ('succeeded','partial') ORDER BY id DESC LIMIT 1",
  )
  const firstStarted = db.prepare('SELECT started_at FROM sync_runs WHERE job = ? ORDER BY id LIMIT 1')
  // A day of the Overview's trend chart: the runs it sums (monitoring.repo groups by the same
  // started_at day), newest first, with the sums so the list and the bar can be seen to agree.
  const startedOn = db.prepare('SELECT * FROM sync_runs WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?')
  const startedOnTotals = db.prepare(`SELECT COUNT(*) AS runs, COALESCE(SUM(stored), 0) AS stored, COALESCE(SUM(posted), 0) AS posted,
      COALESCE(SUM(CASE WHEN ${FAILED_RUN} THEN 1 ELSE 0 END), 0) AS failed,
      COALESCE(SUM(CASE WHEN ${OFFLINE_RUN} THEN 1 ELSE 0 END), 0) AS offline FROM sync_runs WHERE started_at >= ? AND started_at < ?`)
  const abandon = db.prepare("UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE status = 'running'")

  return {
    start(job: SyncJob, trigger: SyncRun['trigger'], at: string): number {
      return Number(insert.run(job, trigger, at).lastInsertRowid)
    },
    saveCounters(id: number, c: RunCounters): void {
      updateCounters.run({ id, ...c })
    },
    finish(id: number, status: RunStatus, at: string, error: string | null): void {
      finish.run(status, at, error, id)
    },
    get(id: number): SyncRun | null {
      const row = byId.get(id) as RunRow | undefined
      return row ? toRun(row) : null
    },
    recent(limit: number): SyncRun[] {
      return (recent.all(limit) as RunRow[]).map(toRun)
    },
    lastFinished(): SyncRun | null {
      const row = lastFinished.get() as RunRow | undefined
      return row ? toRun(row) : null
    },
    running(): SyncRun[] {
      return (running.all() as RunRow[]).map(toRun)
    },
    /** When the job last ran to the end (with or without exceptions). */
    lastSuccessAt(job: SyncJob): string | null {
      return (lastSuccess.get(job) as { finished_at: string } | undefined)?.finished_at ?? null
    },
    firstStartedAt(job: SyncJob): string | null {
      return (firstStarted.get(job) as { started_at: string } | undefined)?.started_at ?? null
    },
    /** Runs started on one UTC day (YYYY-MM-DD), a page at a time, and what they add up to. */
    startedOn(
      day: string,
      limit: number,
      offset: number,
    ): { rows: SyncRun[]; runs: number; stored: number; posted: number; failed: number; offline: number } {
      const from = `${day}T00:00:00.000Z`
      const to = new Date(Date.parse(from) + 86_400_000).toISOString()
      const totals = startedOnTotals.get(from, to) as { runs: number; stored: number; posted: number; failed: number; offline: number }
      return { rows: (startedOn.all(from, to, limit, offset) as RunRow[]).map(toRun), ...totals }
    },
    /** After a crash: runs left 'running' by a previous process are closed honestly. */
    abandonRunning(at: string, reason: string): number {
      return abandon.run(at, reason).changes
    },
  }
}
export type RunsRepo = ReturnType<typeof createRunsRepo>
