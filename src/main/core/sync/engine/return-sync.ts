/**
 * Recording Centra returns (part of the order job). Returns are never posted to the ERP —
 * finance raises credit notes there — they are stored so month-end and the order trace can
 * show them.
 *
 * The first run sweeps every return Centra lists (returns made before Instep subscribed raise
 * no event); after that the Return events of the change feed bring creations, completions and
 * deletions. Each batch is committed before its events are confirmed, so a crash only means the
 * events come again; upserts are keyed by the return id, so a replay changes nothing. A return
 * deleted in Centra keeps its row, marked deleted.
 *
 * A failure to read returns never stops orders from being posted: it becomes an exception for
 * operations, and the next run tries again.
 */
import type { Repos } from '../../db/repos'
import { iso, type Clock } from '../../db/repos/clock'
import type { StoreReturnSource } from '../return-ports'
import { ConnectorError } from '../connector-error'
import { throwIfCancelled, type JobContext } from './job-runner'
import type { RaiseInput } from '../../db/repos/exceptions.repo'

export const RETURNS_SWEPT_CURSOR = 'centra.returns.swept'
const BATCH = 100
const TRACE_KEY = 'job:returns:failed'

export function returnsReadFailedException(message: string): RaiseInput {
  return {
    traceKey: TRACE_KEY,
    category: 'sync_failed',
    team: 'operations',
    severity: 'medium',
    objectType: 'job',
    objectRef: 'returns',
    title: 'Returns could not be read from Centra',
    detail:
      `${message} Orders are still posted; only the returns shown at month-end and in the order trace may be out of date. ` +
      'Instep tries again on the next run.',
  }
}

export async function recordReturns(deps: { repos: Repos; clock: Clock }, ctx: JobContext, source: StoreReturnSource): Promise<void> {
  const { repos, clock } = deps
  try {
    if (!repos.cursors.get(RETURNS_SWEPT_CURSOR)) {
      // Subscribe first: a return made during the sweep then arrives as an event as well (harmless).
      await source.subscribe(ctx.signal)
      for (let page = 1; ; page++) {
        throwIfCancelled(ctx.signal)
        const result = await source.page(page, BATCH, ctx.signal)
        repos.tx(() => {
          const at = iso(clock)
          for (const { ret, raw } of result.returns) repos.returns.upsert(ret, raw, at)
          if (!result.hasMore || result.returns.length === 0) repos.cursors.put(RETURNS_SWEPT_CURSOR, at, at)
        })
        if (!result.hasMore || result.returns.length === 0) break
      }
    } else {
      await source.subscribe(ctx.signal)
    }
    let seen = 0
    for (;;) {
      throwIfCancelled(ctx.signal)
      const events = await source.next(BATCH, ctx.signal)
      if (events.length === 0) break
      repos.tx(() => {
        const at = iso(clock)
        for (const e of events) {
          if (e.changeType === 'DELETED') repos.returns.markDeleted(e.returnId, at)
          else if (e.ret) repos.returns.upsert(e.ret.ret, e.ret.raw, at)
        }
      })
      await source.confirm(events.map((e) => e.id), ctx.signal)
      seen += events.length
      ctx.progress('fetching', ctx.counters.fetched, null, `Recorded ${seen} return changes from Centra`)
      if (events.length < BATCH) break
    }
    repos.tx(() => repos.exceptions.resolveByTraceKey(TRACE_KEY, 'Returns read again', iso(clock)))
  } catch (e) {
    // A refused token stops the whole run (it would stop the orders too); anything else waits for the next run.
    if (!(e instanceof ConnectorError) || e.kind === 'auth') throw e
    // Unreachable is a state (the offline banner tells it), not a problem for a person: the
    // returns are simply read on the next run, and posting carries on meanwhile.
    if (e.kind === 'offline') return
    repos.tx(() => repos.exceptions.raise(returnsReadFailedException(e.message), iso(clock)))
  }
}
