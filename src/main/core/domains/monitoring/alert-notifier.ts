/**
 * Pushes new alerts to every connected window as `alerts.raised`, so the desktop app and the
 * browser can notify at once instead of asking every minute. What counts as an alert, and when
 * the same problem is the same alert, is decided by the feed (alerts.ts); this only remembers
 * which keys it already told about. Alerts already there when the core starts are not news.
 * Only alerts of teams that asked for desktop notifications are pushed.
 */
import type { Alert } from '../../../../shared/contract'
import { listAlerts, type AlertSources } from './alerts'

/** how many recent alerts are compared on each look; more than a burst of new ones can reach */
const LOOK = 200
/** keys remembered; older ones have long left the feed's window */
const KEEP = 5_000

export interface AlertNotifier {
  /** looks for alerts not told yet and pushes them; safe to call often */
  check(): void
}

export function createAlertNotifier(sources: AlertSources, push: (alerts: Alert[]) => void): AlertNotifier {
  const told = new Set<string>(listAlerts(sources, { limit: LOOK }).map((a) => a.key))
  return {
    check() {
      const fresh = listAlerts(sources, { limit: LOOK }).filter((a) => !told.has(a.key))
      if (fresh.length === 0) return
      for (const a of fresh) told.add(a.key)
      if (told.size > KEEP) for (const key of [...told].slice(0, told.size - KEEP)) told.delete(key)
      const wanted = fresh.filter((a) => a.desktop)
      if (wanted.length > 0) push(wanted.reverse()) // oldest first, as they happened
    },
  }
}
