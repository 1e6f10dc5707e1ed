/**
 * Supervises the core in an Electron utility process: start it, wait for the ready handshake,
 * hand each window its own MessagePort to the core, and restart the core if it crashes (with a
 * limit, so a core that cannot start shows its reason instead of looping).
 */
import { MessageChannelMain, safeStorage, utilityProcess, type UtilityProcess, type WebContents } from 'electron'
import { SecretVault } from './os/secret-vault'
import { join } from 'node:path'
import type { ErrorInfo } from '../shared/errors'

export type CoreState = { state: 'starting' } | { state: 'ready' } | { state: 'failed'; message: string }

const MAX_RESTARTS = 3
const READY_TIMEOUT_MS = 20_000

export class CoreHost {
  private child: UtilityProcess | null = null
  private restarts = 0
  private stopping = false
  private state: CoreState = { state: 'starting' }
  private readonly windows = new Set<WebContents>()

  private readonly vault: SecretVault

  constructor(private readonly workspaceDir: string) {
    this.vault = new SecretVault(workspaceDir, safeStorage)
  }

  /** The core asks main to keep a secret (only main can use the OS keyring). */
  private answerSecretRequest(child: UtilityProcess, msg: { type?: string; id?: number; key?: string; value?: string; allowWeak?: boolean }): void {
    if (typeof msg.id !== 'number') return
    try {
      if (msg.type === 'secret.status') {
        child.postMessage({ type: 'secret.result', id: msg.id, ok: true, protection: this.vault.status() })
      } else if (msg.type === 'secret.put' && typeof msg.key === 'string' && typeof msg.value === 'string') {
        const protection = this.vault.put(msg.key, msg.value, { allowWeak: msg.allowWeak === true })
        child.postMessage({ type: 'secret.result', id: msg.id, ok: true, protection })
      }
    } catch (e) {
      child.postMessage({ type: 'secret.result', id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) })
    }
  }

  start(): void {
    this.setState({ state: 'starting' })
    const child = utilityProcess.fork(join(__dirname, 'core.js'), [], { serviceName: 'Instep core', stdio: 'inherit' })
    this.child = child
    const timer = setTimeout(() => {
      this.setState({ state: 'failed', message: 'The engine did not start within 20 seconds.' })
      child.kill()
    }, READY_TIMEOUT_MS)
    child.on('message', (msg: { type?: string; error?: ErrorInfo; id?: number; key?: string; value?: string; allowWeak?: boolean }) => {
      if (msg.type === 'secret.put' || msg.type === 'secret.status') {
        this.answerSecretRequest(child, msg)
        return
      }
      if (msg.type === 'ready') {
        clearTimeout(timer)
        this.restarts = 0
        this.setState({ state: 'ready' })
        for (const wc of this.windows) this.connect(wc)
      } else if (msg.type === 'failed') {
        clearTimeout(timer)
        this.stopping = true // a start failure (e.g. a database from a newer version) will not heal by restarting
        this.setState({ state: 'failed', message: msg.error?.message ?? 'The engine could not start.' })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      this.child = null
      if (this.stopping) return
      if (this.restarts < MAX_RESTARTS) {
        this.restarts++
        this.start()
      } else {
        this.setState({ state: 'failed', message: `The engine stopped unexpectedly (exit code ${code}) and could not be restarted.` })
      }
    })
    // Decrypted here, handed over in memory: secrets never touch the disk in clear.
    child.postMessage({ type: 'start', workspaceDir: this.workspaceDir, secrets: this.vault.readAll() })
  }

  /** Registers a window: it gets a port now if the core is ready, and again after every restart. */
  attach(wc: WebContents): void {
    this.windows.add(wc)
    wc.once('destroyed', () => this.windows.delete(wc))
    wc.send('core-status', this.state)
    if (this.state.state === 'ready') this.connect(wc)
  }

  async stop(): Promise<void> {
    this.stopping = true
    const child = this.child
    if (!child) return
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        child.kill()
        done()
      }, 5_000)
      child.once('exit', () => {
        clearTimeout(timer)
        done()
      })
      child.postMessage({ type: 'stop' })
    })
  }

  private connect(wc: WebContents): void {
    if (!this.child || wc.isDestroyed()) return
    const { port1, port2 } = new MessageChannelMain()
    this.child.postMessage({ type: 'connect' }, [port1])
    wc.postMessage('core-port', null, [port2])
  }

  private setState(state: CoreState): void {
    this.state = state
    for (const wc of this.windows) if (!wc.isDestroyed()) wc.send('core-status', state)
  }
}
