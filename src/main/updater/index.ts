/**
 * Starts the updater in Electron main: the platform's electron-updater (AppImage, deb, NSIS or
 * macOS), the feed chosen from INSTEP_UPDATE_URL / the setting / app-update.yml, and a sync
 * guard that asks the core. State changes go to `onState`; main forwards them to windows later.
 */
import * as electronUpdater from 'electron-updater'
import type { Logger } from 'electron-updater'
import { UpdateController, type SyncGuard, type Updater } from './controller'
import { CoreSyncGuard, viaCoreHost } from './core-sync-guard'
import { chooseFeed } from './feed'
import type { UpdateState } from './state'

export { UpdateController, type SyncGuard, type Updater } from './controller'
export { CoreSyncGuard, viaCoreHost } from './core-sync-guard'
export { chooseFeed } from './feed'
export { describeUpdateError, type UpdateState } from './state'

export interface StartUpdaterOptions {
  /** the CoreHost (for the sync guard); or give `sync` directly */
  host?: { attach(subscriber: never): void }
  sync?: SyncGuard
  currentVersion: string
  /** the `updates.feedUrl` setting, if any */
  feedUrl?: string | null
  /** the `updates.autoDownload` setting (default: ask the user first) */
  autoDownload?: boolean
  onState?: (state: UpdateState) => void
  /** tests inject their own electron-updater instance */
  updater?: Updater
  env?: NodeJS.ProcessEnv
  /** where electron-updater's technical log goes (default: the console) */
  logger?: Logger
}

/** electron-updater is CommonJS whose `autoUpdater` is a lazy getter; reach it through whichever interop wrapper the bundler made. */
function platformUpdater(): Updater {
  const mod = (electronUpdater as unknown as { default?: typeof electronUpdater }).default ?? electronUpdater
  return mod.autoUpdater
}

/** Without a core to ask (tests, tools), nothing is ever syncing. */
const idleGuard: SyncGuard = { isSyncRunning: () => false, waitForIdle: () => Promise.resolve() }

export function startUpdater(options: StartUpdaterOptions): UpdateController {
  const sync: SyncGuard = options.sync ?? (options.host ? new CoreSyncGuard(viaCoreHost(options.host)) : idleGuard)
  const controller = new UpdateController({
    updater: options.updater ?? platformUpdater(),
    feed: chooseFeed({ setting: options.feedUrl, env: options.env }),
    sync,
    currentVersion: options.currentVersion,
    autoDownload: options.autoDownload ?? false,
    logger: options.logger,
    onState: options.onState ?? ((s) => console.info(`[updater] ${s.state}${'message' in s && s.message ? `: ${s.message}` : ''}`)),
  })
  controller.start()
  return controller
}
