import { Affix, Anchor, Notification as InAppNotification, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { Alert } from '@shared/contract'
import { useEvent } from '../../api'
import { useNavigate } from '../../app/navigation'
import { alertRoute } from '@shared/alert-route'

const ASKED_KEY = 'instep.notificationsAsked'
const SHOWN = 5

/** What the browser allows; Electron's main process notifies on its own, so the page stays quiet there. */
type NotifyWith = 'desktop' | 'ask' | 'in-app'

function notifyWith(): NotifyWith {
  if (typeof Notification === 'undefined') return 'in-app'
  if (Notification.permission === 'granted') return 'desktop'
  if (Notification.permission === 'default' && !asked()) return 'ask'
  return 'in-app'
}

function asked(): boolean {
  try {
    return localStorage.getItem(ASKED_KEY) === '1'
  } catch {
    return false
  }
}

function rememberAsked(): void {
  try {
    localStorage.setItem(ASKED_KEY, '1')
  } catch {
    // private mode: at worst the browser is asked again next time
  }
}

/**
 * Tells people about new alerts as the core pushes them (`alerts.raised`: new, for teams that
 * asked for notifications, each once). In the desktop app the main process shows them as system
 * notifications and a click brings the window here (`alerts.opened`). In a browser they become
 * browser notifications once allowed (asked for once), otherwise notes in the corner of the app.
 */
export function AlertsWatcher({ desktopShell = typeof window !== 'undefined' && !!window.instep }: { desktopShell?: boolean }) {
  const navigate = useNavigate()
  const [inApp, setInApp] = useState<Alert[]>([])

  useEvent('alerts.opened', ({ route }) => navigate(route))
  useEvent('alerts.raised', ({ alerts }) => {
    if (desktopShell) return
    const how = notifyWith()
    if (how === 'desktop') {
      for (const a of alerts.slice(-SHOWN)) {
        const n = new Notification(a.title, { body: a.detail, tag: a.key })
        n.onclick = () => {
          window.focus()
          navigate(alertRoute(a))
          n.close()
        }
      }
      return
    }
    if (how === 'ask') {
      rememberAsked()
      void Notification.requestPermission().catch(() => 'denied')
    }
    setInApp((list) => [...[...alerts].reverse(), ...list].slice(0, SHOWN))
  })

  if (inApp.length === 0) return null
  const dismiss = (key: string) => setInApp((list) => list.filter((x) => x.key !== key))
  return (
    <Affix position={{ bottom: 20, right: 20 }} zIndex={400}>
      <Stack gap="xs" w={380}>
        {inApp.map((a) => (
          <InAppNotification
            key={a.key}
            title={a.title}
            color={a.kind === 'exception' || a.kind === 'stock_held' ? 'orange' : 'red'}
            onClose={() => dismiss(a.key)}
            data-testid="in-app-alert"
            closeButtonProps={{ 'aria-label': 'Dismiss alert' }}
          >
            <Text size="sm">{a.detail}</Text>
            <Anchor
              component="button"
              size="sm"
              onClick={() => {
                dismiss(a.key)
                navigate(alertRoute(a))
              }}
            >
              Open
            </Anchor>
          </InAppNotification>
        ))}
      </Stack>
    </Affix>
  )
}
