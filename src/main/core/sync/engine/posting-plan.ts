/**
 * The posting plan: the document the ERP receives for one Centra order, built by a pure,
 * deterministic function from the order and the mapping tables. Same inputs, same plan, same
 * hash — so a changed order is recognised by its hash.
 *
 * Money rules (each is tested):
 * - Item lines carry Centra's line value exactly. When a line value is not unit price × quantity
 *   (bundle components carry the indivisible cents of the bundle price), the unit price is
 *   rounded up and the difference becomes line discount, so the ERP line amount is exact.
 * - Order-level discounts (vouchers) are allocated to item lines by line value with the
 *   largest-remainder rule: the shares sum to the discount to the cent.
 * - A bundle whose parent line carries the price and whose components carry none has its price
 *   allocated to the components by their list price, again to the cent.
 * - Shipping and handling are their own lines on the configured G/L accounts (or item charges),
 *   taxed at the order's highest line rate (Centra's default rule for shipping tax).
 * - Line tax is computed from Centra's rates (half away from zero); the few cents by which the
 *   per-line sum can differ from Centra's order tax are given to the lines with the largest
 *   amounts, but only up to one cent per line: a bigger gap is a tax mismatch for finance.
 * - Before anything is sent: lines + shipping + handling − discounts (+ added tax) must equal
 *   Centra's grand total.
 */
import { createHash } from 'node:crypto'
import Decimal from 'decimal.js'
import type { ErpCustomerDraft, ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../../../shared/models/erp'
import type { StoreOrder, StoreOrderLine } from '../../../../shared/models/store-order'
import { allocateMinor } from '../../domains/money/allocate'
import { taxOnMinor } from '../../domains/money/tax'
import { marketLabel, taxCodeLookup } from './tax-codes'

export const PLAN_VERSION = 2

export interface PlanOptions {
  externalDocumentPrefix: string
  customerPrefix: string
  /** one ERP web customer per market (prefix + country), or one ERP customer per shopper */
  customerStrategy?: 'per-market' | 'per-shopper'
  /** G/L account (or item charge) for shipping charges; required when an order has shipping */
  shippingAccount?: string | null
  handlingAccount?: string | null
  /** what the numbers above are: G/L accounts (default) or item charges */
  shippingLineType?: 'account' | 'charge'
  handlingLineType?: 'account' | 'charge'
  /** tax rate ("25") → ERP tax code ("VAT25") for all markets, and per market: see tax-codes.ts for the rule */
  taxCodes?: Record<string, string>
  taxCodesByMarket?: Record<string, Record<string, string>>
}

export type PlanProblem =
  | { kind: 'unmapped_sku'; sku: string; ean: string | null; lineId: number }
  | { kind: 'ambiguous_mapping'; sku: string; candidates: string[]; lineId: number }
  | { kind: 'missing_sku'; lineId: number; productNumber: string }
  | { kind: 'no_market_country'; orderNumber: number }
  /** market: the order's market by name (or id), null when the order names none */
  | { kind: 'no_tax_code'; ratePercent: string; market: string | null }
  | { kind: 'no_charge_account'; charge: 'shipping' | 'handling' }
  | { kind: 'total_mismatch'; currency: string; computedMinor: number; centraMinor: number; what: 'line values' | 'grand total' }
  | { kind: 'tax_mismatch'; currency: string; computedMinor: number; centraMinor: number }
  | { kind: 'customer_data'; orderNumber: number; reason: string }
  | { kind: 'bundle_without_components'; sku: string; lineId: number }

export type ItemResolution = { itemNumber: string; variantCode?: string | null } | { ambiguous: string[] } | null

export type PlanResult = { ok: true; draft: ErpSalesOrderDraft; hash: string } | { ok: false; problems: PlanProblem[] }

export function idempotencyKey(order: Pick<StoreOrder, 'number'>, prefix: string): string {
  return `${prefix}${order.number}`
}

interface PricedLine {
  source: StoreOrderLine
  valueMinor: number
}

/** The lines that carry money to the ERP, with a bundle's price moved onto its components. */
function pricedLines(order: StoreOrder): PricedLine[] {
  const live = order.lines.filter((l) => l.quantity > 0)
  const items = live.filter((l) => l.kind === 'bundleItem')
  const bundles = live.filter((l) => l.kind === 'bundle')
  const others = live.filter((l) => l.kind !== 'bundle' && l.kind !== 'bundleItem')
  if (items.length === 0) return [...bundles, ...others].map((l) => ({ source: l, valueMinor: l.lineValueMinor }))
  const bundleValue = bundles.reduce((a, l) => a + l.lineValueMinor, 0)
  const itemValue = items.reduce((a, l) => a + l.lineValueMinor, 0)
  let itemValues = items.map((l) => l.lineValueMinor)
  if (bundleValue > 0 && itemValue === 0) {
    itemValues = allocateMinor(bundleValue, items.map((l) => l.unitOriginalPriceMinor * l.quantity))
  }
  const byId = new Map(items.map((l, i) => [l.lineId, itemValues[i]]))
  return live
    .filter((l) => l.kind !== 'bundle')
    .map((l) => ({ source: l, valueMinor: l.kind === 'bundleItem' ? byId.get(l.lineId)! : l.lineValueMinor }))
}

/** Unit price and discount that reproduce a line value exactly in the ERP. */
function exactUnitPrice(valueMinor: number, quantity: number): { unitPriceMinor: number; roundingDiscountMinor: number } {
  const unit = Math.ceil(valueMinor / quantity)
  return { unitPriceMinor: unit, roundingDiscountMinor: unit * quantity - valueMinor }
}

function highestRate(lines: PricedLine[]): string {
  return lines.reduce((best, l) => (new Decimal(l.source.taxPercent).gt(best) ? l.source.taxPercent : best), '0')
}

export function buildPostingPlan(order: StoreOrder, resolveItem: (sku: string) => ItemResolution, options: PlanOptions): PlanResult {
  const problems: PlanProblem[] = []
  const t = order.totals
  if (!order.countryCode) problems.push({ kind: 'no_market_country', orderNumber: order.number })

  const priced = pricedLines(order)
  const items: { itemNumber: string; variantCode?: string | null }[] = []
  for (const { source: line } of priced) {
    if (!line.sku) {
      problems.push({ kind: 'missing_sku', lineId: line.lineId, productNumber: line.productNumber })
      continue
    }
    const resolved = resolveItem(line.sku)
    // A bundle sold without its component lines can only be posted as an ERP item (a kit) of its own.
    if (!resolved && line.kind === 'bundle') problems.push({ kind: 'bundle_without_components', sku: line.sku, lineId: line.lineId })
    else if (!resolved) problems.push({ kind: 'unmapped_sku', sku: line.sku, ean: line.ean, lineId: line.lineId })
    else if ('ambiguous' in resolved) problems.push({ kind: 'ambiguous_mapping', sku: line.sku, candidates: resolved.ambiguous, lineId: line.lineId })
    else items.push(resolved)
  }

  // Totals law, checked on Centra's own figures before we rely on them.
  const linesSum = priced.reduce((a, l) => a + l.valueMinor, 0)
  if (linesSum !== t.lineValuesMinor) {
    problems.push({ kind: 'total_mismatch', currency: order.currency, computedMinor: linesSum, centraMinor: t.lineValuesMinor, what: 'line values' })
  }
  const added = order.taxMode === 'added' ? t.taxAddedMinor : 0
  const expectedGrand = t.lineValuesMinor - t.discountsMinor + t.shippingMinor + t.handlingMinor + added + t.taxDeductedMinor
  if (expectedGrand !== t.grandTotalMinor) {
    problems.push({ kind: 'total_mismatch', currency: order.currency, computedMinor: expectedGrand, centraMinor: t.grandTotalMinor, what: 'grand total' })
  }

  const lookup = taxCodeLookup(options, order)
  const market = marketLabel(order)
  const taxCode = (rate: string): string | null => {
    const answer = lookup(rate)
    if (answer !== 'missing') return answer.code
    const key = new Decimal(rate).toString()
    if (!problems.some((p) => p.kind === 'no_tax_code' && p.ratePercent === key)) problems.push({ kind: 'no_tax_code', ratePercent: key, market })
    return null
  }

  const discounts = allocateMinor(t.discountsMinor, priced.map((l) => l.valueMinor))
  const lines: ErpSalesOrderLineDraft[] = priced.map((l, i) => {
    const { unitPriceMinor, roundingDiscountMinor } = exactUnitPrice(l.valueMinor, l.source.quantity)
    const netOfDiscount = l.valueMinor - discounts[i]
    const variantCode = items[i]?.variantCode
    return {
      kind: 'item',
      number: items[i]?.itemNumber ?? '',
      ...(variantCode ? { variantCode, sku: l.source.sku ?? undefined } : {}),
      description: [l.source.productName, l.source.size].filter(Boolean).join(' ').slice(0, 100),
      quantity: l.source.quantity,
      unitPriceMinor,
      discountMinor: roundingDiscountMinor + discounts[i],
      taxCode: taxCode(l.source.taxPercent),
      taxPercent: l.source.taxPercent,
      expectedTaxMinor: taxOnMinor(netOfDiscount, l.source.taxPercent, order.taxMode),
      sourceLineId: l.source.lineId,
    }
  })

  const chargeRate = highestRate(priced)
  const charge = (kind: 'shipping' | 'handling', amountMinor: number, account: string | null | undefined, lineType: 'account' | 'charge' | undefined) => {
    if (amountMinor === 0) return
    if (!account) {
      problems.push({ kind: 'no_charge_account', charge: kind })
      return
    }
    lines.push({
      kind: 'charge',
      number: account,
      ...(lineType === 'charge' ? { chargeType: 'item-charge' as const } : {}),
      description: kind === 'shipping' ? 'Shipping' : 'Handling',
      quantity: 1,
      unitPriceMinor: amountMinor,
      discountMinor: 0,
      taxCode: taxCode(chargeRate),
      taxPercent: chargeRate,
      expectedTaxMinor: taxOnMinor(amountMinor, chargeRate, order.taxMode),
      sourceLineId: null,
    })
  }
  charge('shipping', t.shippingMinor, options.shippingAccount, options.shippingLineType)
  charge('handling', t.handlingMinor, options.handlingAccount, options.handlingLineType)

  // Line taxes may differ from Centra's order tax by rounding: at most a cent per line is moved.
  const centraTax = order.taxMode === 'added' ? t.taxAddedMinor : t.taxIncludedMinor
  const computedTax = lines.reduce((a, l) => a + l.expectedTaxMinor, 0)
  const residue = centraTax - computedTax
  if (problems.length > 0) {
    // A missing line already explains any tax gap; report the cause, not the symptom.
  } else if (Math.abs(residue) > lines.length) {
    problems.push({ kind: 'tax_mismatch', currency: order.currency, computedMinor: computedTax, centraMinor: centraTax })
  } else if (residue !== 0) {
    const order_ = lines.map((l, i) => ({ i, amount: l.unitPriceMinor * l.quantity - l.discountMinor })).sort((a, b) => b.amount - a.amount || a.i - b.i)
    const step = Math.sign(residue)
    for (let k = 0; k < Math.abs(residue); k++) lines[order_[k % order_.length].i].expectedTaxMinor += step
  }

  const customer = options.customerStrategy === 'per-shopper' ? shopperCustomer(order, options.customerPrefix, problems) : undefined

  if (problems.length) return { ok: false, problems }
  const draft: ErpSalesOrderDraft = {
    externalDocumentNumber: idempotencyKey(order, options.externalDocumentPrefix),
    customerNumber: customer?.number ?? `${options.customerPrefix}${order.countryCode}`,
    ...(customer ? { customer } : {}),
    currencyCode: order.currency,
    orderDate: order.orderDate.slice(0, 10),
    pricesIncludeTax: order.taxMode === 'included',
    lines,
    expectedTotalMinor: t.grandTotalMinor,
    expectedTaxMinor: centraTax,
  }
  return { ok: true, draft, hash: planHash(draft) }
}

/**
 * One ERP customer per shopper: numbered from a hash of the e-mail address, so the same shopper
 * always lands on the same customer and the number fits the ERP's 20 characters. Data the ERP
 * would refuse (Business Central: name up to 100, e-mail up to 80 characters) stops the plan.
 */
function shopperCustomer(order: StoreOrder, prefix: string, problems: PlanProblem[]): ErpCustomerDraft | undefined {
  const email = order.customerEmail?.trim().toLowerCase() ?? ''
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    problems.push({ kind: 'customer_data', orderNumber: order.number, reason: 'the order has no valid customer e-mail address' })
    return undefined
  }
  if (email.length > 80) problems.push({ kind: 'customer_data', orderNumber: order.number, reason: `the e-mail address is ${email.length} characters long (the ERP allows 80)` })
  const name = (order.customerName ?? email).trim()
  if (name.length > 100) problems.push({ kind: 'customer_data', orderNumber: order.number, reason: `the customer name is ${name.length} characters long (the ERP allows 100)` })
  const hash = createHash('sha256').update(email).digest('hex').slice(0, Math.max(6, 20 - prefix.length)).toUpperCase()
  return { number: `${prefix}${hash}`, displayName: name, email, country: order.countryCode ?? '', currencyCode: order.currency }
}

export function planHash(draft: ErpSalesOrderDraft): string {
  return createHash('sha256').update(`v${PLAN_VERSION}:${JSON.stringify(draft)}`).digest('hex')
}
