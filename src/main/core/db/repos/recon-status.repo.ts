import type { Db } from '../open'

/** One period's kept month-end figures (see migration 018). */
export interface KeptReconStatus {
  at: string
  undecided: number
  checks: number
  failedChecks: { id: string; label: string; offenders: number }[]
}

export function createReconStatusRepo(db: Db) {
  const get = db.prepare('SELECT computed_at, undecided, checks, failed_checks_json FROM recon_status WHERE period = ?')
  const put = db.prepare(`INSERT INTO recon_status (period, computed_at, undecided, checks, failed_checks_json) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (period) DO UPDATE SET computed_at = excluded.computed_at, undecided = excluded.undecided, checks = excluded.checks,
      failed_checks_json = excluded.failed_checks_json`)
  return {
    get(period: string): KeptReconStatus | null {
      const r = get.get(period) as { computed_at: string; undecided: number; checks: number; failed_checks_json: string } | undefined
      return r ? { at: r.computed_at, undecided: r.undecided, checks: r.checks, failedChecks: JSON.parse(r.failed_checks_json) } : null
    },
    put(period: string, s: KeptReconStatus): void {
      put.run(period, s.at, s.undecided, s.checks, JSON.stringify(s.failedChecks))
    },
  }
}
export type ReconStatusRepo = ReturnType<typeof createReconStatusRepo>
