/**
 * Runs sync jobs one at a time per job, records each run with its counters, streams progress
 * and honours cancellation cooperatively: a job checks its signal between units of work, and
 * every unit commits in one transaction, so a cancelled run leaves nothing half-written.
 */
import type { RunCounters, RunStatus, SyncJob, SyncRun } from '../../../../shared/contract'
import type { EventName, EventPayload } from '../../../../shared/events'
import { AppError } from '../../../../shared/errors'
import { isOfflineError, OFFLINE_MESSAGE_PREFIX } from '../../../../shared/offline'
import { iso, type Clock } from '../../db/repos/clock'
import type { Repos } from '../../db/repos'
import { ConnectorError } from '../connector-error'

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** Narrows a run to some objects, e.g. the orders a fixed exception was holding back. */
export interface JobScope {
  orderIds?: readonly string[]
}

export interface JobContext {
  runId: number
  scope: JobScope
  signal: AbortSignal
  counters: RunCounters
  progress(phase: EventPayload<'sync.progress'>['phase'], done: number, total: number | null, message: string): void
}

/** What a job reports when it ends without throwing. */
export interface JobOutcome {
  /** orders that need a person (blocked or failed): the run finished, but not everything landed */
  incomplete: boolean
}

export type JobFn = (ctx: JobContext) => Promise<JobOutcome>

export class CancelledError extends Error {
  constructor() {
    super('Cancelled')
    this.name = 'CancelledError'
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError()
}

const emptyCounters = (): RunCounters => ({ fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 })

/** Progress is streamed at most this often; the final state always goes out. */
const PROGRESS_INTERVAL_MS = 100

export class JobRunner {
  private active = new Map<SyncJob, { runId: number; controller: AbortController; done: Promise<SyncRun> }>()
  /** since when a job has found the network or the remote system unreachable (null: it has not) */
  private offline = new Map<SyncJob, string>()

  constructor(
    private readonly deps: {
      repos: Repos
      clock: Clock
      emit: Emit
      jobs: Record<SyncJob, JobFn>
      onRunFailed?: (job: SyncJob, run: SyncRun) => void
      onRunSucceeded?: (job: SyncJob) => void
    },
  ) {}

  /** Runs left 'running' by a process that died are closed; their work resumes on the next run. */
  recoverAfterCrash(): number {
    return this.deps.repos.runs.abandonRunning(
      iso(this.deps.clock),
      'Instep stopped while this run was in progress. Nothing was lost: the next run picks up where it stopped.',
    )
  }

  /**
   * Being offline is a state, not an exception: Instep keeps working on what it has, says how old
   * it is, and the scheduler keeps trying. Returns the earliest time any job went offline.
   */
  offlineSince(job?: SyncJob): string | null {
    if (job) return this.offline.get(job) ?? null
    const all = [...this.offline.values()].sort()
    return all[0] ?? null
  }

  /**
   * The running run of one job. Without a job: the order sync's, which is what the Overview's
   * sync panel follows (another job's run there would show as "Running" and never finish).
   */
  runningRunId(job: SyncJob = 'orders'): number | null {
    return this.active.get(job)?.runId ?? null
  }

  /** Starts the job unless it is already running, in which case the running run is returned. */
  start(job: SyncJob, trigger: SyncRun['trigger'], scope: JobScope = {}): number {
    const existing = this.active.get(job)
    if (existing) return existing.runId
    const { repos, clock } = this.deps
    const runId = repos.runs.start(job, trigger, iso(clock))
    const controller = new AbortController()
    const done = this.execute(job, runId, controller.signal, scope).finally(() => this.active.delete(job))
    this.active.set(job, { runId, controller, done })
    return runId
  }

  cancel(runId: number): boolean {
    for (const a of this.active.values()) {
      if (a.runId === runId) {
        a.controller.abort()
        return true
      }
    }
    return false
  }

  /** Resolves when the run ends (for CLI and tests). */
  async wait(runId: number): Promise<SyncRun> {
    for (const a of this.active.values()) if (a.runId === runId) return a.done
    const run = this.deps.repos.runs.get(runId)
    if (!run) throw new AppError('not_found', `There is no sync run ${runId}.`)
    return run
  }

  async cancelAll(): Promise<void> {
    const pending = [...this.active.values()]
    for (const a of pending) a.controller.abort()
    await Promise.allSettled(pending.map((a) => a.done))
  }

  private async execute(job: SyncJob, runId: number, signal: AbortSignal, scope: JobScope): Promise<SyncRun> {
    const { repos, clock, emit } = this.deps
    const counters = emptyCounters()
    let lastEmit = 0
    const ctx: JobContext = {
      runId,
      scope,
      signal,
      counters,
      progress: (phase, done, total, message) => {
        const now = Date.now()
        if (now - lastEmit < PROGRESS_INTERVAL_MS && done !== total) return
        lastEmit = now
        repos.runs.saveCounters(runId, counters)
        emit('sync.progress', { runId, job, phase, done, total, message })
      },
    }
    let status: RunStatus
    let error: string | null = null
    let unreachable = false
    try {
      const outcome = await this.deps.jobs[job](ctx)
      status = outcome.incomplete ? 'partial' : 'succeeded'
    } catch (e) {
      if (e instanceof CancelledError || (signal.aborted && isAbort(e))) {
        status = 'cancelled'
      } else {
        status = 'failed'
        error = describeFailure(e)
        unreachable = e instanceof ConnectorError && e.kind === 'offline'
        // Stored as failed; the words it starts with mark it as offline for alerts and screens.
        if (unreachable && !isOfflineError(error)) {
          error = `${OFFLINE_MESSAGE_PREFIX}${(e as ConnectorError).system === 'centra' ? 'Centra' : 'the ERP'}: ${error}`
        }
      }
    }
    if (unreachable) {
      if (!this.offline.has(job)) this.offline.set(job, iso(clock))
    } else if (status !== 'cancelled') {
      this.offline.delete(job)
    }
    repos.runs.saveCounters(runId, counters)
    repos.runs.finish(runId, status, iso(clock), error)
    const run = repos.runs.get(runId)!
    // Unreachable is reported as "offline" (dashboard, stale-sync after its threshold), not as a failure exception.
    if (status === 'failed' && !unreachable) this.deps.onRunFailed?.(job, run)
    else if (status !== 'cancelled') this.deps.onRunSucceeded?.(job)
    emit('sync.finished', { runId, job, status, counters: { ...counters }, error, offline: unreachable })
    emit('data.changed', { areas: ['sync', 'dashboard', 'exceptions', 'orders'] })
    return run
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'CanceledError' || /abort|cancel/i.test(e.message))
}

function describeFailure(e: unknown): string {
  if (e instanceof ConnectorError || e instanceof AppError) return e.message
  return `Unexpected problem: ${e instanceof Error ? e.message : String(e)}`
}
