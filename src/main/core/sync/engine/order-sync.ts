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
import Decimal from 'decimal.js'
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
import type { ErpDocumentReadBack, ErpItemVariant, ErpSalesOrderDraft } from '../../../../shared/models/erp'
import { mappingLabel } from '../../db/repos/mapping.repo'
import type { StoreReturnSource } from '../return-ports'
import { recordReturns } from './return-sync'
import type { ErpPostingRules } from '../erp-rules'
import { checkAgainstErpRules } from './erp-rule-checks'
import { marketLabel } from './tax-codes'

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
  /** storeReturns: where the store's returns are read (recorded only, never posted) */
  connect: () => { store: StoreOrderSource; erp: ErpOrderSink; storeReturns?: StoreReturnSource; erpRules?: ErpPostingRules }
}

export function createOrderSyncJob(deps: OrderSyncDeps): JobFn {
  return async (ctx) => {
    const settings = deps.settings()
    const { store, erp, storeReturns, erpRules } = deps.connect()
    // A retry posts the orders it names from the store; there is nothing new to read for it.
    if (!ctx.scope.orderIds) {
      const changed = new Set<string>()
      if (store.events) await readEvents(deps, ctx, store.events, changed)
      await fetchOrders(deps, ctx, store, settings, changed)
      if (storeReturns) await recordReturns(deps, ctx, storeReturns)
      await propagateChangesAfterPosting(deps, ctx, erp, settings, changed)
    } else if (store.events) {
      // A retry may come long after the order was read: read it again, so an order cancelled or
      // edited in Centra since then is posted as it is now (or, cancelled, not at all).
      await rereadOrders(deps, ctx, store.events, ctx.scope.orderIds)
    }
    await refreshMappings(deps, ctx, erp)
    return postOrders(deps, ctx, erp, settings, erpRules)
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
 * behind: while it is still open in the ERP (nothing shipped, nobody edited it there) Instep
 * replaces it with the new plan, or deletes it when the order was cancelled; otherwise a
 * cancellation goes to operations and any other change (lines, prices, customer) to finance.
 */
async function propagateChangesAfterPosting(deps: OrderSyncDeps, ctx: JobContext, erp: ErpOrderSink, s: OrderSyncSettings, changed: Set<string>) {
  const { repos, clock } = deps
  for (const centraId of changed) {
    throwIfCancelled(ctx.signal)
    const posting = repos.postings.get(centraId)
    if (!posting || posting.state !== 'posted' || !posting.remoteId) continue
    const order = repos.orders.load(centraId)
    if (!order) continue
    const cancelled = order.status === 'CANCELLED'
    const eanBySku = new Map(order.lines.filter((l) => l.sku).map((l) => [l.sku!, l.ean]))
    const plan = cancelled ? null : buildPostingPlan(order, resolverFor(repos, eanBySku), s)
    if (!cancelled && plan?.ok && plan.hash === posting.planHash) continue

    const ref: ErpOrderRef = {
      id: posting.remoteId,
      number: posting.remoteNumber ?? '?',
      externalDocumentNumber: posting.idempotencyKey,
      documentType: repos.erpDocuments.documentType(posting.remoteId) ?? 'salesOrder',
      totalExcludingTaxMinor: 0,
      totalTaxMinor: 0,
      totalIncludingTaxMinor: 0,
      currencyCode: order.currency,
    }
    const refuse = (reason: string) =>
      repos.tx(() => {
        const at = iso(clock)
        repos.postings.markFailed(centraId, 'needs_review', `${cancelled ? 'Cancelled' : 'Changed'} in Centra after posting: ${reason}`, at)
        repos.exceptions.raise(changedAfterPostingException(order.number, ref.number, cancelled, reason), at)
      })
    if (!erp.changeOpenOrder) {
      refuse('this ERP connection cannot change orders it has received.')
      continue
    }
    if (plan && !plan.ok) {
      refuse('the changed order cannot be planned (see its other exceptions).')
      continue
    }
    if (plan) repos.tx(() => repos.postings.plan(centraId, posting.idempotencyKey, plan.hash, JSON.stringify(plan.draft), 'planned', iso(clock)))
    repos.tx(() => repos.postings.markSending(centraId, iso(clock)))
    const result = await erp.changeOpenOrder(ref, plan ? plan.draft : null, ctx.signal)
    if ('refused' in result) {
      refuse(result.refused)
      continue
    }
    if (result.done === null) {
      repos.tx(() => {
        const at = iso(clock)
        repos.postings.markWithdrawn(centraId, `Cancelled in Centra; ERP order ${ref.number} deleted while still open`, at)
        for (const key of repos.exceptions.liveTraceKeysWithPrefix(traceKeys.orderPrefix(order.number))) {
          repos.exceptions.resolveByTraceKey(key, `Order cancelled; ERP order ${ref.number} deleted`, at)
        }
      })
    } else if (plan) {
      recordPosted(deps, order.number, centraId, result.done)
      await readBack(deps, erp, s, [{ prepared: { centraId, number: order.number, key: posting.idempotencyKey, draft: plan.draft }, ref: result.done }])
    }
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
  const variants = erp.listItemVariants ? await erp.listItemVariants(ctx.signal) : null
  repos.tx(() => {
    const at = iso(clock)
    repos.mapping.upsertItems(items, at)
    if (variants) repos.mapping.replaceVariants(variants, at)
    const bySkuText = variantsBySkuText(variants ?? [])
    for (const { sku, ean } of unmapped) {
      const byNumber = repos.mapping.itemNumbersWith('number', sku)
      const byGtin = ean ? repos.mapping.itemNumbersWith('gtin', ean) : []
      const byVariant = bySkuText.get(sku.toUpperCase()) ?? []
      const match =
        byNumber.length === 1
          ? { erpItemNumber: byNumber[0], matchedBy: 'sku' as const }
          : byGtin.length === 1
            ? { erpItemNumber: byGtin[0], matchedBy: 'gtin' as const }
            : byNumber.length === 0 && byVariant.length === 1
              ? { erpItemNumber: byVariant[0].itemNumber, erpVariantCode: byVariant[0].code, matchedBy: 'sku' as const }
              : null
      if (!match) continue
      repos.mapping.addIfAbsent({ sku, ean, origin: 'auto', ...match }, at)
      repos.exceptions.resolveByTraceKey(traceKeys.sku(sku, 'unmapped'), `Mapped to ERP item ${mappingLabel(match.erpItemNumber, 'erpVariantCode' in match ? match.erpVariantCode : null)}`, at)
    }
  })
}

/**
 * ERP item variants by the text "item number + variant code" (item TEE-NAV, variant M →
 * TEE-NAVM): the third automatic match, for ERPs keeping sizes as variants of one item. A SKU
 * matching two such pairs is left for a person, as with GTINs.
 */
function variantsBySkuText(variants: ErpItemVariant[]): Map<string, ErpItemVariant[]> {
  const out = new Map<string, ErpItemVariant[]>()
  for (const v of variants) {
    const key = `${v.itemNumber}${v.code}`.toUpperCase()
    out.set(key, [...(out.get(key) ?? []), v])
  }
  return out
}

function resolverFor(repos: Repos, eanBySku: Map<string, string | null>): (sku: string) => ItemResolution {
  return (sku) => {
    const mapped = repos.mapping.find(sku)
    if (mapped) return { itemNumber: mapped.erpItemNumber, variantCode: mapped.erpVariantCode ?? null }
    const ean = eanBySku.get(sku)
    const byGtin = ean ? repos.mapping.itemNumbersWith('gtin', ean) : []
    return byGtin.length > 1 ? { ambiguous: byGtin } : null
  }
}

/** Orders taken together for one batched look-up and one batched read-back. */
const POST_BATCH = 25

interface Prepared {
  centraId: string
  number: number
  key: string
  draft: ErpSalesOrderDraft
}

/** Orders named by a retry, read again from the store just before they are posted. */
async function rereadOrders(deps: OrderSyncDeps, ctx: JobContext, queue: OrderEventQueue, centraIds: readonly string[]) {
  const found: { order: StoreOrder; raw: unknown }[] = []
  for (const centraId of centraIds) {
    throwIfCancelled(ctx.signal)
    const stored = deps.repos.orders.load(centraId)
    const fresh = stored ? await queue.fetchOrder(stored.number, ctx.signal) : null
    if (fresh) found.push(fresh)
  }
  deps.repos.tx(() => storeOrders(deps, ctx, found, new Set()))
}

/** The ERP's currencies, asked once per run and only when something is to be posted. */
async function acceptedCurrencies(deps: OrderSyncDeps, ctx: JobContext, rules: ErpPostingRules | undefined, anything: boolean): Promise<Set<string> | null> {
  if (!rules || !anything) return null
  const codes = await rules.acceptedCurrencies(ctx.signal)
  if (!codes) return null
  const accepted = new Set(codes)
  deps.repos.tx(() => {
    const at = iso(deps.clock)
    for (const code of accepted) deps.repos.exceptions.resolveByTraceKey(traceKeys.currency(code), `${code} is now set up in the ERP`, at)
  })
  return accepted
}

async function postOrders(deps: OrderSyncDeps, ctx: JobContext, erp: ErpOrderSink, s: OrderSyncSettings, rules?: ErpPostingRules): Promise<JobOutcome> {
  const { repos } = deps
  const now = deps.clock()
  const settleMs = s.ambiguousSettleMinutes * 60_000
  const candidates = repos.postings.candidates(now.toISOString(), new Date(now.getTime() - settleMs).toISOString(), ctx.scope.orderIds)
  const currencies = await acceptedCurrencies(deps, ctx, rules, candidates.length > 0)
  let done = 0
  ctx.progress('posting', 0, candidates.length, `Posting ${candidates.length} orders to the ERP…`)
  for (let i = 0; i < candidates.length; i += POST_BATCH) {
    throwIfCancelled(ctx.signal)
    const batch = candidates.slice(i, i + POST_BATCH)
    const prepared = batch.map((c) => prepare(deps, ctx, s, c.centraId, currencies)).filter((p): p is Prepared => p !== null)
    // One look-up for the whole batch, made after every key in it is durable: the ERP is always
    // asked before a create, with a handful of requests instead of two per order.
    const known = erp.findManyByExternalDocumentNumber && prepared.length ? await erp.findManyByExternalDocumentNumber(prepared.map((p) => p.key), ctx.signal) : null
    const posted: { prepared: Prepared; ref: ErpOrderRef }[] = []
    await inParallel(prepared, s.postConcurrency, ctx.signal, async (p) => {
      const ref = await send(deps, ctx, erp, s, p, known)
      if (ref) posted.push({ prepared: p, ref })
      done++
      ctx.progress('posting', done + (batch.length - prepared.length), candidates.length, `Posted ${done} of ${candidates.length} orders`)
    })
    done += batch.length - prepared.length
    await readBack(deps, erp, s, posted)
  }
  await erp.flush?.(ctx.signal)
  ctx.progress('finishing', done, candidates.length, 'Done')
  return { incomplete: ctx.counters.blocked + ctx.counters.failed > 0 }
}

/**
 * Runs `work` over the items with at most `limit` at a time (Business Central allows 5 requests
 * in flight). On cancel, or on the first error, no new item starts; those in flight finish; then
 * the error (or the cancellation) is thrown.
 */
async function inParallel<T>(items: T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let stop: unknown = null
  const worker = async () => {
    while (stop === null && next < items.length) {
      if (signal.aborted) {
        stop ??= new CancelledError()
        break
      }
      try {
        await work(items[next++])
      } catch (e) {
        stop ??= e
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (stop !== null) throw stop
}

/** Plans one order; a plan that cannot be posted blocks the order with its exceptions. */
function prepare(
  deps: OrderSyncDeps,
  ctx: JobContext,
  s: OrderSyncSettings,
  centraId: string,
  currencies: Set<string> | null,
): Prepared | null {
  const { repos, clock } = deps
  const order = repos.orders.load(centraId)
  if (!order) return null
  const key = idempotencyKey(order, s.externalDocumentPrefix)
  const eanBySku = new Map(order.lines.filter((l) => l.sku).map((l) => [l.sku!, l.ean]))
  const plan = buildPostingPlan(order, resolverFor(repos, eanBySku), s)
  // What the ERP would refuse is held back here, before any call: an unknown currency, control characters.
  const refused = checkAgainstErpRules(order, plan.ok ? plan.draft : null, { currencies })
  const blocking = [...refused, ...(plan.ok ? [] : plan.problems.map((p) => planProblemException(order.number, p)))]
  if (blocking.length > 0 || !plan.ok) {
    repos.tx(() => {
      const at = iso(clock)
      repos.postings.plan(centraId, key, null, null, 'blocked', at)
      repos.postings.markFailed(centraId, 'blocked', blocking.map((r) => r.title).join('; '), at)
      for (const r of blocking) repos.exceptions.raise(r, at)
    })
    ctx.counters.blocked++
    return null
  }
  // The key and plan are durable before the ERP hears of the order.
  repos.tx(() => {
    const at = iso(clock)
    repos.postings.plan(centraId, key, plan.hash, JSON.stringify(plan.draft), 'planned', at)
    closeAnsweredTaxCodes(repos, order, at)
    closeAnsweredChargeAccounts(repos, order, at)
  })
  return { centraId, number: order.number, key, draft: plan.draft }
}

/**
 * An order that plans has every one of its rates answered for its market (a code, or no tables:
 * the ERP decides), so the tax code exceptions of that market and those rates are closed — and
 * those in the older per-rate form, which a still-blocked order of another market raises again.
 */
function closeAnsweredTaxCodes(repos: Repos, order: StoreOrder, at: string) {
  const market = marketLabel(order)
  for (const rate of new Set(order.lines.map((l) => new Decimal(l.taxPercent).toString()))) {
    const note = `Order ${order.number}${market === null ? '' : ` (market ${market})`} was planned with a tax code for ${rate} % (or with none, where the ERP decides)`
    repos.exceptions.resolveByTraceKey(traceKeys.taxCode(market, rate), note, at)
    if (market !== null) repos.exceptions.resolveByTraceKey(traceKeys.taxCode(null, rate), note, at)
  }
}

/** An order that plans with a shipping or handling charge had its G/L account: that exception is answered. */
function closeAnsweredChargeAccounts(repos: Repos, order: StoreOrder, at: string) {
  for (const [charge, minor] of [['shipping', order.totals.shippingMinor], ['handling', order.totals.handlingMinor]] as const) {
    if (minor !== 0) repos.exceptions.resolveByTraceKey(traceKeys.chargeAccount(charge), `Order ${order.number} was planned with the ${charge} account`, at)
  }
}

/** Creates the order unless the ERP has it already; returns where it is, or null when it failed. */
async function send(
  deps: OrderSyncDeps,
  ctx: JobContext,
  erp: ErpOrderSink,
  s: OrderSyncSettings,
  p: Prepared,
  known: Map<string, ErpOrderRef> | null,
): Promise<ErpOrderRef | null> {
  const { repos, clock } = deps
  try {
    const existing = known ? (known.get(p.key) ?? null) : await erp.findByExternalDocumentNumber(p.key)
    if (existing) {
      recordPosted(deps, p.number, p.centraId, existing)
      ctx.counters.alreadyInErp++
      return existing
    }
    // One customer per shopper: the customer must exist before the order that names it.
    if (p.draft.customer && erp.ensureCustomer) await erp.ensureCustomer(p.draft.customer)
    let created: ErpOrderRef | null
    // From here a create may be in flight: a crash leaves 'sending', which waits out the settle time.
    repos.tx(() => repos.postings.markSending(p.centraId, iso(clock)))
    try {
      created = await erp.createSalesOrder(p.draft)
    } catch (e) {
      if (!(e instanceof ConnectorError && e.ambiguous)) throw e
      // We could not see the answer: the ERP may have the order. Ask before anything else.
      created = await erp.findByExternalDocumentNumber(p.key)
      if (!created) throw new UnseenOutcome(e)
    }
    recordPosted(deps, p.number, p.centraId, created)
    ctx.counters.posted++
    return created
  } catch (caught) {
    const unseen = caught instanceof UnseenOutcome
    const e = unseen ? caught.cause : caught
    if (!(e instanceof ConnectorError)) throw e
    repos.tx(() => {
      const at = iso(clock)
      // The ERP may still finish the request we gave up on: look again only after it settles.
      const notBefore = unseen ? new Date(clock().getTime() + s.ambiguousSettleMinutes * 60_000).toISOString() : null
      repos.postings.markFailed(p.centraId, 'failed', e.message, at, notBefore)
      repos.exceptions.raise(postingFailedException(p.number, e, notBefore), at)
    })
    ctx.counters.failed++
    // A down or refusing ERP fails every order alike: stop the run instead of hammering it.
    if (e.retryable || e.kind === 'auth') throw e
    return null
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
 * Reads the ERP's own figures for posted orders and compares them with Centra's. A failed
 * read-back never undoes a posting: the order is in the ERP; the comparison waits for the next
 * read (reconciliation lists posted orders that were never read back).
 */
async function readBack(deps: OrderSyncDeps, erp: ErpOrderSink, s: OrderSyncSettings, posted: { prepared: Prepared; ref: ErpOrderRef }[]) {
  if (posted.length === 0 || (!erp.readDocuments && !erp.readDocument)) return
  let docs: Map<string, ErpDocumentReadBack>
  try {
    if (erp.readDocuments) docs = await erp.readDocuments(posted.map((x) => x.ref))
    else {
      docs = new Map()
      for (const { ref } of posted) {
        const doc = await erp.readDocument!(ref)
        if (doc) docs.set(ref.id, doc)
      }
    }
  } catch (e) {
    if (e instanceof ConnectorError && e.kind !== 'auth') return
    throw e
  }
  const { repos, clock } = deps
  repos.tx(() => {
    const at = iso(clock)
    for (const { prepared, ref } of posted) {
      const doc = docs.get(ref.id)
      if (!doc) continue
      const items = compareWithErp(prepared.draft, doc, s.varianceTolerance)
      repos.erpDocuments.save(prepared.centraId, doc, at)
      repos.erpDocuments.replaceVariances(prepared.centraId, prepared.draft.currencyCode, items, at)
      const mismatches = items.filter((v) => v.kind === 'mismatch')
      if (mismatches.length) repos.exceptions.raise(erpVarianceException(prepared.number, ref.number, prepared.draft.currencyCode, mismatches), at)
    }
  })
}
