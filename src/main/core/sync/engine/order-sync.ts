/**
 * The order job: Centra → local store → ERP, exactly once in effect.
 *
 * 1. fetch: pages of orders since the cursor (minus a look-back window, because Centra orders
 *    change after they are placed); each page and the cursor it covers commit together.
 * 2. map: ERP items are read only when some SKU on a stored line has no mapping yet; new
 *    mappings are made by item number, then GTIN, and never guessed when GTIN is ambiguous.
 * 3. post: for every order not yet in the ERP, the plan and its idempotency key are stored
 *    before the call; the key is looked up in the ERP first, and again after any answer we
 *    could not see (timeout, reset), so a retry never creates a second document.
 */
import { createHash } from 'node:crypto'
import type { Repos } from '../../db/repos'
import { iso, type Clock } from '../../db/repos/clock'
import type { ErpOrderRef } from '../../../../shared/models/erp'
import type { ErpOrderSink, OrderEventQueue, StoreOrderSource } from '../ports'
import type { StoreOrder } from '../../../../shared/models/store-order'
import { ConnectorError } from '../connector-error'
import { buildPostingPlan, idempotencyKey, type ItemResolution, type PlanOptions } from './posting-plan'
import { CancelledError, throwIfCancelled, type JobContext, type JobFn, type JobOutcome } from './job-runner'
import { changedAfterPostingException, erpVarianceException, planProblemException, postingFailedException, traceKeys } from '../../domains/exceptions/causes'
import { compareWithErp, type VarianceTolerance } from './variance'
import type { ErpSalesOrderDraft } from '../../../../shared/models/erp'

export const ORDERS_CURSOR = 'centra.orders.orderDate'

/** A create whose answer was lost and whose order a look-up could not (yet) find. */
class UnseenOutcome extends Error {
  constructor(override readonly cause: ConnectorError) {
    super(cause.message)
  }
}

export interface OrderSyncSettings extends PlanOptions {
  lookbackHours: number
  pageSize: number
  varianceTolerance: VarianceTolerance
  /** orders posted at the same time */
  postConcurrency: number
  /** minutes an unseen outcome waits before it is looked up and sent again */
  ambiguousSettleMinutes: number
}

export interface OrderSyncDeps {
  repos: Repos
  clock: Clock
  settings: () => OrderSyncSettings
  connect: () => { store: StoreOrderSource; erp: ErpOrderSink }
}

export function createOrderSyncJob(deps: OrderSyncDeps): JobFn {
  return async (ctx) => {
    const settings = deps.settings()
    const { store, erp } = deps.connect()
    // A retry posts the orders it names from the store; there is nothing new to read for it.
    if (!ctx.scope.orderIds) {
      const changed = new Set<string>()
      if (store.events) await readEvents(deps, ctx, store.events, changed)
      await fetchOrders(deps, ctx, store, settings, changed)
      detectChangesAfterPosting(deps, settings, changed)
    }
    await refreshMappings(deps, ctx, erp)
    return postOrders(deps, ctx, erp, settings)
  }
}

function contentHash(order: unknown): string {
  return createHash('sha256').update(JSON.stringify(order)).digest('hex')
}

/** Upserts one page of orders; returns the ids whose content changed (for change detection). */
function storeOrders(deps: OrderSyncDeps, ctx: JobContext, page: { order: StoreOrder; raw: unknown }[], changed: Set<string>) {
  const { repos, clock } = deps
  for (const { order, raw } of page) {
    const outcome = repos.orders.upsert(order, raw, contentHash(order), iso(clock))
    if (outcome !== 'same') ctx.counters.stored++
    if (outcome === 'changed') changed.add(order.centraId)
  }
}

const EVENT_BATCH = 100

/**
 * The change feed: oldest unconfirmed events first. Orders are committed locally before their
 * events are confirmed, so a crash in between only means the events come again (harmless:
 * upserts are keyed by Centra id). Events we choose to ignore are confirmed too, or they
 * would block the queue.
 */
async function readEvents(deps: OrderSyncDeps, ctx: JobContext, queue: OrderEventQueue, changed: Set<string>) {
  await queue.subscribe(ctx.signal)
  for (;;) {
    throwIfCancelled(ctx.signal)
    const events = await queue.next(EVENT_BATCH, ctx.signal)
    if (events.length === 0) break
    const byNumber = new Map<number, { order: StoreOrder; raw: unknown } | null>()
    for (const e of events) {
      if (e.order) byNumber.set(e.orderNumber, e.order)
      else if (!byNumber.has(e.orderNumber)) byNumber.set(e.orderNumber, await queue.fetchOrder(e.orderNumber, ctx.signal))
    }
    const found = [...byNumber.values()].filter((o): o is { order: StoreOrder; raw: unknown } => o !== null)
    deps.repos.tx(() => storeOrders(deps, ctx, found, changed))
    await queue.confirm(events.map((e) => e.id), ctx.signal)
    ctx.counters.fetched += found.length
    ctx.progress('fetching', ctx.counters.fetched, null, `Read ${ctx.counters.fetched} changed orders from Centra's event queue`)
    if (events.length < EVENT_BATCH) break
  }
}

/**
 * An order already in the ERP changed in Centra. The ERP document is never silently left
 * behind: a cancellation goes to operations (stop the ERP order before it ships), any other
 * change of what was posted (lines, prices, customer) goes to finance.
 */
function detectChangesAfterPosting(deps: OrderSyncDeps, s: OrderSyncSettings, changed: Set<string>) {
  const { repos, clock } = deps
  for (const centraId of changed) {
    const posting = repos.postings.get(centraId)
    if (!posting || posting.state !== 'posted') continue
    const order = repos.orders.load(centraId)
    if (!order) continue
    const eanBySku = new Map(order.lines.filter((l) => l.sku).map((l) => [l.sku!, l.ean]))
    const plan = order.status === 'CANCELLED' ? null : buildPostingPlan(order, resolverFor(repos, eanBySku), s)
    const planChanged = plan !== null && (!plan.ok || plan.hash !== posting.planHash)
    if (order.status !== 'CANCELLED' && !planChanged) continue
    repos.tx(() => {
      const at = iso(clock)
      repos.postings.markFailed(centraId, 'needs_review', order.status === 'CANCELLED' ? 'Cancelled in Centra after posting' : 'Changed in Centra after posting', at)
      repos.exceptions.raise(changedAfterPostingException(order.number, posting.remoteNumber ?? '?', order.status === 'CANCELLED'), at)
    })
  }
}

async function fetchOrders(deps: OrderSyncDeps, ctx: JobContext, store: StoreOrderSource, s: OrderSyncSettings, changed: Set<string>) {
  const { repos, clock } = deps
  const cursor = repos.cursors.get(ORDERS_CURSOR)
  const since = cursor ? new Date(Date.parse(cursor) - s.lookbackHours * 3_600_000).toISOString() : null
  ctx.progress('fetching', 0, null, 'Reading new and changed orders from Centra…')
  for (let page = 1; ; page++) {
    throwIfCancelled(ctx.signal)
    const result = await store.fetchOrdersPage({ since, page, limit: s.pageSize, signal: ctx.signal })
    repos.tx(() => {
      storeOrders(deps, ctx, result.orders.map((order, i) => ({ order, raw: result.raw[i] })), changed)
      let newest = repos.cursors.get(ORDERS_CURSOR)
      for (const order of result.orders) if (!newest || Date.parse(order.orderDate) > Date.parse(newest)) newest = order.orderDate
      if (newest) repos.cursors.put(ORDERS_CURSOR, newest, iso(clock))
    })
    ctx.counters.fetched += result.orders.length
    ctx.progress('fetching', ctx.counters.fetched, null, `Read ${ctx.counters.fetched} orders from Centra`)
    if (!result.hasMore || result.orders.length === 0) break
  }
}

async function refreshMappings(deps: OrderSyncDeps, ctx: JobContext, erp: ErpOrderSink) {
  const { repos, clock } = deps
  const unmapped = repos.orders.unmappedSkus()
  if (unmapped.length === 0) return
  throwIfCancelled(ctx.signal)
  const items = await erp.listItems(ctx.signal)
  repos.tx(() => {
    const at = iso(clock)
    repos.mapping.upsertItems(items, at)
    for (const { sku, ean } of unmapped) {
      const byNumber = repos.mapping.itemNumbersWith('number', sku)
      const byGtin = ean ? repos.mapping.itemNumbersWith('gtin', ean) : []
      const match =
        byNumber.length === 1
          ? { erpItemNumber: byNumber[0], matchedBy: 'sku' as const }
          : byGtin.length === 1
            ? { erpItemNumber: byGtin[0], matchedBy: 'gtin' as const }
            : null
      if (!match) continue
      repos.mapping.addIfAbsent({ sku, ean, origin: 'auto', ...match }, at)
      repos.exceptions.resolveByTraceKey(traceKeys.sku(sku, 'unmapped'), `Mapped to ERP item ${match.erpItemNumber}`, at)
    }
  })
}

function resolverFor(repos: Repos, eanBySku: Map<string, string | null>): (sku: string) => ItemResolution {
  return (sku) => {
    const mapped = repos.mapping.find(sku)
    if (mapped) return { itemNumber: mapped.erpItemNumber }
    const ean = eanBySku.get(sku)
    const byGtin = ean ? repos.mapping.itemNumbersWith('gtin', ean) : []
    return byGtin.length > 1 ? { ambiguous: byGtin } : null
  }
}

async function postOrders(deps: OrderSyncDeps, ctx: JobContext, erp: ErpOrderSink, s: OrderSyncSettings): Promise<JobOutcome> {
  const { repos } = deps
  const now = deps.clock()
  const settleMs = s.ambiguousSettleMinutes * 60_000
  const candidates = repos.postings.candidates(now.toISOString(), new Date(now.getTime() - settleMs).toISOString(), ctx.scope.orderIds)
  let done = 0
  let next = 0
  let stop: unknown = null
  ctx.progress('posting', 0, candidates.length, `Posting ${candidates.length} orders to the ERP…`)
  // A few orders in flight at once keep the ERP's request budget used (Business Central allows
  // 5 concurrent requests); each order is still planned, keyed and looked up on its own. On
  // cancel or a failure that stops the run, no new order starts and those in flight finish.
  const worker = async () => {
    while (stop === null && next < candidates.length) {
      if (ctx.signal.aborted) {
        stop ??= new CancelledError()
        break
      }
      const candidate = candidates[next++]
      try {
        await postOne(deps, ctx, erp, s, candidate.centraId)
      } catch (e) {
        stop ??= e
        break
      }
      done++
      ctx.progress('posting', done, candidates.length, `Posted ${done} of ${candidates.length} orders`)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(s.postConcurrency, candidates.length)) }, worker))
  if (stop !== null) throw stop
  await erp.flush?.(ctx.signal)
  ctx.progress('finishing', done, candidates.length, 'Done')
  return { incomplete: ctx.counters.blocked + ctx.counters.failed > 0 }
}

async function postOne(deps: OrderSyncDeps, ctx: JobContext, erp: ErpOrderSink, s: OrderSyncSettings, centraId: string) {
  const { repos, clock } = deps
  const order = repos.orders.load(centraId)
  if (!order) return
  const key = idempotencyKey(order, s.externalDocumentPrefix)
  const eanBySku = new Map(order.lines.filter((l) => l.sku).map((l) => [l.sku!, l.ean]))
  const plan = buildPostingPlan(order, resolverFor(repos, eanBySku), s)

  if (!plan.ok) {
    repos.tx(() => {
      const at = iso(clock)
      const summary = plan.problems.map((p) => planProblemException(order.number, p).title).join('; ')
      repos.postings.plan(centraId, key, null, null, 'blocked', at)
      repos.postings.markFailed(centraId, 'blocked', summary, at)
      for (const p of plan.problems) repos.exceptions.raise(planProblemException(order.number, p), at)
    })
    ctx.counters.blocked++
    return
  }

  // The key and plan are durable before the ERP hears of the order.
  repos.tx(() => {
    const at = iso(clock)
    repos.postings.plan(centraId, key, plan.hash, JSON.stringify(plan.draft), 'planned', at)
    repos.postings.markSending(centraId, at)
  })

  try {
    const existing = await erp.findByExternalDocumentNumber(key)
    if (existing) {
      recordPosted(deps, order.number, centraId, existing)
      ctx.counters.alreadyInErp++
      await readBack(deps, erp, s, order.number, centraId, plan.draft, existing)
      return
    }
    let created: ErpOrderRef | null
    try {
      created = await erp.createSalesOrder(plan.draft)
    } catch (e) {
      if (!(e instanceof ConnectorError && e.ambiguous)) throw e
      // We could not see the answer: the ERP may have the order. Ask before anything else.
      created = await erp.findByExternalDocumentNumber(key)
      if (!created) throw new UnseenOutcome(e)
    }
    recordPosted(deps, order.number, centraId, created)
    ctx.counters.posted++
    await readBack(deps, erp, s, order.number, centraId, plan.draft, created)
  } catch (caught) {
    const unseen = caught instanceof UnseenOutcome
    const e = unseen ? caught.cause : caught
    if (!(e instanceof ConnectorError)) throw e
    repos.tx(() => {
      const at = iso(clock)
      // The ERP may still finish the request we gave up on: look again only after it settles.
      const notBefore = unseen ? new Date(clock().getTime() + s.ambiguousSettleMinutes * 60_000).toISOString() : null
      repos.postings.markFailed(centraId, 'failed', e.message, at, notBefore)
      repos.exceptions.raise(postingFailedException(order.number, e, notBefore), at)
    })
    ctx.counters.failed++
    // A down or refusing ERP fails every order alike: stop the run instead of hammering it.
    if (e.retryable || e.kind === 'auth') throw e
  }
}

function recordPosted(deps: OrderSyncDeps, orderNumber: number, centraId: string, ref: ErpOrderRef) {
  const { repos, clock } = deps
  repos.tx(() => {
    const at = iso(clock)
    repos.postings.markPosted(
      centraId,
      { remoteId: ref.id, remoteNumber: ref.number, totalInclTaxMinor: ref.totalIncludingTaxMinor, totalTaxMinor: ref.totalTaxMinor },
      at,
    )
    for (const traceKey of repos.exceptions.liveTraceKeysWithPrefix(traceKeys.orderPrefix(orderNumber))) {
      repos.exceptions.resolveByTraceKey(traceKey, `Posted to the ERP as ${ref.number}`, at)
    }
  })
}

/**
 * Reads the ERP's own figures for a posted order and compares them with Centra's. A failed
 * read-back never undoes the posting: the order is in the ERP; the comparison waits for the
 * next read (reconciliation lists posted orders that were never read back).
 */
async function readBack(
  deps: OrderSyncDeps,
  erp: ErpOrderSink,
  s: OrderSyncSettings,
  orderNumber: number,
  centraId: string,
  draft: ErpSalesOrderDraft,
  ref: ErpOrderRef,
) {
  if (!erp.readDocument) return
  let doc
  try {
    doc = await erp.readDocument(ref)
  } catch (e) {
    if (e instanceof ConnectorError && e.kind !== 'auth') return
    throw e
  }
  if (!doc) return
  const { repos, clock } = deps
  const items = compareWithErp(draft, doc, s.varianceTolerance)
  repos.tx(() => {
    const at = iso(clock)
    repos.erpDocuments.save(centraId, doc, at)
    repos.erpDocuments.replaceVariances(centraId, draft.currencyCode, items, at)
    const mismatches = items.filter((v) => v.kind === 'mismatch')
    if (mismatches.length) repos.exceptions.raise(erpVarianceException(orderNumber, ref.number, draft.currencyCode, mismatches), at)
  })
}
