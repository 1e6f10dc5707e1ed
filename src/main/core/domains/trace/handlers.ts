import type { ErpSalesOrderDraft } from '../../../../shared/models/erp'
import type { OrderTrace } from '../../../../shared/contract'
import { defineHandlers } from '../../rpc/handlers'

const minutesBetween = (from: string, now: Date) => Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 60_000))
const when = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`

/** The one or two sentences CX reads to a customer; the details below it are for finance. */
function summarise(t: Omit<OrderTrace, 'summary'>): string {
  const o = t.order
  const p = t.posting
  const live = t.exceptions.filter((e) => e.status === 'open' || e.status === 'acknowledged')
  const shipped = t.shipments.filter((s) => s.shippedAt)
  const shipping =
    shipped.length === 0
      ? 'Not shipped yet.'
      : `Shipped ${when(shipped[shipped.length - 1].shippedAt!)}${shipped[shipped.length - 1].carrier ? ` with ${shipped[shipped.length - 1].carrier}` : ''}${
          shipped[shipped.length - 1].trackingNumber ? `, tracking ${shipped[shipped.length - 1].trackingNumber}` : ''
        }.`
  const returns = t.returns.filter((r) => !r.deletedAt)
  const returned =
    returns.length === 0
      ? ''
      : ` ${returns.reduce((n, r) => n + r.units, 0)} unit(s) came back in ${returns.length} return(s)${
          returns.every((r) => r.status === 'completed') ? ', all completed' : ', not all completed yet'
        }; refunds and credit notes are handled by finance in the ERP.`
  return base(o, p, live, shipping) + returned
}

/** What CX says about where the order stands; returns are added after it. */
function base(o: OrderTrace['order'], p: OrderTrace['posting'], live: OrderTrace['exceptions'], shipping: string): string {
  if (o.status === 'CANCELLED' && p?.state !== 'posted') return 'This order was cancelled in Centra; it was never sent to the ERP.'
  if (p?.state === 'posted' && p.erpNumber) {
    const since = p.postedAt ? ` since ${when(p.postedAt)}` : ''
    const extra = o.status === 'CANCELLED' ? ' It was cancelled in Centra after that; operations must stop it in the ERP.' : ''
    return `This order is in the ERP as ${p.erpNumber}${since}. ${shipping}${extra}`
  }
  if (p?.state === 'needs_review') return `This order is in the ERP as ${p.erpNumber ?? '?'} but changed in Centra afterwards; finance is reviewing it. ${shipping}`
  if (live.length > 0) {
    return `This order is not in the ERP yet: ${live[0].title}. The ${live[0].team} team has it on their list; the order goes through as soon as it is fixed.`
  }
  if (p?.state === 'blocked') return `This order is held back from the ERP: ${p.lastError ?? 'its posting plan could not be made'}. It goes through once that is fixed.`
  if (p?.state === 'failed') return `Sending this order to the ERP failed (${p.lastError ?? 'no reason given'}). Instep tries again on the next sync.`
  if (p?.state === 'sending' || p?.state === 'planned') return 'This order is being sent to the ERP right now.'
  return 'Instep has this order from Centra; it goes to the ERP on the next sync.'
}

export const traceHandlers = defineHandlers({
  'trace.getOrder': ({ number }, { repos, clock }) => {
    const o = repos.trace.order(number)
    if (!o) return null
    const now = clock()
    const posting = repos.trace.posting(o.centra_id)
    const doc = repos.trace.document(o.centra_id)
    const lastSync = repos.runs.lastSuccessAt('orders')
    let planLines: NonNullable<OrderTrace['posting']>['plan'] = null
    if (posting?.plan_json) {
      const draft = JSON.parse(posting.plan_json) as ErpSalesOrderDraft
      planLines = {
        lines: draft.lines.map((l) => ({
          kind: l.kind,
          number: l.number,
          description: l.description,
          quantity: l.quantity,
          unitPriceMinor: l.unitPriceMinor,
          discountMinor: l.discountMinor,
          taxPercent: l.taxPercent,
          taxCode: l.taxCode,
          expectedTaxMinor: l.expectedTaxMinor,
        })),
      }
    }
    const trace: Omit<OrderTrace, 'summary'> = {
      order: {
        centraId: o.centra_id,
        number: o.number,
        status: o.status,
        orderDate: o.order_date,
        market: o.market_name,
        country: o.country_code,
        currency: o.currency,
        conversionRate: o.conversion_rate,
        taxMode: o.tax_mode,
        customerName: o.customer_name,
        lineValuesMinor: o.line_values_minor,
        discountsMinor: o.discounts_minor,
        shippingMinor: o.shipping_minor,
        handlingMinor: o.handling_minor,
        taxMinor: o.tax_mode === 'added' ? o.tax_added_minor : o.tax_included_minor,
        grandTotalMinor: o.grand_total_minor,
        firstSeenAt: o.first_seen_at,
        updatedAt: o.updated_at,
        lines: repos.trace.lines(o.centra_id).map((l) => ({
          lineId: l.line_id,
          kind: l.kind,
          sku: l.sku,
          productName: l.product_name,
          quantity: l.quantity,
          cancelledQuantity: l.cancelled_quantity,
          taxPercent: l.tax_percent,
          unitPriceMinor: l.unit_price_minor,
          lineValueMinor: l.line_value_minor,
          erpItemNumber: l.erp_item_number,
        })),
      },
      posting: posting && {
        state: posting.state,
        idempotencyKey: posting.idempotency_key,
        attempts: posting.attempts,
        erpNumber: posting.remote_number,
        lastError: posting.last_error,
        createdAt: posting.created_at,
        updatedAt: posting.updated_at,
        postedAt: posting.posted_at,
        notBefore: posting.not_before,
        plan: planLines,
      },
      erpDocument: doc && {
        number: doc.doc.number,
        documentType: doc.doc.document_type,
        currency: doc.doc.currency,
        totalExclTaxMinor: doc.doc.total_excl_tax_minor,
        totalTaxMinor: doc.doc.total_tax_minor,
        totalInclTaxMinor: doc.doc.total_incl_tax_minor,
        readAt: doc.doc.read_at,
        lines: doc.lines.map((l) => ({
          sequence: l.sequence,
          kind: l.kind,
          number: l.number,
          quantity: l.quantity,
          taxPercent: l.tax_percent,
          amountExclTaxMinor: l.amount_excl_tax_minor,
          taxMinor: l.tax_minor,
          amountInclTaxMinor: l.amount_incl_tax_minor,
        })),
      },
      variances: repos.trace.variances(o.centra_id).map((v) => ({
        kind: v.kind,
        field: v.field,
        lineRef: v.line_ref,
        centraMinor: v.centra_minor,
        erpMinor: v.erp_minor,
        diffMinor: v.diff_minor,
        explanation: v.explanation,
        foundAt: v.found_at,
      })),
      exceptions: repos.trace.exceptions(o.centra_id, o.number),
      shipments: repos.trace.shipments(o.centra_id).map((s) => ({
        sourceNumber: s.source_number,
        carrier: s.carrier,
        trackingNumber: s.tracking_number,
        shippedAt: s.shipped_at,
        state: s.state,
        units: (JSON.parse(s.lines_json) as { quantity: number }[]).reduce((n, l) => n + l.quantity, 0),
      })),
      returns: repos.returns.forOrder(o.number).map((r) => ({
        returnId: r.return_id,
        status: r.status as 'pending' | 'completed',
        createdAt: r.created_at,
        completedAt: r.completed_at,
        deletedAt: r.deleted_at,
        currency: r.currency,
        units: r.lines.reduce((n, l) => n + l.quantity, 0),
        linesMinor: r.lines_minor,
        shippingMinor: r.shipping_minor,
        handlingMinor: r.handling_minor,
        voucherMinor: r.voucher_minor,
        totalMinor: r.total_minor,
        comment: r.comment,
        lines: r.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, valueMinor: l.value_minor })),
      })),
      lag: {
        now: now.toISOString(),
        sincePlacedMinutes: minutesBetween(o.order_date, now),
        sinceChangedMinutes: minutesBetween(o.updated_at, now),
        lastSuccessfulSyncAt: lastSync,
        sinceLastSyncMinutes: lastSync ? minutesBetween(lastSync, now) : null,
      },
    }
    return { ...trace, summary: summarise(trace) }
  },
})
