/**
 * Desktop notifications for alerts the core pushes (`alerts.raised`; it already chose which are
 * new and which teams want them). A click brings the window forward on the alert's screen.
 */
import { BrowserWindow, Notification } from 'electron'
import { alertRoute } from '../shared/alert-route'
import { Alert } from '../shared/contract/monitoring'

/** a burst (a sync that failed many orders) shows its latest few, not a wall of notifications */
const SHOWN = 5

export function showAlertNotifications(payload: unknown): void {
  if (!Notification.isSupported()) return
  const parsed = Alert.array().safeParse(payload)
  if (!parsed.success) return
  for (const alert of parsed.data.slice(-SHOWN)) {
    const n = new Notification({ title: alert.title, body: alert.detail })
    n.on('click', () => {
      const win = BrowserWindow.getAllWindows()[0]
      if (!win) return
      if (win.isMinimized()) win.restore()
      win.show()
      win.focus()
      win.webContents.send('alert-opened', { route: alertRoute(alert) })
    })
    n.show()
  }
}
