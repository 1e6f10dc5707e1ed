/**
 * Starts jobs on their interval and watches for stale syncs: when a job has not succeeded for
 * longer than its threshold (the app was closed, the network is down, every run fails), an
 * exception says so, and the next successful run resolves it. Timers never keep the process
 * alive on their own.
 */
import type { SyncJob } from '../../../../shared/contract'
import type { Repos } from '../../db/repos'
import { iso, type Clock } from '../../db/repos/clock'
import type { JobRunner } from './job-runner'
import { staleJobException, traceKeys } from '../../domains/exceptions/causes'

export interface JobSchedule {
  job: SyncJob
  everyMinutes: number
  staleAfterMinutes: number
}

export interface JobState {
  job: SyncJob
  everyMinutes: number
  staleAfterMinutes: number
  lastSuccessAt: string | null
  nextRunAt: string | null
  runningRunId: number | null
  stale: boolean
}

const TICK_MS = 30_000

export class Scheduler {
  private timer: NodeJS.Timeout | null = null
  private nextRun = new Map<SyncJob, number>()

  constructor(
    private readonly deps: { repos: Repos; runner: JobRunner; clock: Clock; schedules: JobSchedule[] },
  ) {}

  start(): void {
    const now = this.deps.clock().getTime()
    for (const s of this.deps.schedules) if (s.everyMinutes > 0) this.nextRun.set(s.job, now + s.everyMinutes * 60_000)
    this.timer = setInterval(() => this.tick(), TICK_MS)
    this.timer.unref()
    this.checkStale()
  }

  /**
   * New intervals or thresholds from the settings, applied at once: a job whose interval changed
   * runs next one new interval from now (0 = no longer automatic); unchanged jobs keep their slot.
   */
  reschedule(schedules: JobSchedule[]): void {
    const now = this.deps.clock().getTime()
    const before = new Map(this.deps.schedules.map((s) => [s.job, s.everyMinutes]))
    this.deps.schedules = schedules
    for (const s of schedules) {
      if (s.everyMinutes <= 0) this.nextRun.delete(s.job)
      else if (this.timer && (before.get(s.job) !== s.everyMinutes || !this.nextRun.has(s.job))) this.nextRun.set(s.job, now + s.everyMinutes * 60_000)
    }
    // A raised threshold can make a late job on time again: its warning goes, with the reason.
    for (const state of this.states()) {
      if (!state.stale) this.deps.repos.exceptions.resolveByTraceKey(traceKeys.stale(state.job), 'The late-after threshold was changed in the settings', iso(this.deps.clock))
    }
    if (this.timer) this.checkStale()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One scheduling pass; public so tests can drive time. */
  tick(): void {
    const now = this.deps.clock().getTime()
    for (const s of this.deps.schedules) {
      const due = this.nextRun.get(s.job)
      if (due !== undefined && now >= due) {
        this.deps.runner.start(s.job, 'schedule')
        // While offline, try every minute so work resumes soon after the network returns.
        const every = this.deps.runner.offlineSince(s.job) ? Math.min(1, s.everyMinutes) : s.everyMinutes
        this.nextRun.set(s.job, now + every * 60_000)
      }
    }
    this.checkStale()
  }

  checkStale(): void {
    const { repos, clock } = this.deps
    for (const state of this.states()) {
      if (!state.stale) continue
      repos.exceptions.raise(staleJobException(state.job, state.lastSuccessAt, state.staleAfterMinutes), iso(clock))
    }
  }

  /** Called when a job succeeds, so a stale warning clears at once. */
  clearStale(job: SyncJob): void {
    this.deps.repos.exceptions.resolveByTraceKey(traceKeys.stale(job), 'The sync succeeded again', iso(this.deps.clock))
  }

  states(): JobState[] {
    const { repos, runner, clock } = this.deps
    const now = clock().getTime()
    return this.deps.schedules.map((s) => {
      const lastSuccessAt = repos.runs.lastSuccessAt(s.job)
      const reference = lastSuccessAt ?? repos.runs.firstStartedAt(s.job)
      const next = this.nextRun.get(s.job)
      return {
        job: s.job,
        everyMinutes: s.everyMinutes,
        staleAfterMinutes: s.staleAfterMinutes,
        lastSuccessAt,
        nextRunAt: next === undefined ? null : new Date(next).toISOString(),
        runningRunId: runner.runningRunId(s.job),
        stale: reference !== null && now - Date.parse(reference) > s.staleAfterMinutes * 60_000,
      }
    })
  }
}
