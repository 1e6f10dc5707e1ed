/**
 * Answers "is a sync running?" for the updater, from the core itself: main holds its own
 * MessagePort to the core (like a window does), asks `sync.jobs` once connected and after every
 * `sync.finished`, and treats `sync.progress` as "running". Main never opens the database.
 */
import type { CallResult, EventMessage, ResultMessage } from '../../shared/rpc-protocol'
import type { SyncGuard } from './controller'

/** The part of Electron's MessagePortMain used here (a DOM-like port in tests). */
export interface CorePort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
  start(): void
}

/**
 * Something that hands over a port to the core each time the core is (re)started, and says
 * when the core goes away. CoreHost does both for windows; `viaCoreHost` adapts it.
 */
export interface CoreLinkSource {
  onPort(listener: (port: CorePort) => void): void
  onDown(listener: () => void): void
}

interface JobStateLike {
  runningRunId: number | null
}

const RECHECK_MS = 15_000

export class CoreSyncGuard implements SyncGuard {
  private port: CorePort | null = null
  private running = false
  private nextId = 1
  private readonly pending = new Map<number, (r: CallResult) => void>()
  private idleWaiters: (() => void)[] = []

  constructor(source: CoreLinkSource) {
    source.onPort((port) => {
      this.port = port
      port.on('message', (e) => this.receive(e.data as ResultMessage | EventMessage))
      port.start()
      void this.refresh()
    })
    source.onDown(() => {
      // A core that is restarting runs no sync; calls in flight will never be answered.
      this.port = null
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'core restarted', retryable: true } })
      this.pending.clear()
      this.setRunning(false)
    })
  }

  isSyncRunning(): boolean {
    return this.running
  }

  waitForIdle(): Promise<void> {
    if (!this.running) return Promise.resolve()
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve)
      // In case a finished event is lost (the core crashed mid-run), ask again now and then.
      const timer = setInterval(() => {
        if (!this.running) clearInterval(timer)
        else void this.refresh()
      }, RECHECK_MS)
      timer.unref()
    })
  }

  /** Asks the core which jobs are running now. */
  async refresh(): Promise<void> {
    const result = await this.call('sync.jobs', {})
    if (result.ok) this.setRunning((result.data as JobStateLike[]).some((j) => j.runningRunId !== null))
  }

  private call(method: string, input: unknown): Promise<CallResult> {
    const port = this.port
    if (!port) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'core not connected', retryable: true } })
    return new Promise((resolve) => {
      const id = this.nextId++
      this.pending.set(id, resolve)
      port.postMessage({ type: 'call', id, method, input })
    })
  }

  private receive(msg: ResultMessage | EventMessage): void {
    if (msg.type === 'result') {
      const resolve = this.pending.get(msg.id)
      this.pending.delete(msg.id)
      resolve?.(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error })
    } else if (msg.type === 'event') {
      if (msg.event === 'sync.progress') this.setRunning(true)
      // Another job may still be running: ask rather than assume.
      else if (msg.event === 'sync.finished') void this.refresh()
    }
  }

  private setRunning(running: boolean): void {
    this.running = running
    if (!running) for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}

/** What CoreHost calls on each window it serves; see viaCoreHost. */
interface HostSubscriber {
  send(channel: string, status: { state: string }): void
  postMessage(channel: string, message: unknown, ports: CorePort[]): void
  once(event: 'destroyed', listener: () => void): void
  isDestroyed(): boolean
}

/**
 * Subscribes to CoreHost as if main were one more window: CoreHost then hands it a fresh port
 * after every core (re)start and reports core status — with no change to CoreHost. (If CoreHost
 * grows a public `openPort()`, use that instead.)
 */
export function viaCoreHost(host: { attach(subscriber: never): void }): CoreLinkSource {
  const portListeners: ((port: CorePort) => void)[] = []
  const downListeners: (() => void)[] = []
  const subscriber: HostSubscriber = {
    send(channel, status) {
      if (channel === 'core-status' && status.state !== 'ready') for (const l of downListeners) l()
    },
    postMessage(channel, _message, ports) {
      if (channel === 'core-port' && ports[0]) for (const l of portListeners) l(ports[0])
    },
    once() {},
    isDestroyed: () => false,
  }
  // Attach on the next tick, once both listeners are in place.
  queueMicrotask(() => host.attach(subscriber as never))
  return {
    onPort: (l) => portListeners.push(l),
    onDown: (l) => downListeners.push(l),
  }
}
