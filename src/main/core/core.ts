/**
 * The core: store, engine and handlers for one workspace, with no Electron import, so the same
 * code runs in Electron's utility process, in browser mode, in the CLI and in tests.
 */
import { join } from 'node:path'
import type { SyncJob, SystemInfo } from '../../shared/contract'
import { events, type EventName, type EventPayload } from '../../shared/events'
import type { CallResult } from '../../shared/rpc-protocol'
import pkg from '../../../package.json'
import { openDatabase, schemaVersion } from './db/open'
import { createRepos } from './db/repos'
import { iso, systemClock, type Clock } from './db/repos/clock'
import { createDispatcher } from './rpc/dispatcher'
import { handlers } from './domains'
import { JobRunner } from './sync/engine/job-runner'
import { Scheduler } from './sync/engine/scheduler'
import { createOrderSyncJob } from './sync/engine/order-sync'
import { createFulfilmentJob } from './sync/engine/fulfilment-sync'
import { createStockJob } from './sync/engine/stock-sync'
import { AppError } from '../../shared/errors'
import type { JobFn } from './sync/engine/job-runner'
import { connectFromConfig, type Connectors } from './connect'
import { loadConfig } from './workspace/config'
import { jobSchedules } from './workspace/job-schedules'
import { createSecretResolver, fileSecretStore, type SecretStore } from './workspace/secrets'
import { appHomeDir, DATABASE_FILE, defaultWorkspacesRoot } from './workspace/paths'
import type { WorkspaceLocations } from './workspace/known-workspaces'
import { jobFailedException, traceKeys } from './domains/exceptions/causes'
import { bcIdCacheFor } from './connect/bc-id-cache'
import { createAlertNotifier, type AlertNotifier } from './domains/monitoring/alert-notifier'

export type CoreMode = SystemInfo['mode']

export interface CoreOptions {
  workspaceDir: string
  mode: CoreMode
  clock?: Clock
  env?: NodeJS.ProcessEnv
  /** run jobs on their schedule (default: in the desktop app and browser mode) */
  schedule?: boolean
  /** secrets handed over in memory and where new ones go (the desktop app's keyring); default: the workspace secrets file */
  secrets?: { provided: Record<string, string>; store: SecretStore }
  /** replaces the connectors built from the workspace config (tests) */
  connectors?: () => Connectors
  /** where the recent-workspaces list and the workspaces folder are (default: the app's folder in app data) */
  workspaces?: Partial<WorkspaceLocations>
  /** opens another workspace in place of this core (desktop app, browser mode); throws with the reason when it cannot */
  openWorkspace?: (dir: string) => Promise<void>
}

export type CoreListener = (event: EventName, payload: unknown) => void

export interface Core {
  dispatch(method: unknown, input: unknown): Promise<CallResult>
  subscribe(listener: CoreListener): () => void
  runner: JobRunner
  info(): SystemInfo
  close(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock
  // Re-read after a settings change (a new secret reference); jobs and handlers read it through closures.
  let config = loadConfig(options.workspaceDir)
  const provided = { ...(options.secrets?.provided ?? {}) }
  const secretStore = options.secrets?.store ?? fileSecretStore(options.workspaceDir)
  const secrets = createSecretResolver(options.workspaceDir, options.env, provided)
  const db = openDatabase(join(options.workspaceDir, DATABASE_FILE))
  const repos = createRepos(db)
  repos.exceptions.routeTeams((category) => config.exceptions.teams[category])
  const listeners = new Set<CoreListener>()

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    // Payloads are checked before they leave core, like method outputs.
    const checked = events[event].parse(payload)
    for (const l of listeners) l(event, checked)
    // A finished run or a change may have raised an alert: look now rather than wait for a poll.
    if (event === 'sync.finished' || event === 'data.changed') lookForAlerts()
  }
  let notifier: AlertNotifier | null = null
  const lookForAlerts = () => {
    try {
      notifier?.check()
    } catch (e) {
      // Telling about an alert must never break the work that raised it; the feed still lists it.
      console.error('Could not check for new alerts:', e)
    }
  }

  const connect = options.connectors ?? (() => connectFromConfig(config, secrets, { bcIds: bcIdCacheFor(repos, clock) }))
  const stockDeps = {
    repos,
    clock,
    settings: () => config.stock,
    connect: () => {
      const c = connect()
      if (!c.stockSource || !c.storeStock) throw new AppError('unavailable', 'This workspace has no stock source configured.')
      return { erp: c.stockSource, store: c.storeStock }
    },
  }
  const jobs: Record<SyncJob, JobFn> = {
    stock: createStockJob(stockDeps, 'delta'),
    'stock-sweep': createStockJob(stockDeps, 'full'),
    orders: createOrderSyncJob({ repos, clock, settings: () => config.orders, connect }),
    fulfilment: createFulfilmentJob({
      repos,
      clock,
      settings: () => ({ ...config.fulfilment, externalDocumentPrefix: config.orders.externalDocumentPrefix }),
      connect: () => {
        const c = connect()
        if (!c.shipments || !c.storeShipments) throw new AppError('unavailable', 'This workspace has no shipment source configured.')
        return { shipments: c.shipments, store: c.storeShipments }
      },
    }),
  }
  const runner = new JobRunner({
    repos,
    clock,
    emit,
    jobs,
    onRunFailed: (job, run) => repos.exceptions.raise(jobFailedException(job, run.error ?? 'Unknown failure'), iso(clock)),
    onRunSucceeded: (job) => {
      repos.exceptions.resolveByTraceKey(traceKeys.job(job), 'A later run succeeded', iso(clock))
      scheduler.clearStale(job)
    },
  })
  runner.recoverAfterCrash()
  const scheduler = new Scheduler({
    repos,
    runner,
    clock,
    schedules: jobSchedules(config.schedule),
  })
  if (options.schedule ?? (options.mode === 'electron' || options.mode === 'browser')) scheduler.start()
  notifier = createAlertNotifier({ repos, scheduler, clock }, (alerts) => emit('alerts.raised', { alerts }))
  // A sync turns stale by time passing, with no change to announce it.
  const alertTimer = setInterval(lookForAlerts, 60_000)
  alertTimer.unref?.()

  const info = (): SystemInfo => ({
    appVersion: pkg.version,
    workspaceName: config.name,
    workspaceDir: options.workspaceDir,
    demo: config.demo,
    mode: options.mode,
    schemaVersion: schemaVersion(db),
    erpKind: config.erp.kind,
  })

  const dispatcher = createDispatcher(
    handlers,
    {
      repos,
      runner,
      scheduler,
      clock,
      info,
      get config() {
        return config
      },
      connect,
      secrets: {
        status: () => secretStore.status(),
        async put(key, value, allowWeak) {
          const protection = await secretStore.put(key, value, { allowWeak })
          provided[key] = value
          return protection
        },
        problem(ref, label) {
          try {
            secrets.resolve(ref, label)
            return null
          } catch (e) {
            return e instanceof Error ? e.message : String(e)
          }
        },
      },
      workspaceDir: options.workspaceDir,
      workspaces: {
        home: options.workspaces?.home ?? appHomeDir(options.env),
        root: options.workspaces?.root ?? defaultWorkspacesRoot(options.env),
        open: options.openWorkspace ?? null,
      },
      reloadConfig: () => {
        config = loadConfig(options.workspaceDir)
        scheduler.reschedule(jobSchedules(config.schedule))
      },
    }, (areas) => {
    if (areas.length) emit('data.changed', { areas: [...areas] })
  })

  let closed = false
  return {
    dispatch: (method, input) => dispatcher.dispatch(method, input),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    runner,
    info,
    async close() {
      if (closed) return
      closed = true
      clearInterval(alertTimer)
      notifier = null
      scheduler.stop()
      await runner.cancelAll()
      listeners.clear()
      db.close()
    },
  }
}
