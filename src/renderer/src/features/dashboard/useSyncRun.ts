import { useCallback, useEffect, useState } from 'react'
import type { DashboardSummary } from '@shared/contract'
import type { EventPayload } from '@shared/events'
import { ApiError, useApi, useEvent } from '../../api'
import { runStatusWord, type StatusWord } from '../../components/format'

export type Progress = EventPayload<'sync.progress'>
export type Outcome = EventPayload<'sync.finished'>

export interface ActiveRun {
  /** null between the click and the core's answer */
  runId: number | null
  progress: Progress | null
  cancelling: boolean
}

interface State {
  run: ActiveRun | null
  outcome: Outcome | null
  /** runs seen finishing, so a late answer or an older summary cannot revive them */
  finished: number[]
  error: string | null
}

export interface SyncRunView {
  active: ActiveRun | null
  outcome: Outcome | null
  /** the word for `sync-status`: the running run, else the last outcome; null before any run */
  statusWord: StatusWord | null
  error: string | null
  start(): void
  cancel(): void
}

const JOB = 'orders' as const

function message(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e)
}

/**
 * The order sync as the overview sees it: started here, or already running when the page opened
 * (`summary.runningRunId`), or started elsewhere (schedule, CLI) and noticed by its progress.
 * Events and answers can cross: progress may arrive before `sync.runNow` answers with the run id,
 * and a short run may even finish first; the state below tolerates both orders.
 */
export function useSyncRun(summary: DashboardSummary | undefined): SyncRunView {
  const api = useApi()
  const [state, setState] = useState<State>({ run: null, outcome: null, finished: [], error: null })

  const adoptedId = summary?.runningRunId ?? null
  const active: ActiveRun | null =
    state.run ?? (adoptedId !== null && !state.finished.includes(adoptedId) ? { runId: adoptedId, progress: null, cancelling: false } : null)

  useEvent('sync.progress', (p) => {
    if (p.job !== JOB) return
    setState((s) => {
      if (s.finished.includes(p.runId)) return s
      if (s.run && s.run.runId !== null && s.run.runId !== p.runId) return s
      return { ...s, run: { runId: p.runId, progress: p, cancelling: s.run?.cancelling ?? false } }
    })
  })

  useEvent('sync.finished', (f) => {
    if (f.job !== JOB) return
    setState((s) => {
      const ours = !s.run || s.run.runId === null || s.run.runId === f.runId
      return {
        ...s,
        run: ours ? null : s.run,
        outcome: ours || !s.outcome ? f : s.outcome,
        finished: [...s.finished.slice(-20), f.runId],
      }
    })
  })

  // After a dropped connection, the finish event may have been missed: ask for the run's state.
  const activeId = active?.runId ?? null
  useEffect(() => {
    if (activeId === null) return
    let wasDown = false
    return api.onLinkState((link) => {
      if (link.state === 'reconnecting') wasDown = true
      if (link.state !== 'ready' || !wasDown) return
      wasDown = false
      api.call('sync.listRuns', { limit: 10 }).then(
        (runs) => {
          const run = runs.find((r) => r.id === activeId)
          if (!run || run.status === 'running') return
          setState((s) => ({
            ...s,
            run: s.run?.runId === activeId ? null : s.run,
            outcome: { runId: run.id, job: run.job, status: run.status, counters: run.counters, error: run.error },
            finished: [...s.finished.slice(-20), run.id],
          }))
        },
        () => {},
      )
    })
  }, [api, activeId])

  const start = useCallback(() => {
    setState((s) => ({ ...s, run: { runId: null, progress: null, cancelling: false }, error: null }))
    api.call('sync.runNow', { job: JOB }).then(
      ({ runId }) =>
        setState((s) => {
          if (s.finished.includes(runId)) return s
          return { ...s, run: { progress: null, cancelling: false, ...s.run, runId } }
        }),
      (e: unknown) =>
        setState((s) => ({ ...s, run: s.run?.runId === null ? null : s.run, error: `The sync could not start: ${message(e)}` })),
    )
  }, [api])

  const cancel = useCallback(() => {
    const runId = activeId
    if (runId === null) return
    setState((s) => ({ ...s, run: { progress: null, ...s.run, runId, cancelling: true }, error: null }))
    api.call('sync.cancel', { runId }).then(
      () => {},
      (e: unknown) =>
        setState((s) => ({
          ...s,
          run: s.run ? { ...s.run, cancelling: false } : null,
          error: `The sync could not be stopped: ${message(e)}`,
        })),
    )
  }, [api, activeId])

  // A run that could not reach Centra or the ERP reads "Offline", not "Failed". Before this page
  // saw a run finish, a failed last run while Instep is offline is taken to be that.
  const statusWord: StatusWord | null = active
    ? 'Running'
    : state.outcome
      ? state.outcome.offline
        ? 'Offline'
        : runStatusWord(state.outcome.status)
      : summary?.lastRunStatus
        ? summary.lastRunStatus === 'failed' && summary.offlineSince
          ? 'Offline'
          : runStatusWord(summary.lastRunStatus)
        : null

  return { active, outcome: state.outcome, statusWord, error: state.error, start, cancel }
}
