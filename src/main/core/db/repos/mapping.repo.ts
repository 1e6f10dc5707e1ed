import type { Db } from '../open'
import type { ErpItem } from '../../../../shared/models/erp'

export interface SkuMapping {
  sku: string
  ean: string | null
  erpItemNumber: string
  origin: 'auto' | 'imported' | 'manual'
  matchedBy: 'sku' | 'gtin' | 'manual'
}

export function createMappingRepo(db: Db) {
  const upsertItem = db.prepare(`
    INSERT INTO erp_items (id, number, display_name, gtin, synced_at) VALUES (@id, @number, @displayName, @gtin, @at)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, display_name = excluded.display_name,
      gtin = excluded.gtin, synced_at = excluded.synced_at`)
  const itemsByNumber = db.prepare('SELECT number FROM erp_items WHERE number = ?')
  const itemsByGtin = db.prepare('SELECT number FROM erp_items WHERE gtin = ?')
  const insertMapping = db.prepare(`
    INSERT INTO sku_map (sku, ean, erp_item_number, origin, matched_by, updated_at)
    VALUES (@sku, @ean, @erpItemNumber, @origin, @matchedBy, @at)
    ON CONFLICT (sku) DO NOTHING`)
  const bySku = db.prepare('SELECT sku, ean, erp_item_number, origin, matched_by FROM sku_map WHERE sku = ?')
  const itemCount = db.prepare('SELECT COUNT(*) AS n FROM erp_items')

  return {
    upsertItems(items: ErpItem[], at: string): void {
      for (const item of items) upsertItem.run({ ...item, at })
    },
    itemCount(): number {
      return (itemCount.get() as { n: number }).n
    },
    itemNumbersWith(field: 'number' | 'gtin', value: string): string[] {
      const stmt = field === 'number' ? itemsByNumber : itemsByGtin
      return (stmt.all(value) as { number: string }[]).map((r) => r.number)
    },
    /** Adds a mapping unless the SKU already has one: manual and imported rows are never overwritten. */
    addIfAbsent(m: SkuMapping, at: string): boolean {
      return insertMapping.run({ ...m, at }).changes > 0
    },
    find(sku: string): SkuMapping | null {
      const row = bySku.get(sku) as
        | { sku: string; ean: string | null; erp_item_number: string; origin: SkuMapping['origin']; matched_by: SkuMapping['matchedBy'] }
        | undefined
      if (!row) return null
      return { sku: row.sku, ean: row.ean, erpItemNumber: row.erp_item_number, origin: row.origin, matchedBy: row.matched_by }
    },
  }
}
export type MappingRepo = ReturnType<typeof createMappingRepo>
