import { Affix, Notification as InAppNotification, Stack } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import type { Alert } from '@shared/contract'
import { useQuery } from '../../api'

const SEEN_KEY = 'instep.alertsSeen'
const KEEP = 500

function readSeen(): Set<string> | null {
  try {
    const raw = localStorage.getItem(SEEN_KEY)
    return raw ? new Set(JSON.parse(raw) as string[]) : null
  } catch {
    return null
  }
}

function writeSeen(seen: Set<string>): void {
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify([...seen].slice(-KEEP)))
  } catch {
    // storage full or private mode: at worst an alert shows again after a reload
  }
}

export function desktopAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted'
}

/**
 * Tells people about new alerts once each (by the alert's key, remembered on this computer): as a
 * desktop notification when the browser or Electron allows it, otherwise in the app. Only teams
 * that asked for notifications are told; the rest see alerts in the list on the Overview.
 */
export function AlertsWatcher() {
  const feed = useQuery('monitoring.alerts', { limit: 50 }, { refreshOn: ['exceptions', 'sync', 'dashboard', 'monitoring'] })
  const [inApp, setInApp] = useState<Alert[]>([])
  const { refetch } = feed
  const refetchRef = useRef(refetch)
  useEffect(() => {
    refetchRef.current = refetch
  }, [refetch])
  // Stale syncs are noticed by time passing, not by a change: look again every minute.
  useEffect(() => {
    const timer = setInterval(() => refetchRef.current(), 60_000)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    if (!feed.data) return
    const seen = readSeen()
    if (!seen) {
      // First start on this computer: what is already there is not news.
      writeSeen(new Set(feed.data.map((a) => a.key)))
      return
    }
    const fresh = feed.data.filter((a) => !seen.has(a.key))
    if (fresh.length === 0) return
    for (const a of fresh) seen.add(a.key)
    writeSeen(seen)
    const toTell = fresh.filter((a) => a.desktop)
    if (toTell.length === 0) return
    if (desktopAllowed()) {
      for (const a of toTell.slice(0, 5)) new Notification(a.title, { body: a.detail, tag: a.key })
    } else {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- alerts arrive from the core; showing them is the effect
      setInApp((list) => [...toTell, ...list].slice(0, 5))
    }
  }, [feed.data])

  if (inApp.length === 0) return null
  return (
    <Affix position={{ bottom: 20, right: 20 }} zIndex={400}>
      <Stack gap="xs" w={380}>
        {inApp.map((a) => (
          <InAppNotification
            key={a.key}
            title={a.title}
            color={a.kind === 'exception' ? 'orange' : 'red'}
            onClose={() => setInApp((list) => list.filter((x) => x.key !== a.key))}
            data-testid="in-app-alert"
            closeButtonProps={{ 'aria-label': 'Dismiss alert' }}
          >
            {a.detail}
          </InAppNotification>
        ))}
      </Stack>
    </Affix>
  )
}
