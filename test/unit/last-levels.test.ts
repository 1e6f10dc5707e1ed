import { describe, expect, it } from 'vitest'
import { LastLevels } from '../../src/main/core/db/repos/last-levels'

const levels = (t: LastLevels, sku: string, warehouseId: number) => [t.erpAt(t.row(sku), t.column(warehouseId)), t.pushedAt(t.row(sku), t.column(warehouseId))]

describe('last levels per SKU and warehouse', () => {
  it('answers NaN for a SKU or warehouse it never saw, and keeps the ERP and pushed levels apart', () => {
    const t = new LastLevels()
    t.put('A', 1, 7, 5)
    t.setPushed('B', 2, 3)
    expect(t.size).toBe(2)
    expect(levels(t, 'A', 1)).toEqual([7, 5])
    expect(levels(t, 'B', 2)).toEqual([NaN, 3])
    expect(levels(t, 'A', 2)).toEqual([NaN, NaN])
    expect(levels(t, 'C', 1)).toEqual([NaN, NaN])
    expect(t.row('C')).toBe(-1)
    expect(t.column(9)).toBe(-1)
    t.setErp('B', 2, 4)
    expect(levels(t, 'B', 2)).toEqual([4, 3])
  })

  it('keeps every level while it grows, including levels set on the SKU that made it grow', () => {
    const t = new LastLevels()
    for (let i = 0; i < 1000; i++) {
      t.setErp(`SKU-${i}`, 1 + (i % 3), i)
      t.setPushed(`SKU-${i}`, 1 + (i % 3), i + 0.5)
    }
    // a warehouse first seen after the table grew
    t.setErp('SKU-999', 7, 70)
    expect(t.size).toBe(1000)
    for (let i = 0; i < 1000; i++) expect(levels(t, `SKU-${i}`, 1 + (i % 3))).toEqual([i, i + 0.5])
    expect(levels(t, 'SKU-999', 7)).toEqual([70, NaN])
    expect(levels(t, 'SKU-0', 7)).toEqual([NaN, NaN])
  })

  it('reads the plain form written by hand: per SKU [warehouseId, erpQty, pushedQty, …]', () => {
    const t = LastLevels.fromLists(new Map([['SKU-1', [1, 7, 7, 2, 5, NaN]]]))
    expect(levels(t, 'SKU-1', 1)).toEqual([7, 7])
    expect(levels(t, 'SKU-1', 2)).toEqual([5, NaN])
  })
})
