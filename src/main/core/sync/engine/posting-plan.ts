/**
 * The posting plan: the document the ERP receives for one Centra order, built by a pure,
 * deterministic function from the order and the mapping tables. The same inputs always give
 * the same plan and the same hash, so a changed order is recognised by its hash.
 */
import { createHash } from 'node:crypto'
import type { ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../../../shared/models/erp'
import type { StoreOrder, StoreOrderLine } from '../../../../shared/models/store-order'

export const PLAN_VERSION = 1

export interface PlanOptions {
  externalDocumentPrefix: string
  customerPrefix: string
}

export type PlanProblem =
  | { kind: 'unmapped_sku'; sku: string; ean: string | null; lineId: number }
  | { kind: 'ambiguous_mapping'; sku: string; candidates: string[]; lineId: number }
  | { kind: 'missing_sku'; lineId: number; productNumber: string }
  | { kind: 'no_market_country'; orderNumber: number }

export type ItemResolution = { itemNumber: string } | { ambiguous: string[] } | null

export type PlanResult =
  | { ok: true; draft: ErpSalesOrderDraft; hash: string }
  | { ok: false; problems: PlanProblem[] }

export function idempotencyKey(order: Pick<StoreOrder, 'number'>, prefix: string): string {
  return `${prefix}${order.number}`
}

/** Lines the ERP should receive: a bundle's components carry its price, so the parent line is left out when they exist. */
function postableLines(order: StoreOrder): StoreOrderLine[] {
  const hasComponents = order.lines.some((l) => l.kind === 'bundleItem')
  return order.lines.filter((l) => l.quantity > 0 && !(hasComponents && l.kind === 'bundle'))
}

export function buildPostingPlan(
  order: StoreOrder,
  resolveItem: (sku: string) => ItemResolution,
  options: PlanOptions,
): PlanResult {
  const problems: PlanProblem[] = []
  const lines: ErpSalesOrderLineDraft[] = []
  if (!order.countryCode) problems.push({ kind: 'no_market_country', orderNumber: order.number })

  for (const line of postableLines(order)) {
    if (!line.sku) {
      problems.push({ kind: 'missing_sku', lineId: line.lineId, productNumber: line.productNumber })
      continue
    }
    const resolved = resolveItem(line.sku)
    if (!resolved) {
      problems.push({ kind: 'unmapped_sku', sku: line.sku, ean: line.ean, lineId: line.lineId })
      continue
    }
    if ('ambiguous' in resolved) {
      problems.push({ kind: 'ambiguous_mapping', sku: line.sku, candidates: resolved.ambiguous, lineId: line.lineId })
      continue
    }
    lines.push({
      kind: 'item',
      number: resolved.itemNumber,
      description: [line.productName, line.size].filter(Boolean).join(' ').slice(0, 100),
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: 0,
      taxCode: null,
    })
  }
  if (problems.length) return { ok: false, problems }

  const draft: ErpSalesOrderDraft = {
    externalDocumentNumber: idempotencyKey(order, options.externalDocumentPrefix),
    customerNumber: `${options.customerPrefix}${order.countryCode}`,
    currencyCode: order.currency,
    orderDate: order.orderDate.slice(0, 10),
    pricesIncludeTax: order.taxMode === 'included',
    lines,
  }
  return { ok: true, draft, hash: planHash(draft) }
}

export function planHash(draft: ErpSalesOrderDraft): string {
  return createHash('sha256').update(`v${PLAN_VERSION}:${JSON.stringify(draft)}`).digest('hex')
}
