/**
 * The fulfilment job: shipments from the ERP (or the warehouse's files) become Centra
 * shipments, completed with carrier and tracking and `sendEmail` so the customer is told, then
 * captured or marked paid per the store's policy. Partial and split shipments are supported.
 *
 * Exactly once, step by step: each source shipment is recorded once (keyed by its source id);
 * before Centra is asked to create a shipment the row is marked `creating`; if the answer is
 * lost, the next attempt first looks for a Centra shipment of that order with exactly these
 * lines that no other row has claimed, and adopts it instead of creating another. Completing
 * and capturing check the shipment's state first, so repeating a step is harmless.
 */
import type { Repos } from '../../db/repos'
import { iso, type Clock } from '../../db/repos/clock'
import type { Fulfilment, FulfilmentLine } from '../../db/repos/fulfilments.repo'
import type { ErpShipment, ErpShipmentSource, StoreShipment, StoreShipmentSink } from '../ports'
import { ConnectorError } from '../connector-error'
import { throwIfCancelled, type JobContext, type JobFn, type JobOutcome } from './job-runner'
import { fulfilmentFailedException, traceKeys, unmatchedShipmentException } from '../../domains/exceptions/causes'

export const SHIPMENTS_CURSOR = 'erp.shipments.modified'

export interface FulfilmentSettings {
  externalDocumentPrefix: string
  payment: 'capture' | 'mark-paid' | 'none'
  sendEmail: boolean
  defaultCarrier: string | null
}

export interface FulfilmentDeps {
  repos: Repos
  clock: Clock
  settings: () => FulfilmentSettings
  connect: () => { shipments: ErpShipmentSource; store: StoreShipmentSink }
}

export function createFulfilmentJob(deps: FulfilmentDeps): JobFn {
  return async (ctx) => {
    const settings = deps.settings()
    const { shipments, store } = deps.connect()
    await readShipments(deps, ctx, shipments, settings)
    return pushShipments(deps, ctx, store, settings)
  }
}

/** Which Centra order lines an ERP shipment covers: by item, in line order, never beyond what is left to ship. */
export function matchLines(
  shipment: ErpShipment,
  orderLines: { lineId: number; itemNumber: string | null; quantity: number }[],
  alreadyShipped: Map<number, number>,
): { lines: FulfilmentLine[]; unmatched: string[] } {
  const left = new Map(orderLines.map((l) => [l.lineId, l.quantity - (alreadyShipped.get(l.lineId) ?? 0)]))
  const lines = new Map<number, number>()
  const unmatched: string[] = []
  for (const s of shipment.lines) {
    let qty = s.quantity
    for (const l of orderLines) {
      if (qty === 0) break
      if (l.itemNumber !== s.itemNumber) continue
      const take = Math.min(qty, left.get(l.lineId) ?? 0)
      if (take <= 0) continue
      left.set(l.lineId, left.get(l.lineId)! - take)
      lines.set(l.lineId, (lines.get(l.lineId) ?? 0) + take)
      qty -= take
    }
    if (qty > 0) unmatched.push(`${qty} × ${s.itemNumber}`)
  }
  return { lines: [...lines].map(([lineId, quantity]) => ({ lineId, quantity })), unmatched }
}

async function readShipments(deps: FulfilmentDeps, ctx: JobContext, source: ErpShipmentSource, s: FulfilmentSettings) {
  const { repos } = deps
  throwIfCancelled(ctx.signal)
  ctx.progress('fetching', 0, null, 'Reading shipments from the ERP…')
  await source.consume(
    repos.cursors.get(SHIPMENTS_CURSOR),
    (batch, nextCursor) => {
      recordShipments(deps, batch, nextCursor, s)
      ctx.counters.fetched += batch.length
    },
    ctx.signal,
  )
}

/** Order number from our reference: "WEB-1042" with prefix "WEB-", or a bare "1042" from a warehouse file. */
function orderNumberOf(reference: string, prefix: string): number | null {
  const raw = reference.startsWith(prefix) ? reference.slice(prefix.length) : reference
  return /^\d+$/.test(raw) ? Number(raw) : null
}

function recordShipments(deps: FulfilmentDeps, shipments: ErpShipment[], nextCursor: string | null, s: FulfilmentSettings) {
  const { repos, clock } = deps
  repos.tx(() => {
    const at = iso(clock)
    for (const shipment of shipments) {
      const number = orderNumberOf(shipment.externalDocumentNumber, s.externalDocumentPrefix)
      const order = number === null ? null : repos.orders.byNumber(number)
      const base = {
        source: shipment.source ?? ('erp' as const),
        sourceRef: shipment.id,
        sourceNumber: shipment.number,
        externalDocumentNumber: shipment.externalDocumentNumber,
        carrier: shipment.carrier ?? s.defaultCarrier,
        trackingNumber: shipment.trackingNumber,
        shippedAt: shipment.shippedAt,
      }
      if (!order) {
        if (repos.fulfilments.add({ ...base, centraOrderId: null, orderNumber: null, lines: [], state: 'unmatched', lastError: 'No Centra order' }, at)) {
          repos.exceptions.raise(unmatchedShipmentException(shipment, 'no Centra order carries this reference'), at)
        }
        continue
      }
      const stored = repos.orders.load(order.centraId)!
      const orderLines = stored.lines.map((l) => ({
        lineId: l.lineId,
        quantity: l.quantity,
        itemNumber: l.sku ? (repos.mapping.find(l.sku)?.erpItemNumber ?? null) : null,
      }))
      const { lines, unmatched } = matchLines(shipment, orderLines, repos.fulfilments.shippedByLine(order.centraId))
      const ok = unmatched.length === 0 && lines.length > 0
      const added = repos.fulfilments.add(
        {
          ...base,
          centraOrderId: order.centraId,
          orderNumber: order.number,
          lines,
          state: ok ? 'planned' : 'unmatched',
          lastError: ok ? null : `Not on the order: ${unmatched.join(', ')}`,
        },
        at,
      )
      if (added && !ok) {
        repos.exceptions.raise(
          unmatchedShipmentException(shipment, `these items are not (or no longer) open on order ${order.number}: ${unmatched.join(', ') || 'all'}`),
          at,
        )
      }
    }
    if (nextCursor) repos.cursors.put(SHIPMENTS_CURSOR, nextCursor, at)
  })
}

async function pushShipments(deps: FulfilmentDeps, ctx: JobContext, store: StoreShipmentSink, s: FulfilmentSettings): Promise<JobOutcome> {
  const pending = deps.repos.fulfilments.pending()
  let done = 0
  for (const f of pending) {
    throwIfCancelled(ctx.signal)
    try {
      await advance(deps, store, s, f)
      ctx.counters.posted++
      deps.repos.exceptions.resolveByTraceKey(traceKeys.shipment(f.sourceNumber), 'Shipment reached Centra', iso(deps.clock))
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e
      deps.repos.tx(() => {
        const at = iso(deps.clock)
        deps.repos.fulfilments.fail(f.id, e.message, at)
        deps.repos.exceptions.raise(fulfilmentFailedException(f, e), at)
      })
      ctx.counters.failed++
      if (e.retryable || e.kind === 'auth') throw e
    }
    done++
    ctx.progress('posting', done, pending.length, `Sent ${done} of ${pending.length} shipments to Centra`)
  }
  return { incomplete: ctx.counters.failed > 0 }
}

const sameLines = (a: FulfilmentLine[], b: StoreShipment['lines']) => {
  const key = (lines: { lineId: number; quantity: number }[]) =>
    lines.map((l) => `${l.lineId}:${l.quantity}`).sort().join(',')
  return key(a) === key(b.map((l) => ({ lineId: l.orderLineId ?? -1, quantity: l.quantity })))
}

async function advance(deps: FulfilmentDeps, store: StoreShipmentSink, s: FulfilmentSettings, start: Fulfilment) {
  const { repos, clock } = deps
  let f = start
  const orderNumber = f.orderNumber!
  let shipment: StoreShipment | null = null

  if (f.state === 'planned' || f.state === 'creating' || (f.state === 'failed' && f.centraShipmentId === null)) {
    if (f.state !== 'planned') {
      // A previous attempt may have created it without us seeing the answer: adopt, never duplicate.
      const claimed = repos.fulfilments.linkedShipmentIds(f.centraOrderId!)
      const existing = await store.shipmentsForOrder(orderNumber)
      shipment = existing.find((x) => !claimed.has(x.id) && sameLines(f.lines, x.lines)) ?? null
    }
    if (!shipment) {
      repos.tx(() => repos.fulfilments.beginCreate(f.id, iso(clock)))
      shipment = await store.createShipment({ orderNumber, lines: f.lines, additionalMessage: `ERP shipment ${f.sourceNumber}` })
    }
    repos.tx(() => repos.fulfilments.linkShipment(f.id, shipment!.id, iso(clock)))
    f = repos.fulfilments.get(f.id)!
  }

  const id = f.centraShipmentId!
  shipment ??= (await store.shipmentsForOrder(orderNumber)).find((x) => x.id === id) ?? null
  if (f.state === 'created' || (f.state === 'failed' && shipment && !shipment.isShipped)) {
    if (!shipment?.isShipped) {
      shipment = await store.completeShipment(id, { shippedAt: f.shippedAt, sendEmail: s.sendEmail, carrier: f.carrier, trackingNumber: f.trackingNumber })
    }
    repos.tx(() => repos.fulfilments.advance(f.id, 'completed', iso(clock)))
  }
  if (s.payment !== 'none' && shipment && !shipment.isPaid && !shipment.isCaptured) {
    shipment = s.payment === 'capture' ? await store.capture(id) : await store.markPaid(id)
  }
  repos.tx(() => repos.fulfilments.advance(f.id, 'done', iso(clock)))
}
