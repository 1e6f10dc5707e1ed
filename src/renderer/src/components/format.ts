/** Plain-words formatting shared by the screens. */
import type { RunStatus, Team } from '@shared/contract'

const numberFormat = new Intl.NumberFormat('en-GB')

export function formatCount(n: number): string {
  return numberFormat.format(n)
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' })
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** "2 minutes ago", "yesterday"; "just now" for the last few seconds. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  let value = (t - now) / 1000
  if (Math.abs(value) < 10) return 'just now'
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit)
    value /= size
  }
  return relative.format(Math.round(value), 'year')
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isNaN(t) ? iso : dateTime.format(t)
}

/** A month-end period ('2026-03') in words: 'March 2026'. */
export function formatPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

export function formatDuration(startIso: string, endIso: string | null, now: number = Date.now()): string {
  const ms = (endIso ? Date.parse(endIso) : now) - Date.parse(startIso)
  if (!Number.isFinite(ms) || ms < 0) return '—'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

export const TEAMS: readonly Team[] = ['finance', 'operations', 'ecommerce', 'cx']

export const TEAM_LABEL: Record<Team, string> = {
  finance: 'Finance',
  operations: 'Operations',
  ecommerce: 'Ecommerce',
  cx: 'CX',
}

/** The four words e2e tests and people read for a run's outcome. */
export type StatusWord = 'Succeeded' | 'Completed with exceptions' | 'Cancelled' | 'Failed' | 'Running' | 'Offline'

/**
 * 'partial' means the run went through every order but some could not be posted (they wait on a
 * fix and show up as exceptions): it reads "Completed with exceptions", as docs/getting-started.md
 * tells people, so nobody mistakes it for a clean run.
 */
export function runStatusWord(status: RunStatus): StatusWord {
  switch (status) {
    case 'running':
      return 'Running'
    case 'succeeded':
      return 'Succeeded'
    case 'partial':
      return 'Completed with exceptions'
    case 'cancelled':
      return 'Cancelled'
    case 'failed':
      return 'Failed'
  }
}

export const STATUS_COLOR: Record<StatusWord, string> = {
  Succeeded: 'teal',
  'Completed with exceptions': 'yellow',
  Cancelled: 'gray',
  Failed: 'red',
  Running: 'blue',
  // Offline is a state Instep waits out (it retries every minute), not a failure: no red.
  Offline: 'gray',
}

const POSTING_STATE_WORD: Record<string, string> = {
  planned: 'Ready to send',
  sending: 'Being sent',
  posted: 'In the ERP',
  failed: 'Sending failed',
  blocked: 'Held back',
  needs_review: 'Needs review',
  withdrawn: 'Cancelled, taken out of the ERP',
}

/** Where an order's posting to the ERP stands, in the words the Overview and Order trace share. */
export function postingStateWord(state: string): string {
  return POSTING_STATE_WORD[state] ?? state
}
