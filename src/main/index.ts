/**
 * Electron main: lifecycle and windows only. The store, sync engine and connectors run in the
 * core utility process (see core-host.ts); main never opens the database.
 */
import { app, BrowserWindow, ipcMain } from 'electron'
import { resolve } from 'node:path'
import { CoreHost } from './core-host'
import { bridgeUpdates } from './update-ipc'
import { createMainWindow, hardenSession } from './windows/main-window'
import { appHomeDir, defaultDemoWorkspace } from './core/workspace/paths'
import { recordOpened } from './core/workspace/known-workspaces'
import { showAlertNotifications } from './alert-notifications'

function workspaceFromArgs(argv: string[]): string {
  const i = argv.indexOf('--workspace')
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1])
  return defaultDemoWorkspace()
}

if (!app.requestSingleInstanceLock()) app.quit()

const host = new CoreHost(workspaceFromArgs(process.argv), {
  onAlerts: showAlertNotifications,
  // the switcher lists recently opened workspaces; a list that cannot be written is no reason to fail
  onOpened: (dir) => {
    try {
      recordOpened(appHomeDir(), dir)
    } catch (e) {
      console.error('Could not update the recent workspaces list:', e)
    }
  },
})

// IPC main answers: a window asking for its core connection again (after a reload), and the updater's methods (update-ipc.ts).
ipcMain.on('core-reconnect', (event) => {
  const win = BrowserWindow.fromWebContents(event.sender)
  if (!win || event.senderFrame !== event.sender.mainFrame) return
  host.attach(event.sender)
})

app.whenReady().then(() => {
  hardenSession()
  host.start()
  const open = () => host.attach(createMainWindow().webContents)
  open()
  // Update state reaches the windows as the `updates.state` event; see update-ipc.ts.
  let forward: (state: unknown) => void = () => {}
  const updater = import('./updater').then((u) => u.startUpdater({ host, currentVersion: app.getVersion(), onState: (s) => forward(s) }))
  forward = bridgeUpdates(updater)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
})

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('before-quit', () => void host.stop())
