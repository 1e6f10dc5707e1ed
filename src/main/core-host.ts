/**
 * Supervises the core in an Electron utility process: start it, wait for the ready handshake,
 * hand each window its own MessagePort to the core, and restart the core if it crashes (with a
 * limit, so a core that cannot start shows its reason instead of looping). Switching workspace
 * starts a second core on the new one and swaps only once it is ready, so a workspace that cannot
 * open leaves the current one running.
 */
import { MessageChannelMain, safeStorage, utilityProcess, type UtilityProcess, type WebContents } from 'electron'
import { SecretVault } from './os/secret-vault'
import { join } from 'node:path'
import type { ErrorInfo } from '../shared/errors'

export type CoreState = { state: 'starting' } | { state: 'ready' } | { state: 'failed'; message: string }

const MAX_RESTARTS = 3
const READY_TIMEOUT_MS = 20_000
/** the old core's last answer (to the call that switched) reaches the window before it stops */
const SWITCH_GRACE_MS = 300

export interface CoreHostHooks {
  /** new alerts the core pushed (for desktop notifications) */
  onAlerts?: (alerts: unknown) => void
  /** a workspace is open and ready: at start and after each switch */
  onOpened?: (workspaceDir: string) => void
}

type ChildMessage = { type?: string; error?: ErrorInfo; id?: number; key?: string; value?: string; allowWeak?: boolean; dir?: string; alerts?: unknown }

export class CoreHost {
  private child: UtilityProcess | null = null
  private restarts = 0
  private stopping = false
  private state: CoreState = { state: 'starting' }
  private readonly windows = new Set<WebContents>()

  private vault: SecretVault
  private switching = false

  constructor(
    private workspaceDir: string,
    private readonly hooks: CoreHostHooks = {},
  ) {
    this.vault = new SecretVault(workspaceDir, safeStorage)
  }

  /** The core asks main to keep a secret (only main can use the OS keyring). */
  private answerSecretRequest(child: UtilityProcess, vault: SecretVault, msg: ChildMessage): void {
    if (typeof msg.id !== 'number') return
    try {
      if (msg.type === 'secret.status') {
        child.postMessage({ type: 'secret.result', id: msg.id, ok: true, protection: vault.status() })
      } else if (msg.type === 'secret.put' && typeof msg.key === 'string' && typeof msg.value === 'string') {
        const protection = vault.put(msg.key, msg.value, { allowWeak: msg.allowWeak === true })
        child.postMessage({ type: 'secret.result', id: msg.id, ok: true, protection })
      }
    } catch (e) {
      child.postMessage({ type: 'secret.result', id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) })
    }
  }

  /** Forks a core on a workspace and answers what it asks of main; `ready` and `failed` go to the caller. */
  private spawn(dir: string, vault: SecretVault, onReady: () => void, onFailed: (message: string, final: boolean) => void): UtilityProcess {
    const child = utilityProcess.fork(join(__dirname, 'core.js'), [], { serviceName: 'Instep core', stdio: 'inherit' })
    const timer = setTimeout(() => {
      onFailed('The engine did not start within 20 seconds.', false)
      child.kill()
    }, READY_TIMEOUT_MS)
    child.on('message', (msg: ChildMessage) => {
      if (msg.type === 'secret.put' || msg.type === 'secret.status') {
        this.answerSecretRequest(child, vault, msg)
      } else if (msg.type === 'alerts') {
        if (child === this.child) this.hooks.onAlerts?.(msg.alerts)
      } else if (msg.type === 'workspace.open' && typeof msg.id === 'number' && typeof msg.dir === 'string') {
        const id = msg.id
        this.switchTo(msg.dir).then(
          () => child.postMessage({ type: 'workspace.result', id, ok: true }),
          (e: unknown) => child.postMessage({ type: 'workspace.result', id, ok: false, error: e instanceof Error ? e.message : String(e) }),
        )
      } else if (msg.type === 'ready') {
        clearTimeout(timer)
        onReady()
      } else if (msg.type === 'failed') {
        clearTimeout(timer)
        onFailed(msg.error?.message ?? 'The engine could not start.', true)
      }
    })
    child.on('exit', () => clearTimeout(timer))
    // Decrypted here, handed over in memory: secrets never touch the disk in clear.
    child.postMessage({ type: 'start', workspaceDir: dir, secrets: vault.readAll() })
    return child
  }

  start(): void {
    this.setState({ state: 'starting' })
    const child = this.spawn(
      this.workspaceDir,
      this.vault,
      () => {
        this.restarts = 0
        this.setState({ state: 'ready' })
        for (const wc of this.windows) this.connect(wc)
        this.hooks.onOpened?.(this.workspaceDir)
      },
      (message, final) => {
        // a start failure (e.g. a database from a newer version) will not heal by restarting
        if (final) this.stopping = true
        this.setState({ state: 'failed', message })
      },
    )
    this.adopt(child)
  }

  /** Restarts the core if it stops on its own, unless it was replaced by a switch or asked to stop. */
  private adopt(child: UtilityProcess): void {
    this.child = child
    child.on('exit', (code) => {
      if (this.child !== child) return
      this.child = null
      if (this.stopping) return
      if (this.restarts < MAX_RESTARTS) {
        this.restarts++
        this.start()
      } else {
        this.setState({ state: 'failed', message: `The engine stopped unexpectedly (exit code ${code}) and could not be restarted.` })
      }
    })
  }

  /**
   * Opens another workspace: a second core starts on it; when it is ready it replaces the running
   * one and the windows reload on it. If it cannot start, it is stopped and the error says why;
   * the running core was never touched.
   */
  switchTo(dir: string): Promise<void> {
    if (this.switching) return Promise.reject(new Error('Another workspace is being opened; wait for it to finish.'))
    this.switching = true
    const vault = new SecretVault(dir, safeStorage)
    return new Promise<void>((resolve, reject) => {
      const child = this.spawn(
        dir,
        vault,
        () => {
          this.switching = false
          resolve()
          setTimeout(() => this.replaceWith(child, dir, vault), SWITCH_GRACE_MS)
        },
        (message) => {
          this.switching = false
          child.kill()
          reject(new Error(message))
        },
      )
    })
  }

  private replaceWith(child: UtilityProcess, dir: string, vault: SecretVault): void {
    const old = this.child
    this.workspaceDir = dir
    this.vault = vault
    this.restarts = 0
    this.adopt(child)
    if (old) {
      old.postMessage({ type: 'stop' })
      setTimeout(() => old.kill(), 5_000)
    }
    this.setState({ state: 'ready' })
    // Every screen was showing the old workspace: start the windows afresh on the new core.
    for (const wc of this.windows) {
      if (wc.isDestroyed()) continue
      wc.once('did-finish-load', () => {
        wc.send('core-status', this.state)
        this.connect(wc)
      })
      wc.reload()
    }
    this.hooks.onOpened?.(dir)
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
