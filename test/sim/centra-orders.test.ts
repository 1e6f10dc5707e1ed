import { describe, expect, it } from 'vitest'
import { generateCatalog } from '../../src/sim/scenario/catalog'
import Decimal from 'decimal.js'
import { addedTax, allocate, createOrderGenerator, generateOrders, includedTax, type SimOrder } from '../../src/sim/scenario/orders'
import { scenarioOrderOptions } from '../../src/sim/centra'

const catalog = generateCatalog({ seed: 42 })
const demo = () => scenarioOrderOptions({ seed: 42 }, catalog, new Date('2026-11-01T00:00:00Z'))

function checkTotals(o: SimOrder) {
  const t = o.totals
  const lineSum = o.lines.reduce((a, l) => a + l.lineValueMinor, 0)
  expect(t.grandTotalMinor).toBe(t.lineValuesMinor - t.discountsMinor + t.shippingMinor + t.handlingMinor + t.taxAddedMinor)
  if (o.anomalies.includes('totalMismatch')) expect(t.lineValuesMinor).not.toBe(lineSum)
  else expect(t.lineValuesMinor).toBe(lineSum)
  for (const l of o.lines) {
    if (l.kind !== 'bundleItem') expect(l.lineValueMinor).toBe(l.unitPriceMinor * l.quantity)
    expect(Number.isInteger(l.lineTaxMinor)).toBe(true)
  }
  if (o.taxMode === 'included') expect(t.taxAddedMinor).toBe(0)
  else expect(t.taxIncludedMinor).toBe(0)
}

describe('order scenario generator', () => {
  it('gives the same orders for the same seed and different ones for another seed', () => {
    const a = generateOrders(demo())
    const b = generateOrders(demo())
    const c = generateOrders({ ...demo(), seed: 7 })
    expect(a).toEqual(b)
    expect(a.map((o) => o.totals.grandTotalMinor)).not.toEqual(c.map((o) => o.totals.grandTotalMinor))
  })

  it('keeps every order internally consistent in minor units, except the deliberate mismatch', () => {
    const orders = generateOrders(demo())
    expect(orders).toHaveLength(120)
    orders.forEach(checkTotals)
    expect(orders.some((o) => o.anomalies.includes('totalMismatch'))).toBe(true)
  })

  it('covers several markets, both tax modes, discounts, vouchers, cancellations, bundles and statuses', () => {
    const orders = generateOrders(demo())
    expect(new Set(orders.map((o) => o.marketId)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(orders.map((o) => o.taxMode))).toEqual(new Set(['included', 'added']))
    expect(new Set(orders.map((o) => o.currency))).toContain('JPY')
    expect(new Set(orders.map((o) => o.currency))).toContain('KWD')
    expect(orders.some((o) => o.lines.some((l) => l.unitPriceMinor < l.unitOriginalPriceMinor && l.kind === 'product'))).toBe(true)
    expect(orders.some((o) => o.vouchers.length > 0)).toBe(true)
    expect(orders.some((o) => o.lines.some((l) => l.cancelledQuantity > 0))).toBe(true)
    expect(orders.some((o) => o.lines.some((l) => l.kind === 'bundle'))).toBe(true)
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3)
  })

  it('puts the SKU the ERP does not know in at least one demo order', () => {
    const orders = generateOrders(demo())
    const withGap = orders.filter((o) => o.lines.some((l) => catalog.unmappedSkus.includes(l.sku) && l.quantity > 0))
    expect(withGap.length).toBeGreaterThanOrEqual(1)
    // …and nowhere else: the anomaly is chosen, not random.
    expect(withGap.every((o) => o.anomalies.includes('unmappedSku'))).toBe(true)
  })

  it('pro-rates bundle items so they add up to the bundle price exactly', () => {
    const orders = generateOrders({ ...demo(), count: 400, bundleRate: 0.5 })
    const bundled = orders.filter((o) => o.lines.some((l) => l.kind === 'bundle'))
    expect(bundled.length).toBeGreaterThan(50)
    for (const o of bundled) {
      const parent = o.lines.find((l) => l.kind === 'bundle')!
      const items = o.lines.filter((l) => l.parentLineId === parent.id)
      expect(items.length).toBe(2)
      expect(items.reduce((a, l) => a + l.lineValueMinor, 0)).toBe(parent.unitOriginalPriceMinor * parent.quantity)
      expect(parent.lineValueMinor).toBe(0)
    }
  })

  it('spreads orders over the range with dates that never decrease', () => {
    const opts = demo()
    const gen = createOrderGenerator(opts)
    let last = 0
    for (let i = 0; i < gen.count; i++) {
      const ms = Date.parse(gen.dateAt(i))
      expect(ms).toBeGreaterThanOrEqual(last)
      expect(ms).toBeGreaterThanOrEqual(Date.parse(opts.from))
      expect(ms).toBeLessThan(Date.parse(opts.to))
      expect(gen.orderAt(i).orderDate).toBe(gen.dateAt(i))
      last = ms
    }
  })

  it('builds any of 200 000 orders on demand without generating the others', () => {
    const gen = createOrderGenerator({ ...demo(), count: 200_000, from: '2025-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })
    const started = Date.now()
    const o = gen.orderAt(199_999)
    expect(o.number).toBe(1001 + 199_999)
    expect(Date.now() - started).toBeLessThan(200)
    expect(gen.orderAt(199_999)).toEqual(o)
    checkTotals(o)
  })

  it('computes tax exactly, half away from zero, like decimal arithmetic', () => {
    const ref = (m: number, r: string, included: boolean) =>
      new Decimal(m).mul(r).div(included ? new Decimal(r).plus(100) : 100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
    for (const r of ['25', '19', '8.875', '10', '0'])
      for (let m = 0; m < 50_000; m += 13) {
        expect(includedTax(m, r)).toBe(ref(m, r, true))
        expect(addedTax(m, r)).toBe(ref(m, r, false))
      }
    expect(includedTax(12500, '25')).toBe(2500)
    expect(addedTax(8000, '8.875')).toBe(710)
  })

  it('allocates without losing or inventing a minor unit', () => {
    expect(allocate(15000, [20000, 10000])).toEqual([10000, 5000])
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    const parts = allocate(99_999, [3, 7, 11, 13])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(99_999)
  })
})
