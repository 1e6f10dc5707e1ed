/**
 * The update flow around electron-updater: check (at start, on a timer, on demand), download
 * when the user agrees (or at once, by setting), and restart to install — but never in the
 * middle of a sync. A sync that is cut off is recoverable, yet finance should never see a run
 * marked "stopped" because an update restarted the app; so a restart waits for the sync.
 *
 * The electron-updater object is injected, so tests drive the real AppImageUpdater against a
 * local feed and the app drives the platform's `autoUpdater`.
 */
import type { AppUpdater, Logger, UpdateInfo } from 'electron-updater'
import type { FeedChoice } from './feed'
import { describeUpdateError, messages, releaseNotesText, type UpdatePhase, type UpdateState } from './state'

/** The part of electron-updater's AppUpdater this controller uses. */
export type Updater = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'setFeedURL' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'on' | 'off'
> & { logger: Logger | null }

/** What the updater needs to know about syncs; answered by the core (see core-sync-guard.ts). */
export interface SyncGuard {
  isSyncRunning(): boolean
  /** resolves once no sync is running (at once if none is) */
  waitForIdle(): Promise<void>
}

export interface UpdateControllerOptions {
  updater: Updater
  feed: FeedChoice
  sync: SyncGuard
  onState: (state: UpdateState) => void
  currentVersion: string
  /** download as soon as an update is found instead of waiting for the user (default false) */
  autoDownload?: boolean
  /** check again this often; 0 turns the timer off (default 4 hours) */
  checkEveryMs?: number
  logger?: Logger
  now?: () => Date
}

const FOUR_HOURS = 4 * 60 * 60 * 1000

export class UpdateController {
  private state: UpdateState = { state: 'idle', message: null, checkedAt: null }
  private phase: UpdatePhase = 'check'
  private available: { version: string; releaseNotes: string | null } | null = null
  private restarting: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null
  private readonly detach: (() => void)[] = []

  constructor(private readonly options: UpdateControllerOptions) {
    const { updater, feed } = options
    updater.logger = options.logger ?? console
    // We start downloads ourselves, so every download goes through the same error handling.
    updater.autoDownload = false
    // A downloaded update is also installed when the user quits Instep normally.
    updater.autoInstallOnAppQuit = true
    if (feed.kind === 'url') updater.setFeedURL({ provider: 'generic', url: feed.url })

    this.listen('update-available', (info: UpdateInfo) => {
      this.available = { version: info.version, releaseNotes: releaseNotesText(info.releaseNotes) }
      this.set({ state: 'available', ...this.available })
      if (this.options.autoDownload) void this.download()
    })
    this.listen('update-not-available', () => {
      this.set({ state: 'idle', message: messages.upToDate(this.options.currentVersion), checkedAt: this.nowIso() })
    })
    this.listen('download-progress', (p: { percent: number; transferred: number; total: number }) => {
      if (this.state.state !== 'downloading') return
      this.set({
        state: 'downloading',
        version: this.state.version,
        percent: Math.min(100, Math.round(p.percent * 10) / 10),
        transferredBytes: p.transferred,
        totalBytes: p.total,
      })
    })
    this.listen('update-downloaded', (event: UpdateInfo) => {
      // Only emitted after the file's sha512 matched the feed (builder-util-runtime's DigestTransform).
      const notes = releaseNotesText(event.releaseNotes) ?? this.available?.releaseNotes ?? null
      this.set({ state: 'ready', version: event.version, releaseNotes: notes, restartPending: false, message: null })
    })
    this.listen('error', (error: Error) => this.fail(error))
  }

  getState(): UpdateState {
    return this.state
  }

  /** First check now, then on the timer. */
  start(): void {
    void this.check()
    const every = this.options.checkEveryMs ?? FOUR_HOURS
    if (every > 0) {
      this.timer = setInterval(() => void this.check(), every)
      this.timer.unref()
    }
  }

  /** Asks the feed whether there is a newer version. Never throws; the outcome is the new state. */
  async check(): Promise<UpdateState> {
    if (this.options.feed.kind === 'invalid') {
      return this.set({ state: 'error', code: 'not_configured', message: `Instep cannot check for updates. ${this.options.feed.message}` })
    }
    // A check must not throw away a download in progress or a verified update waiting to install.
    if (['checking', 'downloading', 'ready', 'installing'].includes(this.state.state)) return this.state
    this.phase = 'check'
    this.set({ state: 'checking' })
    try {
      const result = await this.options.updater.checkForUpdates()
      // null: electron-updater is inactive (not a packaged release, or an AppImage run unpacked)
      if (result === null) this.set({ state: 'idle', message: messages.disabled, checkedAt: this.nowIso() })
    } catch (error) {
      this.fail(error)
    }
    return this.state
  }

  /** Downloads the update found by the last check; the user agreed, or autoDownload is on. */
  async download(): Promise<UpdateState> {
    if (this.state.state !== 'available' && !(this.state.state === 'error' && this.available && this.phase === 'download')) {
      return this.state
    }
    const version = this.available!.version
    this.phase = 'download'
    this.set({ state: 'downloading', version, percent: 0, transferredBytes: 0, totalBytes: 0 })
    try {
      await this.options.updater.downloadUpdate()
    } catch (error) {
      this.fail(error)
    }
    return this.state
  }

  /**
   * "Restart to update": installs now if no sync is running; otherwise says so, waits for the
   * sync to finish and then restarts. The promise settles when the install has been started.
   */
  restartToUpdate(): Promise<void> {
    if (this.state.state !== 'ready') return Promise.resolve()
    this.restarting ??= this.restartWhenIdle().finally(() => {
      this.restarting = null
    })
    return this.restarting
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    for (const off of this.detach.splice(0)) off()
  }

  private async restartWhenIdle(): Promise<void> {
    const { sync } = this.options
    // Loop: a scheduled sync may start between "idle" and the restart.
    while (sync.isSyncRunning()) {
      if (this.state.state !== 'ready') return
      this.set({ ...this.state, restartPending: true, message: messages.waitingForSync })
      await sync.waitForIdle()
    }
    if (this.state.state !== 'ready') return
    const version = this.state.version
    this.phase = 'install'
    this.set({ state: 'installing', version })
    try {
      // Silent install, then start the new version (NSIS runs without its wizard; AppImage is replaced).
      this.options.updater.quitAndInstall(true, true)
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    // electron-updater has already logged the technical detail through its logger.
    const { code, message } = describeUpdateError(error, this.phase)
    this.set({ state: 'error', code, message })
  }

  private set(state: UpdateState): UpdateState {
    const same = JSON.stringify(state) === JSON.stringify(this.state)
    this.state = state
    if (!same) this.options.onState(state)
    return state
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-updater's typed emitter overloads per event
  private listen(event: string, handler: (...args: any[]) => void): void {
    const updater = this.options.updater as unknown as { on(e: string, h: typeof handler): void; off(e: string, h: typeof handler): void }
    updater.on(event, handler)
    this.detach.push(() => updater.off(event, handler))
  }
}
