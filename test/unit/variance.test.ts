import { describe, expect, it } from 'vitest'
import { compareWithErp } from '../../src/main/core/sync/engine/variance'
import type { ErpDocumentReadBack, ErpSalesOrderDraft } from '../../src/shared/models/erp'

const draft: ErpSalesOrderDraft = {
  externalDocumentNumber: 'WEB-1',
  customerNumber: 'WEB-SE',
  currencyCode: 'SEK',
  orderDate: '2026-11-01',
  pricesIncludeTax: true,
  expectedTotalMinor: 20000,
  expectedTaxMinor: 4000,
  lines: [10000, 10000].map((amount, i) => ({
    kind: 'item' as const,
    number: `I${i}`,
    description: '',
    quantity: 1,
    unitPriceMinor: amount,
    discountMinor: 0,
    taxCode: null,
    taxPercent: '25',
    expectedTaxMinor: 2000,
    sourceLineId: i,
  })),
}

function erp(taxes: number[], extraLines = 0): ErpDocumentReadBack {
  const lines = [...taxes, ...Array(extraLines).fill(0)].map((tax, i) => ({
    id: String(i),
    sequence: (i + 1) * 10000,
    kind: 'item' as const,
    number: `I${i}`,
    description: '',
    quantity: 1,
    unitPriceMinor: 10000,
    discountMinor: 0,
    taxCode: 'VAT25',
    taxPercent: '25',
    amountExcludingTaxMinor: 10000 - tax,
    taxMinor: tax,
    amountIncludingTaxMinor: 10000,
    netAmountMinor: 10000 - tax,
    netTaxMinor: tax,
  }))
  const tax = lines.reduce((a, l) => a + l.netTaxMinor, 0)
  const incl = lines.reduce((a, l) => a + l.amountIncludingTaxMinor, 0)
  return { id: 'd', number: 'SO1', externalDocumentNumber: 'WEB-1', documentType: 'salesOrder', currencyCode: 'SEK', totalExcludingTaxMinor: incl - tax, totalTaxMinor: tax, totalIncludingTaxMinor: incl, lines }
}

describe('compareWithErp', () => {
  it('finds nothing when the ERP computed what Centra charged', () => {
    expect(compareWithErp(draft, erp([2000, 2000]))).toEqual([])
  })

  it('calls cent differences rounding, naming the lines and the rule', () => {
    const items = compareWithErp(draft, erp([2001, 2000]))
    expect(items.map((v) => [v.kind, v.field, v.lineRef, v.diffMinor])).toEqual([
      ['rounding', 'line_tax', '1: I0', 1],
      ['rounding', 'tax', null, 1],
    ])
    expect(items[0].explanation).toMatch(/rounds once/)
  })

  it('calls anything beyond tolerance a mismatch', () => {
    const items = compareWithErp(draft, erp([2100, 2000]))
    expect(items.filter((v) => v.kind === 'mismatch').map((v) => v.field)).toEqual(['line_tax', 'tax'])
    expect(compareWithErp(draft, erp([2000, 2000]), { perLineMinor: 0, perOrderMinor: 0 })).toEqual([])
  })

  it('flags an ERP document with a different number of lines (a partial post)', () => {
    const items = compareWithErp(draft, erp([2000, 2000], 1))
    expect(items[0]).toMatchObject({ kind: 'mismatch', field: 'line_count', centraMinor: 2, erpMinor: 3 })
  })
})
