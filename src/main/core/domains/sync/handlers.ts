import { defineHandlers } from '../../rpc/handlers'

export const syncHandlers = defineHandlers({
  'sync.jobs': (_input, { scheduler }) => scheduler.states(),
  'sync.runNow': ({ job }, { runner }) => ({ runId: runner.start(job, 'manual') }),
  'sync.cancel': ({ runId }, { runner }) => ({ cancelling: runner.cancel(runId) }),
  'sync.listRuns': ({ limit }, { repos }) => repos.runs.recent(limit),
})
