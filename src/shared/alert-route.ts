import type { Alert } from './contract/monitoring'

/**
 * The screen an alert opens: the exception queue, the held push on Stock & drift, or the sync
 * health on the Overview. Shared by the page and the desktop shell's notifications.
 */
export function alertRoute(alert: Pick<Alert, 'kind'>): string {
  if (alert.kind === 'exception') return 'exceptions'
  if (alert.kind === 'stock_held') return 'stock'
  return 'overview'
}
