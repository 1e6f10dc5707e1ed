/**
 * The month-end card on the Overview: the period's sign-off state (read from its row, always
 * current) and what the last full summary found (kept in recon_status each time the summary is
 * worked out, with when). The full summary reads every order of the month — seconds on a busy
 * month — so the Overview must not ask for it each time it opens; the card shows how old the kept
 * figures are.
 */
import type { ReconStatus, ReconSummary } from '../../../../shared/contract/reconciliation'
import type { Repos } from '../../db/repos'

export function keepSummary(repos: Repos, summary: ReconSummary, at: Date): void {
  // Without this the write would make the month-end screen's next question work the month out
  // again (seconds on a busy month) though nothing it reads has changed.
  repos.reconciliation.keepingWorkingTables(() =>
    repos.reconStatus.put(summary.period, {
      at: at.toISOString(),
      undecided: summary.causes.reduce((n, c) => n + c.undecided, 0),
      checks: summary.checks.length,
      failedChecks: summary.checks.filter((c) => !c.passed).map((c) => ({ id: c.id, label: c.label, offenders: c.offenders })),
    }),
  )
}

export function periodStatus(repos: Repos, period: string): ReconStatus {
  const state = repos.reconciliation.period(period)
  const signedOff = state?.status === 'signed_off'
  return {
    period,
    status: signedOff ? 'signed_off' : 'open',
    signedOffBy: signedOff ? state!.signed_off_by : null,
    signedOffAt: signedOff ? state!.signed_off_at : null,
    lastSummary: (repos.reconStatus.get(period) as ReconStatus['lastSummary']) ?? null,
  }
}
