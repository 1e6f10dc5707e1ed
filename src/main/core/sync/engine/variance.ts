/**
 * Read-back comparison: what the ERP computed for a posted order against what Centra charged.
 * Business Central always computes tax itself (it cannot be sent), per VAT identifier on the
 * summed lines, while Centra rounds per line; so cents can differ legitimately. Differences
 * within the tolerance are recorded as rounding, with the lines and the rule that explain them;
 * anything larger is a mismatch for finance.
 */
import type { ErpDocumentReadBack, ErpSalesOrderDraft } from '../../../../shared/models/erp'

export interface VarianceItem {
  kind: 'rounding' | 'mismatch'
  field: 'total' | 'tax' | 'line_amount' | 'line_tax' | 'line_count'
  lineRef: string | null
  centraMinor: number
  erpMinor: number
  diffMinor: number
  explanation: string
}

export interface VarianceTolerance {
  /** largest difference per line accepted as rounding */
  perLineMinor: number
  /** largest difference on the order totals accepted as rounding */
  perOrderMinor: number
}

export const DEFAULT_TOLERANCE: VarianceTolerance = { perLineMinor: 1, perOrderMinor: 2 }

const ROUNDING_RULE =
  'The ERP computes tax on the sum of the lines per tax rate and rounds once; Centra rounds each line. ' +
  'The cents between the two are rounding, not a different price.'

export function compareWithErp(draft: ErpSalesOrderDraft, erp: ErpDocumentReadBack, tolerance: VarianceTolerance = DEFAULT_TOLERANCE): VarianceItem[] {
  const items: VarianceItem[] = []
  const erpLines = erp.lines.filter((l) => l.kind !== 'comment').sort((a, b) => a.sequence - b.sequence)

  if (erpLines.length !== draft.lines.length) {
    items.push({
      kind: 'mismatch',
      field: 'line_count',
      lineRef: null,
      centraMinor: draft.lines.length,
      erpMinor: erpLines.length,
      diffMinor: erpLines.length - draft.lines.length,
      explanation: `Instep sent ${draft.lines.length} lines but the ERP document has ${erpLines.length}: the ERP order is incomplete or was edited.`,
    })
  } else {
    const roundedLines: string[] = []
    draft.lines.forEach((sent, i) => {
      const got = erpLines[i]
      const ref = `${i + 1}: ${sent.number}`
      const sentAmount = sent.unitPriceMinor * sent.quantity - sent.discountMinor
      const gotAmount = draft.pricesIncludeTax ? got.amountIncludingTaxMinor : got.amountExcludingTaxMinor
      const push = (field: 'line_amount' | 'line_tax', centra: number, erpValue: number, what: string) => {
        const diff = erpValue - centra
        if (diff === 0) return
        const kind = Math.abs(diff) <= tolerance.perLineMinor ? 'rounding' : 'mismatch'
        if (kind === 'rounding') roundedLines.push(ref)
        items.push({
          kind,
          field,
          lineRef: ref,
          centraMinor: centra,
          erpMinor: erpValue,
          diffMinor: diff,
          explanation: kind === 'rounding' ? `Line ${ref}: ${what} differs by ${diff} minor unit(s). ${ROUNDING_RULE}` : `Line ${ref}: ${what} differs beyond rounding (${diff} minor units).`,
        })
      }
      push('line_amount', sentAmount, gotAmount, 'amount')
      push('line_tax', sent.expectedTaxMinor, got.netTaxMinor, 'tax')
    })
  }

  const order = (field: 'total' | 'tax', centra: number, erpValue: number) => {
    const diff = erpValue - centra
    if (diff === 0) return
    const kind = Math.abs(diff) <= tolerance.perOrderMinor ? 'rounding' : 'mismatch'
    items.push({
      kind,
      field,
      lineRef: null,
      centraMinor: centra,
      erpMinor: erpValue,
      diffMinor: diff,
      explanation:
        kind === 'rounding'
          ? `Order ${field} differs by ${diff} minor unit(s), within the tolerance of ${tolerance.perOrderMinor}. ${ROUNDING_RULE}`
          : `Order ${field}: the customer paid ${centra}, the ERP shows ${erpValue} (minor units); the difference of ${diff} is more than rounding.`,
    })
  }
  order('total', draft.expectedTotalMinor, erp.totalIncludingTaxMinor)
  order('tax', draft.expectedTaxMinor, erp.totalTaxMinor)
  return items
}
