/**
 * Entry of the core when Electron main forks it as a utilityProcess. Main sends one `start`
 * message with the workspace; then a MessagePort per window. The reply `ready` (or `failed`
 * with a reason) is the handshake main waits for. No `electron` import: parentPort is the
 * utility process's global.
 */
import { createCore, type Core } from './core'
import { openConnection } from './transports/connection'
import { toErrorInfo } from '../../shared/errors'
import { keyringSecretStore } from './workspace/keyring-secret-store'

interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
  start(): void
  close(): void
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!parentPort) throw new Error('utility-entry must run inside an Electron utility process')

let core: Core | null = null

/** Opening another workspace is main's job: it starts an engine there and, once that is ready, this one stops. */
const opening = new Map<number, { resolve: () => void; reject: (e: Error) => void }>()
let nextOpenId = 1
function openWorkspaceViaMain(port: ParentPort, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = nextOpenId++
    opening.set(id, { resolve, reject })
    port.postMessage({ type: 'workspace.open', id, dir })
  })
}

parentPort.on('message', (e) => {
  const msg = e.data as { type?: string; workspaceDir?: string; secrets?: Record<string, string>; id?: number; ok?: boolean; error?: string }
  if (msg.type === 'workspace.result' && typeof msg.id === 'number') {
    const waiter = opening.get(msg.id)
    opening.delete(msg.id)
    if (msg.ok) waiter?.resolve()
    else waiter?.reject(new Error(msg.error ?? 'The workspace could not be opened.'))
    return
  }
  if (msg.type === 'start' && typeof msg.workspaceDir === 'string' && !core) {
    try {
      core = createCore({
        workspaceDir: msg.workspaceDir,
        mode: 'electron',
        secrets: { provided: msg.secrets ?? {}, store: keyringSecretStore(parentPort) },
        openWorkspace: (dir) => openWorkspaceViaMain(parentPort, dir),
      })
      // Main shows new alerts as desktop notifications; the windows get them over their ports too.
      core.subscribe((event, payload) => {
        if (event === 'alerts.raised') parentPort.postMessage({ type: 'alerts', alerts: (payload as { alerts: unknown }).alerts })
      })
      parentPort.postMessage({ type: 'ready', info: core.info() })
    } catch (error) {
      parentPort.postMessage({ type: 'failed', error: toErrorInfo(error) })
    }
    return
  }
  if (msg.type === 'connect' && core && e.ports[0]) {
    const port = e.ports[0]
    const conn = openConnection(core, (m) => port.postMessage(m))
    port.on('message', (ev) => conn.receive(ev.data))
    port.start()
    return
  }
  if (msg.type === 'stop') {
    void (core?.close() ?? Promise.resolve()).then(() => process.exit(0))
  }
})
