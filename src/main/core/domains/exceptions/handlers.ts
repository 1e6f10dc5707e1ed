import { AppError } from '../../../../shared/errors'
import type { ExceptionDetail, ExceptionRow } from '../../../../shared/contract'
import { iso } from '../../db/repos/clock'
import type { AffectedOrderRow } from '../../db/repos/orders.repo'
import type { Repos } from '../../db/repos'
import { defineHandlers } from '../../rpc/handlers'
import { exportExceptions } from './export'

/** The orders an exception holds back, found from what it is about. */
function affectedOrders(repos: Repos, e: ExceptionRow): AffectedOrderRow[] {
  if (e.objectType === 'sku') return repos.orders.notPostedWithSku(e.objectRef)
  if (e.objectType === 'order') {
    const order = repos.orders.byNumber(Number(e.objectRef))
    return order && order.postingState !== 'posted' ? [order] : []
  }
  return []
}

/** Hours-ago filters become first-seen bounds against the core's clock. */
function matchFilter<F extends { olderThanHours?: number; newerThanHours?: number }>(
  { olderThanHours, newerThanHours, ...rest }: F,
  now: number,
): Omit<F, 'olderThanHours' | 'newerThanHours'> & { firstSeenBefore?: string; firstSeenAfter?: string } {
  const ago = (h: number | undefined) => (h === undefined ? undefined : new Date(now - h * 3_600_000).toISOString())
  return { ...rest, firstSeenBefore: ago(olderThanHours), firstSeenAfter: ago(newerThanHours) }
}

/** Centra vs ERP figures recorded for the order an exception is about. */
function variances(repos: Repos, e: ExceptionRow): ExceptionDetail['variances'] {
  if (e.objectType !== 'order') return []
  const order = repos.trace.order(Number(e.objectRef))
  if (!order) return []
  return repos.trace.variances(order.centra_id).map((v) => ({
    kind: v.kind,
    field: v.field,
    lineRef: v.line_ref,
    currency: order.currency,
    centraMinor: v.centra_minor,
    erpMinor: v.erp_minor,
    diffMinor: v.diff_minor,
    explanation: v.explanation,
  }))
}

export const exceptionHandlers = defineHandlers({
  'exceptions.list': (input, { repos, clock }) => repos.exceptions.list(matchFilter(input, clock().getTime())),

  'exceptions.bulkByFilter': ({ filter, action, actor, note, assignee }, { repos, clock }) =>
    repos.tx(() =>
      repos.exceptions.bulkByFilter(matchFilter(filter, clock().getTime()), action, actor, note ?? null, assignee ?? null, iso(clock)),
    ),

  'exceptions.markets': (_input, { repos }) => repos.exceptions.markets(),

  'exceptions.exportCsv': ({ filter, directory }, { repos, clock }) => exportExceptions(repos, clock(), matchFilter(filter, clock().getTime()), directory),

  'exceptions.get': ({ id }, { repos }) => {
    const exception = repos.exceptions.get(id)
    if (!exception) throw new AppError('not_found', `Exception ${id} does not exist.`)
    return { exception, events: repos.exceptions.events(id), affectedOrders: affectedOrders(repos, exception), variances: variances(repos, exception) }
  },

  'exceptions.acknowledge': ({ ids, actor, note }, { repos, clock }) => ({
    changed: repos.tx(() => repos.exceptions.transition(ids, 'acknowledged', actor, note ?? null, iso(clock))),
  }),
  'exceptions.resolve': ({ ids, actor, note }, { repos, clock }) => ({
    changed: repos.tx(() => repos.exceptions.transition(ids, 'resolved', actor, note ?? null, iso(clock))),
  }),
  'exceptions.ignore': ({ ids, actor, reason }, { repos, clock }) => ({
    changed: repos.tx(() => repos.exceptions.transition(ids, 'ignored', actor, reason, iso(clock))),
  }),
  'exceptions.reopen': ({ ids, actor, reason }, { repos, clock }) => ({
    changed: repos.tx(() => repos.exceptions.transition(ids, 'open', actor, reason, iso(clock))),
  }),
  'exceptions.assign': ({ ids, actor, assignee }, { repos, clock }) => ({
    changed: repos.tx(() => repos.exceptions.assign(ids, assignee, actor, iso(clock))),
  }),
  'exceptions.addNote': ({ id, actor, note }, { repos, clock }) => {
    const event = repos.exceptions.addNote(id, note, actor, iso(clock))
    if (!event) throw new AppError('not_found', `Exception ${id} does not exist.`)
    return event
  },

  'exceptions.retry': ({ ids, actor }, { repos, runner, clock }) => {
    const orderIds = new Set<string>()
    let wholeJob = false
    repos.tx(() => {
      for (const id of ids) {
        const e = repos.exceptions.get(id)
        if (!e) continue
        // A job, a currency the ERP lacks, a tax rate without a code or a missing G/L account setting
        // (every order with it waits) is retried as a whole run.
        if (e.objectType === 'job' || e.objectType === 'currency' || e.objectType === 'tax_rate' || e.objectType === 'setting') wholeJob = true
        for (const o of affectedOrders(repos, e)) orderIds.add(o.centraId)
        repos.exceptions.addNote(id, 'Retry requested', actor, iso(clock))
      }
    })
    if (wholeJob) return { runId: runner.start('orders', 'retry'), orders: orderIds.size }
    if (orderIds.size === 0) return { runId: null, orders: 0 }
    return { runId: runner.start('orders', 'retry', { orderIds: [...orderIds] }), orders: orderIds.size }
  },
})
