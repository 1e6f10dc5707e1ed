/**
 * Turns a rule the workspace file breaks into a sentence a business user can act on: the field
 * by its name on the Settings screen, and what it must be.
 */
import type { z } from 'zod'

const JOB_NAMES: Record<string, string> = { orders: 'Order sync', fulfilment: 'Shipment sync', stock: 'Stock sync', stockSweep: 'Full stock sweep' }

const LABELS: Record<string, string> = {
  'centra.url': 'The Centra API address',
  'centra.timeoutMs': 'The Centra timeout',
  'erp.baseUrl': 'The Business Central API address',
  'erp.tokenUrl': 'The sign-in (token) address',
  'erp.clientId': 'The client id',
  'erp.companyId': 'The company id',
  'erp.companyName': 'The company name',
  'erp.timeoutMs': 'The ERP timeout',
  'erp.root': 'The exchange folder',
  'erp.delimiter': 'The column delimiter',
  'orders.varianceTolerance.perLineMinor': 'The tolerance per line',
  'orders.varianceTolerance.perOrderMinor': 'The tolerance per order',
}

function labelFor(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.')
  if (LABELS[key]) return LABELS[key]
  const job = /^schedule\.(\w+?)(EveryMinutes|StaleAfterMinutes)$/.exec(key)
  if (job) return `${JOB_NAMES[job[1]] ?? job[1]}: ${job[2] === 'EveryMinutes' ? '“runs every”' : '“late after”'}`
  if (path[0] === 'orders' && path[1] === 'taxCodes') return `The tax code for ${String(path[2] ?? '')} %`
  if (path[0] === 'orders' && path[1] === 'taxCodesByMarket') return `The tax code for ${String(path[3] ?? '')} % in market ${String(path[2] ?? '')}`
  if (path[0] === 'exceptions' && path[1] === 'teams') return `The team for ${String(path[2] ?? 'a category')}`
  return `The setting ${key}`
}

const UNITS: [suffix: string, one: string, many: string, scale: number][] = [
  ['Minutes', 'minute', 'minutes', 1],
  ['Minor', 'cent', 'cents', 1],
  // Timeouts are kept in milliseconds but shown in seconds on the Settings screen.
  ['Ms', 'second', 'seconds', 1000],
]

/** "1 minute", "1440 minutes", "300 seconds" (from 300000 ms), or the bare number. */
function amount(path: readonly PropertyKey[], n: number | bigint): string {
  const last = String(path[path.length - 1] ?? '')
  const unit = UNITS.find(([suffix]) => last.endsWith(suffix))
  if (!unit) return String(n)
  const value = Number(n) / unit[3]
  return `${value} ${value === 1 ? unit[1] : unit[2]}`
}

export function plainIssue(issue: z.core.$ZodIssue): string {
  const label = labelFor(issue.path)
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? `${label} is too long (at most ${String(issue.maximum)} characters).` : `${label} must be at most ${amount(issue.path, issue.maximum)}.`
    case 'too_small':
      if (issue.origin === 'string') return `${label} must be filled in.`
      return `${label} must be at least ${amount(issue.path, issue.minimum)}.`
    case 'invalid_format':
      return issue.format === 'url' ? `${label} must be a full web address, such as https://example.com/…` : `${label} is not in the expected form.`
    case 'invalid_type':
      if (issue.expected === 'int') return `${label} must be a whole number.`
      if (issue.expected === 'number') return `${label} must be a number.`
      return `${label} must be filled in.`
    case 'invalid_value':
      return `${label} must be one of: ${issue.values.map(String).join(', ')}.`
    default:
      return `${label}: ${issue.message}`
  }
}
