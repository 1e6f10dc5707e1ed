/** Period arithmetic and the audit chain's hashing: pure functions, shared by handlers, exports and the benchmark. */
import { createHash } from 'node:crypto'
import type { PeriodRange } from '../../db/repos/reconciliation.repo'

export const GENESIS_HASH = '0'.repeat(64)

/** A calendar month in UTC: from the first instant of the month to the first instant of the next. */
export function periodRange(period: string, now: Date): PeriodRange {
  const [y, m] = period.split('-').map(Number)
  const from = new Date(Date.UTC(y, m - 1, 1)).toISOString()
  const to = new Date(Date.UTC(y, m, 1)).toISOString()
  return { period, from, to, stuckBefore: new Date(now.getTime() - 60 * 60 * 1000).toISOString() }
}

export function currentPeriod(now: Date): string {
  return now.toISOString().slice(0, 7)
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function chainHash(prevHash: string, payloadJson: string): string {
  return createHash('sha256').update(prevHash + payloadJson).digest('hex')
}
