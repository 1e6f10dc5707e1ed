/**
 * The bridge between the window and the updater, which only main can run: the window may ask for
 * the state, a check, a download or a restart — nothing else — and receives every state change.
 * Requests are accepted only from the app's own top-level frame.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { isUpdateMethod, UpdateState, type UpdateMethod } from '../shared/contract/updates'
import type { CallResult } from '../shared/rpc-protocol'
import type { UpdateController } from './updater'

function fromOwnWindow(event: IpcMainInvokeEvent): boolean {
  return BrowserWindow.fromWebContents(event.sender) !== null && event.senderFrame === event.sender.mainFrame
}

export function bridgeUpdates(controller: Promise<UpdateController>): (state: unknown) => void {
  ipcMain.handle('updates', async (event, method: unknown): Promise<CallResult> => {
    if (!fromOwnWindow(event)) return { ok: false, error: { code: 'auth', message: 'Refused: not from the Instep window.', retryable: false } }
    if (!isUpdateMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: 'Unknown update method.', retryable: false } }
    }
    try {
      const updater = await controller
      const run: Record<UpdateMethod, () => Promise<unknown> | unknown> = {
        'updates.status': () => updater.getState(),
        'updates.check': () => updater.check(),
        'updates.download': () => updater.download(),
        'updates.restart': async () => {
          await updater.restartToUpdate()
          return updater.getState()
        },
      }
      return { ok: true, data: UpdateState.parse(await run[method]()) }
    } catch (e) {
      return { ok: false, error: { code: 'unavailable', message: e instanceof Error ? e.message : String(e), retryable: true } }
    }
  })
  return (state) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send('updates-state', state)
  }
}
