import { z } from 'zod'
import { method } from './define'
import { Id, IsoDateTime, RunCounters, RunStatus, SyncJob } from './common'

export const SyncRun = z.object({
  id: Id,
  job: SyncJob,
  status: RunStatus,
  trigger: z.enum(['manual', 'schedule', 'cli', 'demo-setup', 'retry']),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  counters: RunCounters,
  error: z.string().nullable(),
})
export type SyncRun = z.infer<typeof SyncRun>

export const JobState = z.object({
  job: SyncJob,
  everyMinutes: z.number(),
  staleAfterMinutes: z.number(),
  lastSuccessAt: IsoDateTime.nullable(),
  nextRunAt: IsoDateTime.nullable(),
  runningRunId: z.number().int().nullable(),
  stale: z.boolean(),
})
export type JobState = z.infer<typeof JobState>

export const syncMethods = {
  'sync.jobs': method({
    summary: 'Each sync job with its schedule, last success, next run and whether it is stale.',
    input: z.object({}).strict(),
    output: z.array(JobState),
    mutates: false,
  }),
  'sync.runNow': method({
    summary: 'Start a sync job now; progress arrives as sync.progress events.',
    input: z.object({ job: SyncJob }).strict(),
    output: z.object({ runId: Id }),
    mutates: true,
    changes: ['sync'],
  }),
  'sync.cancel': method({
    summary: 'Ask a running job to stop after the order it is working on; nothing is left half-written.',
    input: z.object({ runId: Id }).strict(),
    output: z.object({ cancelling: z.boolean() }),
    mutates: true,
    changes: ['sync'],
  }),
  'sync.listRuns': method({
    summary: 'Most recent sync runs, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(SyncRun),
    mutates: false,
  }),
}
