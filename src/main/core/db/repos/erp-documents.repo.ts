import type { Db } from '../open'
import type { ErpDocumentReadBack } from '../../../../shared/models/erp'
import type { VarianceItem } from '../../sync/engine/variance'

export function createErpDocumentsRepo(db: Db) {
  const upsertDoc = db.prepare(`
    INSERT INTO erp_documents (id, centra_order_id, number, external_document_number, document_type, currency,
      total_excl_tax_minor, total_tax_minor, total_incl_tax_minor, line_count, read_at)
    VALUES (@id, @centraOrderId, @number, @externalDocumentNumber, @documentType, @currency, @excl, @tax, @incl, @lineCount, @at)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, document_type = excluded.document_type,
      total_excl_tax_minor = excluded.total_excl_tax_minor, total_tax_minor = excluded.total_tax_minor,
      total_incl_tax_minor = excluded.total_incl_tax_minor, line_count = excluded.line_count, read_at = excluded.read_at`)
  const deleteLines = db.prepare('DELETE FROM erp_document_lines WHERE document_id = ?')
  const insertLine = db.prepare(`
    INSERT INTO erp_document_lines (document_id, sequence, kind, number, quantity, tax_percent, amount_excl_tax_minor,
      tax_minor, amount_incl_tax_minor, net_tax_minor)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const deleteVariances = db.prepare('DELETE FROM posting_variances WHERE centra_order_id = ?')
  const insertVariance = db.prepare(`
    INSERT INTO posting_variances (centra_order_id, kind, field, line_ref, currency, centra_minor, erp_minor, diff_minor, explanation, found_at)
    VALUES (@orderId, @kind, @field, @lineRef, @currency, @centraMinor, @erpMinor, @diffMinor, @explanation, @at)`)
  const countsByKind = db.prepare('SELECT kind, COUNT(DISTINCT centra_order_id) AS n FROM posting_variances GROUP BY kind')
  const variancesOf = db.prepare('SELECT * FROM posting_variances WHERE centra_order_id = ? ORDER BY id')
  const typeOf = db.prepare('SELECT document_type FROM erp_documents WHERE id = ?')

  return {
    save(centraOrderId: string, doc: ErpDocumentReadBack, at: string): void {
      upsertDoc.run({
        id: doc.id,
        centraOrderId,
        number: doc.number,
        externalDocumentNumber: doc.externalDocumentNumber,
        documentType: doc.documentType,
        currency: doc.currencyCode,
        excl: doc.totalExcludingTaxMinor,
        tax: doc.totalTaxMinor,
        incl: doc.totalIncludingTaxMinor,
        lineCount: doc.lines.length,
        at,
      })
      deleteLines.run(doc.id)
      for (const l of doc.lines) {
        insertLine.run(doc.id, l.sequence, l.kind, l.number, String(l.quantity), l.taxPercent, l.amountExcludingTaxMinor, l.taxMinor, l.amountIncludingTaxMinor, l.netTaxMinor)
      }
    },
    /** Replaces the variances found for an order by the latest comparison. */
    replaceVariances(centraOrderId: string, currency: string, items: VarianceItem[], at: string): void {
      deleteVariances.run(centraOrderId)
      for (const v of items) insertVariance.run({ orderId: centraOrderId, currency, ...v, at })
    },
    ordersWithVariance(): { rounding: number; mismatch: number } {
      const out = { rounding: 0, mismatch: 0 }
      for (const r of countsByKind.all() as { kind: 'rounding' | 'mismatch'; n: number }[]) out[r.kind] = r.n
      return out
    },
    /** What the ERP document was when last read: an open order, or a posted invoice. */
    documentType(id: string): 'salesOrder' | 'salesInvoice' | null {
      return (typeOf.get(id) as { document_type: 'salesOrder' | 'salesInvoice' } | undefined)?.document_type ?? null
    },
    variancesOf(centraOrderId: string): Record<string, unknown>[] {
      return variancesOf.all(centraOrderId) as Record<string, unknown>[]
    },
  }
}
export type ErpDocumentsRepo = ReturnType<typeof createErpDocumentsRepo>
