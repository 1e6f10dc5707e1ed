/** Builds the month-end view and applies decisions, sign-off and reopen; the handlers stay thin. */
import type { AuditEntry, CheckId, ReconItem, ReconSummary, ReconTopic, TotalsRow, VarianceCause } from '../../../../shared/contract/reconciliation'
import { AppError } from '../../../../shared/errors'
import type { Repos } from '../../db/repos'
import type { AuditSqlRow, ItemSqlRow, TotalsSqlRow } from '../../db/repos/reconciliation.repo'
import { BASE_CURRENCY, CAUSES, CHECKS, TOPIC_LABELS } from './labels'
import { canonicalJson, chainHash, GENESIS_HASH, periodRange } from './period'
import { returnsSection } from './returns'
import { keepSummary } from './status'

const SAMPLE = 20

function totalsRow(r: TotalsSqlRow): TotalsRow {
  return {
    key: r.key,
    currency: r.currency,
    centraCount: r.centra_count,
    centraTotalMinor: r.centra_total,
    centraTaxMinor: r.centra_tax,
    erpCount: r.erp_count,
    erpTotalMinor: r.erp_total,
    erpTaxMinor: r.erp_tax,
    differenceMinor: r.erp_total - r.centra_total,
  }
}

export function toItem(r: ItemSqlRow): ReconItem {
  return {
    key: `${r.topic}:${r.ref}`,
    topic: r.topic as ReconTopic,
    orderNumber: r.order_number,
    erpNumber: r.erp_number,
    orderDate: r.order_date,
    postedAt: r.posted_at,
    currency: r.currency,
    centraMinor: r.centra_minor,
    erpMinor: r.erp_minor === null ? null : Math.round(r.erp_minor),
    amountMinor: Math.round(r.amount_minor),
    detail: r.detail,
    decision: r.decision ? { decision: r.decision as 'explained' | 'accepted', note: r.note ?? '', actor: r.actor ?? '', at: r.decided_at ?? '' } : null,
  }
}

export function toAudit(r: AuditSqlRow): AuditEntry {
  return { id: r.id, period: r.period, action: r.action, actor: r.actor, at: r.at, payload: JSON.parse(r.payload_json), prevHash: r.prev_hash, hash: r.hash }
}

export function buildSummary(repos: Repos, period: string, now: Date): ReconSummary {
  const summary = workOutSummary(repos, period, now)
  keepSummary(repos, summary, now)
  return summary
}

function workOutSummary(repos: Repos, period: string, now: Date): ReconSummary {
  const range = periodRange(period, now)
  const rec = repos.reconciliation
  const state = rec.period(period)
  const byTopic = rec.byTopic(range)
  const variances = byTopic
    .filter((t) => (CAUSES as readonly string[]).includes(t.topic))
    .map((t) => ({
      cause: t.topic as VarianceCause,
      label: TOPIC_LABELS[t.topic as VarianceCause],
      currency: t.currency,
      count: t.n,
      amountMinor: Math.round(t.amount),
      undecided: t.undecided,
    }))
  const causes = CAUSES.map((cause) => {
    const rows = variances.filter((v) => v.cause === cause)
    return { cause, label: TOPIC_LABELS[cause], count: rows.reduce((a, v) => a + v.count, 0), undecided: rows.reduce((a, v) => a + v.undecided, 0) }
  })
  const checks = CHECKS.map((id: CheckId) => {
    const rows = byTopic.filter((t) => t.topic === id)
    const offenders = rows.reduce((a, t) => a + t.n, 0)
    return {
      id,
      label: TOPIC_LABELS[id],
      passed: offenders === 0,
      offenders,
      unexplained: rows.reduce((a, t) => a + t.undecided, 0),
      sample: offenders === 0 ? [] : rec.items(range, id, false, SAMPLE, 0).map(toItem),
    }
  })
  const base = rec.baseTotals(range)
  const blockers: string[] = []
  for (const c of causes) if (c.undecided > 0) blockers.push(`${c.label}: ${c.undecided} item(s) not explained or accepted`)
  for (const c of checks) if (c.unexplained > 0) blockers.push(`Check failed — ${c.label}: ${c.unexplained} order(s) not explained`)
  const signedOff = state?.status === 'signed_off'
  if (signedOff) blockers.push('The period is already signed off')
  return {
    period,
    from: range.from,
    to: range.to,
    status: signedOff ? 'signed_off' : 'open',
    signedOffBy: signedOff ? state!.signed_off_by : null,
    signedOffAt: signedOff ? state!.signed_off_at : null,
    auditHash: state?.audit_hash ?? null,
    byMarket: rec.byMarket(range).map(totalsRow),
    byCurrency: rec.byCurrency(range).map(totalsRow),
    byTaxRate: rec.byTaxRate(range).map((r) => totalsRow({ ...r, key: `${Number(r.key)}%` })),
    base: {
      currency: BASE_CURRENCY,
      label: `All currencies in ${BASE_CURRENCY}, each order converted at its own Centra conversion rate`,
      centraTotalMinor: Math.round(base.centra),
      erpTotalMinor: Math.round(base.erp),
      differenceMinor: Math.round(base.erp) - Math.round(base.centra),
    },
    variances,
    returns: returnsSection(repos, range),
    causes,
    checks,
    canSignOff: blockers.length === 0,
    blockers,
    audit: rec.audit(period).map(toAudit),
  }
}

function assertOpen(repos: Repos, period: string): void {
  if (repos.reconciliation.period(period)?.status === 'signed_off') {
    throw new AppError('conflict', `${period} is signed off and locked. Reopen it (with a reason) to change anything.`)
  }
}

/** Appends one entry to the chain; the caller's transaction makes it land with the change it records. */
function appendAudit(repos: Repos, period: string, action: string, actor: string, at: string, details: Record<string, unknown>): string {
  const prevHash = repos.reconciliation.lastAuditHash() ?? GENESIS_HASH
  const payload = canonicalJson({ period, action, actor, at, ...details })
  const hash = chainHash(prevHash, payload)
  repos.reconciliation.appendAudit({ period, action, actor, at, payload, prevHash, hash })
  return hash
}

export function decide(
  repos: Repos,
  now: Date,
  input: { period: string; keys?: string[]; topic?: ReconTopic; decision: 'explained' | 'accepted'; note: string; actor: string },
): { decided: number } {
  const range = periodRange(input.period, now)
  const at = now.toISOString()
  repos.reconciliation.prepare(range)
  return repos.tx(() => {
    assertOpen(repos, input.period)
    let keys: string[]
    if (input.keys && input.keys.length > 0) {
      const known = new Set(repos.reconciliation.itemKeys(range, input.topic ?? null, false))
      const unknown = input.keys.filter((k) => !known.has(k))
      if (unknown.length > 0) throw new AppError('not_found', `Not an open item of ${input.period}: ${unknown.slice(0, 5).join(', ')}`)
      keys = [...new Set(input.keys)]
    } else {
      keys = repos.reconciliation.itemKeys(range, input.topic ?? null, true)
    }
    repos.reconciliation.decide(keys.map((key) => ({ period: input.period, key, decision: input.decision, note: input.note, actor: input.actor, at })))
    if (keys.length > 0) {
      appendAudit(repos, input.period, input.decision === 'accepted' ? 'accept' : 'explain', input.actor, at, {
        note: input.note,
        count: keys.length,
        keys: keys.slice(0, 1000),
      })
    }
    return { decided: keys.length }
  })
}

export function signOff(repos: Repos, now: Date, input: { period: string; actor: string; note: string }): { period: string; hash: string; signedOffAt: string } {
  const at = now.toISOString()
  repos.reconciliation.prepare(periodRange(input.period, now))
  return repos.tx(() => {
    assertOpen(repos, input.period)
    const summary = buildSummary(repos, input.period, now)
    if (!summary.canSignOff) throw new AppError('conflict', `${input.period} cannot be signed off yet: ${summary.blockers.join('; ')}.`)
    const hash = appendAudit(repos, input.period, 'sign_off', input.actor, at, {
      note: input.note,
      totals: { byCurrency: summary.byCurrency, base: summary.base },
      variances: summary.variances.map(({ cause, currency, count, amountMinor }) => ({ cause, currency, count, amountMinor })),
      checks: summary.checks.map(({ id, passed, offenders }) => ({ id, passed, offenders })),
    })
    repos.reconciliation.setPeriod({ period: input.period, status: 'signed_off', by: input.actor, at, hash })
    return { period: input.period, hash, signedOffAt: at }
  })
}

export function reopen(repos: Repos, now: Date, input: { period: string; actor: string; reason: string }): { period: string; hash: string } {
  const at = now.toISOString()
  return repos.tx(() => {
    if (repos.reconciliation.period(input.period)?.status !== 'signed_off') throw new AppError('conflict', `${input.period} is not signed off, so there is nothing to reopen.`)
    const hash = appendAudit(repos, input.period, 'reopen', input.actor, at, { reason: input.reason })
    repos.reconciliation.setPeriod({ period: input.period, status: 'open', by: null, at, hash })
    return { period: input.period, hash }
  })
}

export function verifyAudit(repos: Repos): { ok: boolean; entries: number; brokenAtId: number | null; message: string } {
  const rows = repos.reconciliation.auditAll()
  let prev = GENESIS_HASH
  for (const r of rows) {
    const expected = chainHash(prev, r.payload_json)
    const fieldsMatch = (() => {
      try {
        const p = JSON.parse(r.payload_json) as Record<string, unknown>
        return canonicalJson(p) === r.payload_json && p.period === r.period && p.action === r.action && p.actor === r.actor && p.at === r.at
      } catch {
        return false
      }
    })()
    if (r.prev_hash !== prev || r.hash !== expected || !fieldsMatch) {
      return { ok: false, entries: rows.length, brokenAtId: r.id, message: `The audit log does not add up at entry ${r.id} (${r.action} of ${r.period}): it was changed after it was written.` }
    }
    prev = r.hash
  }
  return { ok: true, entries: rows.length, brokenAtId: null, message: rows.length === 0 ? 'The audit log is empty.' : `All ${rows.length} audit entries chain correctly.` }
}
