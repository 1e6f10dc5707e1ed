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

parentPort.on('message', (e) => {
  const msg = e.data as { type?: string; workspaceDir?: string; secrets?: Record<string, string> }
  if (msg.type === 'start' && typeof msg.workspaceDir === 'string' && !core) {
    try {
      core = createCore({
        workspaceDir: msg.workspaceDir,
        mode: 'electron',
        secrets: { provided: msg.secrets ?? {}, store: keyringSecretStore(parentPort) },
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
