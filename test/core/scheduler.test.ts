import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos, type Repos } from '../../src/main/core/db/repos'
import { Scheduler } from '../../src/main/core/sync/engine/scheduler'
import type { JobRunner } from '../../src/main/core/sync/engine/job-runner'

let dir: string
let repos: Repos
afterEach(() => {
  repos?.db.close()
  rmSync(dir, { recursive: true, force: true })
})

function setup(startAt: string) {
  dir = mkdtempSync(join(tmpdir(), 'instep-sched-'))
  repos = createRepos(openDatabase(join(dir, 'instep.db')))
  let now = Date.parse(startAt)
  const started: string[] = []
  const runner = {
    start: (job: string, trigger: string) => {
      started.push(`${job}:${trigger}`)
      const id = repos.runs.start('orders', 'schedule', new Date(now).toISOString())
      return id
    },
    runningRunId: () => null,
    offlineSince: () => null,
  } as unknown as JobRunner
  const scheduler = new Scheduler({
    repos,
    runner,
    clock: () => new Date(now),
    schedules: [{ job: 'orders', everyMinutes: 5, staleAfterMinutes: 60 }],
  })
  return { scheduler, started, advance: (minutes: number) => (now += minutes * 60_000), now: () => new Date(now).toISOString() }
}

describe('scheduler', () => {
  it('starts a job when its interval has passed, not before', () => {
    const s = setup('2026-11-26T10:00:00Z')
    s.scheduler.start()
    s.scheduler.stop()
    s.advance(4)
    s.scheduler.tick()
    expect(s.started).toEqual([])
    s.advance(1)
    s.scheduler.tick()
    expect(s.started).toEqual(['orders:schedule'])
    expect(s.scheduler.states()[0].nextRunAt).toBe('2026-11-26T10:10:00.000Z')
  })

  it('raises one stale-sync exception when the job has not succeeded in time, and clears it on success', () => {
    const s = setup('2026-11-26T10:00:00Z')
    const runId = repos.runs.start('orders', 'manual', s.now())
    repos.runs.finish(runId, 'succeeded', s.now(), null)
    s.advance(61)
    s.scheduler.checkStale()
    s.scheduler.checkStale()
    const open = repos.exceptions.list({ status: ['open'], limit: 10, offset: 0 })
    expect(open.total).toBe(1)
    expect(open.rows[0]).toMatchObject({ traceKey: 'job:orders:stale', team: 'operations', occurrences: 2 })
    expect(s.scheduler.states()[0]).toMatchObject({ stale: true, lastSuccessAt: '2026-11-26T10:00:00.000Z' })

    const later = repos.runs.start('orders', 'manual', s.now())
    repos.runs.finish(later, 'partial', s.now(), null)
    s.scheduler.clearStale('orders')
    expect(repos.exceptions.list({ status: ['open'], limit: 10, offset: 0 }).total).toBe(0)
    expect(s.scheduler.states()[0].stale).toBe(false)
  })

  it('does not call a brand-new workspace stale before its first run', () => {
    const s = setup('2026-11-26T10:00:00Z')
    s.advance(600)
    s.scheduler.checkStale()
    expect(repos.exceptions.list({ limit: 10, offset: 0 }).total).toBe(0)
  })

  it('takes new intervals at once: a changed job runs one new interval from now, a job switched off no longer runs', () => {
    const s = setup('2026-11-26T10:00:00Z')
    s.scheduler.start()
    s.advance(2)
    s.scheduler.reschedule([{ job: 'orders', everyMinutes: 30, staleAfterMinutes: 60 }])
    expect(s.scheduler.states()[0]).toMatchObject({ everyMinutes: 30, nextRunAt: '2026-11-26T10:32:00.000Z' })
    s.advance(10)
    s.scheduler.tick()
    expect(s.started).toEqual([]) // the old 5-minute slot is gone

    s.scheduler.reschedule([{ job: 'orders', everyMinutes: 0, staleAfterMinutes: 60 }])
    s.advance(60)
    s.scheduler.tick()
    s.scheduler.stop()
    expect(s.started).toEqual([])
    expect(s.scheduler.states()[0].nextRunAt).toBeNull()
  })

  it('clears the late warning when the late-after threshold is raised past the time since the last success', () => {
    const s = setup('2026-11-26T10:00:00Z')
    const runId = repos.runs.start('orders', 'manual', s.now())
    repos.runs.finish(runId, 'succeeded', s.now(), null)
    s.advance(90)
    s.scheduler.checkStale()
    expect(repos.exceptions.list({ status: ['open'], limit: 10, offset: 0 }).total).toBe(1)

    s.scheduler.reschedule([{ job: 'orders', everyMinutes: 5, staleAfterMinutes: 120 }])
    expect(repos.exceptions.list({ status: ['open'], limit: 10, offset: 0 }).total).toBe(0)
    const closed = repos.exceptions.list({ status: ['resolved'], limit: 10, offset: 0 }).rows[0]
    expect(repos.exceptions.events(closed.id).at(-1)).toMatchObject({ kind: 'auto-resolved', note: 'The late-after threshold was changed in the settings' })
  })
})
