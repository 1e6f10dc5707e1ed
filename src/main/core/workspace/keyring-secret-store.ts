/**
 * The engine's side of the desktop app's secret store: only Electron main can use the OS keyring
 * (safeStorage), so the engine asks main over its parent port to store a secret or to say how
 * secrets are protected on this computer, and waits for the answer. The value travels once, in
 * memory, from the engine to main; it is never written anywhere in clear.
 */
import type { SecretProtection, SecretStore } from './secrets'

/** The utility process's parent port, as far as this store uses it. */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export function keyringSecretStore(port: ParentPortLike): SecretStore {
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
