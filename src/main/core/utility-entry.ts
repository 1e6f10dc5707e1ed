/**
 * Entry of the core when Electron main forks it as a utilityProcess. Main sends one `start`
 * message with the workspace; then a MessagePort per window. The reply `ready` (or `failed`
 * with a reason) is the handshake main waits for. No `electron` import: parentPort is the
 * utility process's global.
 */
import { createCore, type Core } from './core'
import { openConnection } from './transports/connection'
import { toErrorInfo } from '../../shared/errors'
import type { SecretProtection, SecretStore } from './workspace/secrets'

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

/** New secrets go to main, which alone can use the OS keyring (Electron safeStorage). */
function keyringSecretStore(port: ParentPort): SecretStore {
  let nextId = 1
  const pending = new Map<number, { resolve: (p: SecretProtection) => void; reject: (e: Error) => void }>()
  port.on('message', (e) => {
    const msg = e.data as { type?: string; id?: number; ok?: boolean; protection?: SecretProtection; error?: string }
    if (msg.type !== 'secret.result' || typeof msg.id !== 'number') return
    const waiter = pending.get(msg.id)
    pending.delete(msg.id)
    if (!waiter) return
    if (msg.ok && msg.protection) waiter.resolve(msg.protection)
    else waiter.reject(new Error(msg.error ?? 'The secret could not be stored.'))
  })
  const ask = (message: Record<string, unknown>) =>
    new Promise<SecretProtection>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      port.postMessage({ ...message, id })
    })
  return {
    status: () => ask({ type: 'secret.status' }),
    put: (key, value, options) => ask({ type: 'secret.put', key, value, allowWeak: options.allowWeak === true }),
  }
}

parentPort.on('message', (e) => {
  const msg = e.data as { type?: string; workspaceDir?: string; secrets?: Record<string, string> }
  if (msg.type === 'start' && typeof msg.workspaceDir === 'string' && !core) {
    try {
      core = createCore({
        workspaceDir: msg.workspaceDir,
        mode: 'electron',
        secrets: { provided: msg.secrets ?? {}, store: keyringSecretStore(parentPort) },
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
