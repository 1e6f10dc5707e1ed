/**
 * The only bridge between the sandboxed page and the app: `call` and `on` for names declared in
 * the contract, carried over a MessagePort straight to the core. Nothing else of Electron or
 * Node is exposed.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { isMethodName, isUpdateMethod, type UpdateMethod } from '../shared/contract'
import { isEventName } from '../shared/events'
import type { CoreStatus as Status, InstepBridge } from '../shared/bridge'
import type { CallResult, EventMessage, ResultMessage } from '../shared/rpc-protocol'


let port: MessagePort | null = null
let nextId = 1
const pending = new Map<number, (result: CallResult) => void>()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const statusListeners = new Set<(s: unknown) => void>()
let lastStatus: Status = { state: 'starting' }
const queued: (() => void)[] = []

const emit = (event: string, payload: unknown) => {
  for (const l of listeners.get(event) ?? []) l(payload)
}

ipcRenderer.on('core-port', (event) => {
  port = event.ports[0]
  port.onmessage = (e: MessageEvent<ResultMessage | EventMessage>) => {
    const msg = e.data
    if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error })
      pending.delete(msg.id)
    } else if (msg.type === 'event') {
      emit(msg.event, msg.payload)
    }
  }
  port.start()
  // Calls made before the core was ready go out now; calls lost with a crashed core are failed.
  while (queued.length) queued.shift()!()
})

/** The updater lives in main: only its four method names are ever sent there. */
function askUpdater(method: UpdateMethod): Promise<CallResult> {
  return ipcRenderer.invoke('updates', method) as Promise<CallResult>
}

// The updater lives in main: its state arrives here and goes to 'updates.state' listeners.
ipcRenderer.on('updates-state', (_event, state: unknown) => {
  emit('updates.state', state)
})

// A desktop notification was clicked: main brought the window forward; the page shows the alert's screen.
ipcRenderer.on('alert-opened', (_event, payload: unknown) => {
  emit('alerts.opened', payload)
})

ipcRenderer.on('core-status', (_event, status: Status) => {
  lastStatus = status
  if (status.state !== 'ready') {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: 'The engine restarted; please try again.', retryable: true } })
    }
    pending.clear()
  }
  for (const l of statusListeners) l(status)
})

const bridge: InstepBridge = {
  call(method, input) {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Unknown method ${String(method)}`, retryable: false } })
    }
    // Update methods are answered by main (it alone runs the updater); everything else by the core.
    if (isUpdateMethod(method)) return askUpdater(method)
    return new Promise((resolve) => {
      const send = () => {
        const id = nextId++
        pending.set(id, resolve)
        port!.postMessage({ type: 'call', id, method, input })
      }
      if (port) send()
      else queued.push(send)
    })
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`)
    if (event === 'core.status') {
      statusListeners.add(listener)
      listener(lastStatus)
      return () => statusListeners.delete(listener)
    }
    const set = listeners.get(event) ?? new Set()
    set.add(listener)
    listeners.set(event, set)
    return () => set.delete(listener)
  },
}

contextBridge.exposeInMainWorld('instep', bridge)
