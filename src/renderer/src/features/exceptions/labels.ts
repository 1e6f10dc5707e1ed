import type { ExceptionStatus } from '@shared/contract'

export const STATUS_LABEL: Record<ExceptionStatus, string> = {
  open: 'Open',
  acknowledged: 'Someone is on it',
  resolved: 'Resolved',
  ignored: 'Ignored',
}

export const STATUSES: readonly ExceptionStatus[] = ['open', 'acknowledged', 'resolved', 'ignored']
export const DEFAULT_STATUSES: ExceptionStatus[] = ['open', 'acknowledged']

export type SeverityLevel = 'low' | 'medium' | 'high'
export const SEVERITY_COLOR: Record<SeverityLevel, string> = { low: 'gray', medium: 'yellow', high: 'red' }
export const SEVERITY_LABEL: Record<SeverityLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' }

/** "unmapped_sku" → "Unmapped sku"; categories are codes from the core. */
export function categoryLabel(category: string): string {
  const words = category.replace(/[_.-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
