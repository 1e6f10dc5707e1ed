/**
 * Business Central's tax arithmetic (business-central-api.md §5.3) as the simulator applies it:
 * cumulative VAT per identifier at the currency's rounding precision, per-line presentation
 * that can disagree with the header by rounding cents.
 */
import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { allocate, calculateDocument, roundTo } from '../../src/sim/bc/tax'

const n = (d: Decimal) => d.toNumber()
const line = (quantity: number, unitPrice: number | string, taxPercent: string, extra: object = {}) => ({
  quantity,
  unitPrice,
  taxIdentifier: `VAT${taxPercent}`,
  taxPercent,
  ...extra,
})

describe('BC tax calculation', () => {
  it('rounds halves away from zero at the given precision', () => {
    expect(n(roundTo('0.165', '0.01'))).toBe(0.17)
    expect(n(roundTo('-0.165', '0.01'))).toBe(-0.17)
    expect(n(roundTo('95.4545', '1'))).toBe(95)
    expect(n(roundTo('3.7035', '0.001'))).toBe(3.704)
  })

  it('puts the VAT rounding residue on the line where the cumulative sum crosses a half cent (prices excl. tax)', () => {
    const doc = calculateDocument({ lines: [line(1, '0.33', '25'), line(1, '0.33', '25'), line(1, '0.33', '25')], pricesIncludeTax: false, precision: '0.01' })
    expect(doc.lines.map((l) => n(l.amountIncludingVat.minus(l.amount)))).toEqual([0.08, 0.09, 0.08])
    expect(n(doc.totalTaxAmount)).toBe(0.25) // = ROUND(0.99 × 25 %)
    expect(n(doc.totalAmountIncludingTax)).toBe(1.24)
    // per-line presentation recomputes each line alone: Σ = 0.24, one cent below the header
    expect(doc.lines.map((l) => n(l.totalTaxAmount))).toEqual([0.08, 0.08, 0.08])
  })

  it('keeps separate cumulative sums per VAT identifier', () => {
    const doc = calculateDocument({
      lines: [line(1, '0.33', '25'), line(1, '0.33', '19'), line(1, '0.33', '25')],
      pricesIncludeTax: false,
      precision: '0.01',
    })
    // VAT25: 0.66 → 0.17 (0.08 + 0.09); VAT19: 0.33 → 0.06
    expect(doc.lines.map((l) => n(l.amountIncludingVat.minus(l.amount)))).toEqual([0.08, 0.06, 0.09])
    expect(n(doc.totalTaxAmount)).toBe(0.23)
  })

  it('JPY (precision 1), prices incl. tax: net amounts absorb the residue, header tax is on the grouped base', () => {
    const doc = calculateDocument({ lines: [line(1, 105, '10'), line(1, 105, '10'), line(1, 105, '10')], pricesIncludeTax: true, precision: '1' })
    expect(doc.lines.map((l) => n(l.amount))).toEqual([95, 96, 95])
    expect(doc.lines.map((l) => n(l.amountIncludingVat))).toEqual([105, 105, 105])
    expect(n(doc.totalAmountExcludingTax)).toBe(286) // ROUND(315 / 1.1) = 286
    expect(n(doc.totalTaxAmount)).toBe(29)
    expect(doc.lines.map((l) => n(l.totalTaxAmount))).toEqual([10, 10, 10]) // Σ 30 ≠ 29
    expect(doc.lines.every((l) => l.amountExcludingTax.isInteger())).toBe(true)
  })

  it('KWD (precision 0.001), prices excl. tax', () => {
    const doc = calculateDocument({ lines: [line(3, '1.2345', '5')], pricesIncludeTax: false, precision: '0.001' })
    expect(n(doc.lines[0].lineAmount)).toBe(3.704)
    expect(n(doc.totalTaxAmount)).toBe(0.185)
    expect(n(doc.totalAmountIncludingTax)).toBe(3.889)
  })

  it('line discount percent is applied to the rounded line amount; a discount amount back-computes the percent', () => {
    const doc = calculateDocument({
      lines: [line(4, '49.7536', '25', { discountPercent: 10 }), line(2, 10, '25', { discountAmount: 5 })],
      pricesIncludeTax: false,
      precision: '0.01',
    })
    expect(n(doc.lines[0].lineDiscountAmount)).toBe(19.9) // ROUND(199.01 × 10 %)
    expect(n(doc.lines[0].lineAmount)).toBe(179.11)
    expect(n(doc.lines[1].lineDiscountPercent)).toBe(25)
    expect(n(doc.lines[1].lineAmount)).toBe(15)
  })

  it('header invoice discount is allocated over lines without losing a cent and reduces the stored amounts only', () => {
    expect(allocate(new Decimal(10), [new Decimal(100), new Decimal(200)], new Decimal('0.01')).map(n)).toEqual([3.33, 6.67])
    const doc = calculateDocument({ lines: [line(1, 100, '25'), line(1, 200, '25')], pricesIncludeTax: false, precision: '0.01', invoiceDiscountAmount: 10 })
    expect(n(doc.totalAmountExcludingTax)).toBe(290)
    expect(n(doc.totalTaxAmount)).toBe(72.5)
    expect(n(doc.lines[0].totalTaxAmount)).toBe(25) // presentation is before invoice discount
  })

  it('US sales tax shows an effective rate computed back from amounts (docs example 6.00002)', () => {
    const doc = calculateDocument({
      lines: [{ quantity: 12, unitPrice: 1397.3, taxIdentifier: 'FURNITURE', taxPercent: '6' }],
      pricesIncludeTax: false,
      precision: '0.01',
      salesTax: true,
    })
    const l = doc.lines[0]
    expect(n(l.taxPercent)).toBe(6.00002)
    expect(n(l.amountExcludingTax)).toBe(16767.6)
    expect(n(l.totalTaxAmount)).toBe(1006.06)
    expect(n(l.amountIncludingTax)).toBe(17773.66)
  })
})
