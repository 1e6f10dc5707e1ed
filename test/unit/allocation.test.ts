import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { allocateMinor } from '../../src/main/core/domains/money/allocate'
import { taxOnMinor } from '../../src/main/core/domains/money/tax'

describe('allocateMinor', () => {
  it('splits by weight and gives leftover cents to the largest remainders, ties to the earlier part', () => {
    expect(allocateMinor(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocateMinor(1000, [200, 100])).toEqual([667, 333])
    expect(allocateMinor(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(allocateMinor(5, [0, 0])).toEqual([3, 2])
    expect(allocateMinor(0, [])).toEqual([])
  })

  it('refuses what it cannot do honestly', () => {
    expect(() => allocateMinor(1, [])).toThrow()
    expect(() => allocateMinor(1.5, [1])).toThrow()
    expect(() => allocateMinor(1, [-1, 2])).toThrow()
  })

  it('always sums to the amount, and no share is a cent or more away from its exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 }),
        (amount, weights) => {
          const shares = allocateMinor(amount, weights)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount)
          const total = weights.reduce((a, b) => a + b, 0)
          shares.forEach((s, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * weights[i]) / total
            expect(Math.abs(s - exact)).toBeLessThan(1)
          })
        },
      ),
    )
  })
})

describe('taxOnMinor', () => {
  it('extracts included VAT and adds sales tax, rounding half away from zero', () => {
    expect(taxOnMinor(12500, '25', 'included')).toBe(2500)
    expect(taxOnMinor(10000, '19', 'included')).toBe(1597) // 1596.64 -> 1597
    expect(taxOnMinor(10000, '8.875', 'added')).toBe(888) // 887.5 -> 888
    expect(taxOnMinor(-10000, '8.875', 'added')).toBe(-888)
    expect(taxOnMinor(1100, '10', 'included')).toBe(100) // JPY, no decimals
    expect(taxOnMinor(12345, '0', 'added')).toBe(0)
  })
})
