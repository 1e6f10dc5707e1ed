/**
 * Business Central's sales-line amount and tax arithmetic, as far as an order-to-cash
 * integration can observe it (business-central-api.md §5.3). All maths in decimal.js.
 *
 * Two layers matter and they deliberately disagree by rounding cents:
 * - stored amounts (Amount, Amount Including VAT) are computed cumulatively per VAT identifier,
 *   so each line absorbs the rounding residue and the document's tax equals the tax on the
 *   grouped base; header totals are sums of these;
 * - the API's line `totalTaxAmount` / `amountIncludingTax` are recomputed per line from the
 *   line amount and `taxPercent`, before invoice discount, so Σ lines can differ from the header.
 */
import Decimal from 'decimal.js'

export interface TaxLineInput {
  quantity: Decimal.Value
  unitPrice: Decimal.Value
  /** line discount amount as sent; wins over discountPercent when both are given */
  discountAmount?: Decimal.Value | null
  discountPercent?: Decimal.Value | null
  /** lines with the same identifier are rounded together (VAT identifier or tax group) */
  taxIdentifier: string
  taxPercent: Decimal.Value
}

export interface TaxLineResult {
  lineAmount: Decimal
  lineDiscountAmount: Decimal
  lineDiscountPercent: Decimal
  invoiceDiscountAllocation: Decimal
  /** stored, cumulative: Amount, Amount Including VAT, VAT Base Amount */
  amount: Decimal
  amountIncludingVat: Decimal
  vatBase: Decimal
  /** API presentation, per line, before invoice discount */
  amountExcludingTax: Decimal
  amountIncludingTax: Decimal
  totalTaxAmount: Decimal
  taxPercent: Decimal
}

export interface TaxDocumentResult {
  lines: TaxLineResult[]
  totalAmountExcludingTax: Decimal
  totalTaxAmount: Decimal
  totalAmountIncludingTax: Decimal
}

/** BC's ROUND(x, precision) with direction Nearest: halves away from zero. */
export function roundTo(x: Decimal.Value, precision: Decimal.Value): Decimal {
  const p = new Decimal(precision)
  return new Decimal(x).div(p).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(p)
}

const ZERO = new Decimal(0)

export function calculateDocument(args: {
  lines: TaxLineInput[]
  pricesIncludeTax: boolean
  /** currency's Amount Rounding Precision: 0.01, JPY 1, KWD 0.001 */
  precision: Decimal.Value
  /** header invoice discount amount, distributed over lines in proportion to line amounts */
  invoiceDiscountAmount?: Decimal.Value
  /** US sales tax: the line shows an effective rate derived from its stored amounts (e.g. 6.00002) */
  salesTax?: boolean
}): TaxDocumentResult {
  const prec = new Decimal(args.precision)
  const base = args.lines.map((l) => {
    const gross = roundTo(new Decimal(l.quantity).mul(l.unitPrice), prec)
    let discAmount: Decimal
    let discPercent: Decimal
    if (l.discountAmount !== undefined && l.discountAmount !== null && !new Decimal(l.discountAmount).isZero()) {
      discAmount = roundTo(l.discountAmount, prec)
      discPercent = gross.isZero() ? ZERO : roundTo(discAmount.div(gross).mul(100), '0.00001')
    } else {
      discPercent = new Decimal(l.discountPercent ?? 0)
      discAmount = roundTo(gross.mul(discPercent).div(100), prec)
    }
    return { input: l, lineAmount: gross.minus(discAmount), discAmount, discPercent }
  })

  const invDisc = allocate(new Decimal(args.invoiceDiscountAmount ?? 0), base.map((b) => b.lineAmount), prec)

  // Running sums per tax identifier: Σ line amount (after invoice discount), Σ Amount, Σ Amount Incl. VAT.
  const totals = new Map<string, { lineAmount: Decimal; amount: Decimal; amountInclVat: Decimal }>()
  const lines: TaxLineResult[] = base.map((b, i) => {
    const rate = new Decimal(b.input.taxPercent)
    const factor = rate.div(100).plus(1)
    const t = totals.get(b.input.taxIdentifier) ?? { lineAmount: ZERO, amount: ZERO, amountInclVat: ZERO }
    const net = b.lineAmount.minus(invDisc[i])
    let amount: Decimal
    let amountInclVat: Decimal
    if (args.pricesIncludeTax) {
      const cumGross = t.lineAmount.plus(net)
      amount = roundTo(cumGross.div(factor), prec).minus(t.amount)
      amountInclVat = cumGross.minus(t.amountInclVat)
    } else {
      const cumNet = t.amount.plus(net)
      amount = net
      amountInclVat = cumNet.plus(roundTo(cumNet.mul(rate).div(100), prec)).minus(t.amountInclVat)
    }
    totals.set(b.input.taxIdentifier, {
      lineAmount: t.lineAmount.plus(net),
      amount: t.amount.plus(amount),
      amountInclVat: t.amountInclVat.plus(amountInclVat),
    })
    const shownRate = args.salesTax ? effectiveTaxPercent(amount, amountInclVat) : rate
    const shownFactor = shownRate.div(100).plus(1)
    const excl = args.pricesIncludeTax ? roundTo(b.lineAmount.div(shownFactor), prec) : b.lineAmount
    const incl = args.pricesIncludeTax ? b.lineAmount : roundTo(b.lineAmount.mul(shownFactor), prec)
    return {
      lineAmount: b.lineAmount,
      lineDiscountAmount: b.discAmount,
      lineDiscountPercent: b.discPercent,
      invoiceDiscountAllocation: invDisc[i],
      amount,
      amountIncludingVat: amountInclVat,
      vatBase: amount,
      amountExcludingTax: excl,
      amountIncludingTax: incl,
      totalTaxAmount: incl.minus(excl),
      taxPercent: shownRate,
    }
  })
  const totalExcl = lines.reduce((s, l) => s.plus(l.amount), ZERO)
  const totalIncl = lines.reduce((s, l) => s.plus(l.amountIncludingVat), ZERO)
  return { lines, totalAmountExcludingTax: totalExcl, totalTaxAmount: totalIncl.minus(totalExcl), totalAmountIncludingTax: totalIncl }
}

/** Split `total` over `weights` proportionally, rounding cumulatively so the parts sum exactly. */
export function allocate(total: Decimal, weights: Decimal[], prec: Decimal): Decimal[] {
  const sum = weights.reduce((s, w) => s.plus(w), ZERO)
  if (total.isZero() || sum.isZero()) return weights.map(() => ZERO)
  let cumWeight = ZERO
  let allocated = ZERO
  return weights.map((w) => {
    cumWeight = cumWeight.plus(w)
    const target = roundTo(total.mul(cumWeight).div(sum), prec)
    const part = target.minus(allocated)
    allocated = target
    return part
  })
}

/** Effective rate BC shows for sales-tax lines: ROUND(100 × tax / amount, 0.00001). */
export function effectiveTaxPercent(amount: Decimal, amountInclTax: Decimal): Decimal {
  if (amount.isZero()) return ZERO
  return roundTo(amountInclTax.minus(amount).mul(100).div(amount), '0.00001')
}
