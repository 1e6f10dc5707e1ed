import type { Db } from '../open'
import type { ErpItem, ErpItemVariant } from '../../../../shared/models/erp'

export interface SkuMapping {
  sku: string
  ean: string | null
  erpItemNumber: string
  /** the ERP variant of the item, when a size is an item + variant in the ERP */
  erpVariantCode?: string | null
  origin: 'auto' | 'imported' | 'manual'
  matchedBy: 'sku' | 'gtin' | 'manual'
}

/** "1000" or "1000 variant RED-M": how a mapping reads in its history and in messages. */
export function mappingLabel(itemNumber: string, variantCode: string | null | undefined): string {
  return variantCode ? `${itemNumber} variant ${variantCode}` : itemNumber
}

export function createMappingRepo(db: Db) {
  const upsertItem = db.prepare(`
    INSERT INTO erp_items (id, number, display_name, gtin, synced_at) VALUES (@id, @number, @displayName, @gtin, @at)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, display_name = excluded.display_name,
      gtin = excluded.gtin, synced_at = excluded.synced_at`)
  const itemsByNumber = db.prepare('SELECT number FROM erp_items WHERE number = ?')
  const itemsByGtin = db.prepare('SELECT number FROM erp_items WHERE gtin = ?')
  const insertMapping = db.prepare(`
    INSERT INTO sku_map (sku, ean, erp_item_number, erp_variant_code, origin, matched_by, updated_at)
    VALUES (@sku, @ean, @erpItemNumber, @erpVariantCode, @origin, @matchedBy, @at)
    ON CONFLICT (sku) DO NOTHING`)
  const bySku = db.prepare('SELECT sku, ean, erp_item_number, erp_variant_code, origin, matched_by FROM sku_map WHERE sku = ?')
  const itemCount = db.prepare('SELECT COUNT(*) AS n FROM erp_items')
  const clearVariants = db.prepare('DELETE FROM erp_item_variants')
  const insertVariant = db.prepare(`INSERT OR REPLACE INTO erp_item_variants (id, item_id, item_number, code, description, synced_at)
    VALUES (@id, @itemId, @itemNumber, @code, @description, @at)`)
  const allVariants = db.prepare('SELECT id, item_id AS itemId, item_number AS itemNumber, code, description FROM erp_item_variants')
  const allItemIds = db.prepare('SELECT id, number FROM erp_items')

  return {
    ...createMappingAdminRepo(db),
    upsertItems(items: ErpItem[], at: string): void {
      for (const item of items) upsertItem.run({ ...item, at })
    },
    /** The ERP's variants as just read: the list replaces the previous one. */
    replaceVariants(variants: ErpItemVariant[], at: string): void {
      clearVariants.run()
      for (const v of variants) insertVariant.run({ ...v, at })
    },
    variants(): ErpItemVariant[] {
      return allVariants.all() as ErpItemVariant[]
    },
    itemIds(): { id: string; number: string }[] {
      return allItemIds.all() as { id: string; number: string }[]
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
      return insertMapping.run({ ...m, erpVariantCode: m.erpVariantCode ?? null, at }).changes > 0
    },
    find(sku: string): SkuMapping | null {
      const row = bySku.get(sku) as
        | { sku: string; ean: string | null; erp_item_number: string; erp_variant_code: string | null; origin: SkuMapping['origin']; matched_by: SkuMapping['matchedBy'] }
        | undefined
      if (!row) return null
      return { sku: row.sku, ean: row.ean, erpItemNumber: row.erp_item_number, erpVariantCode: row.erp_variant_code, origin: row.origin, matchedBy: row.matched_by }
    },
  }
}
export type MappingRepo = ReturnType<typeof createMappingRepo>

export type CoverageStatus = 'mapped' | 'unmapped' | 'ambiguous'

export interface CoverageRow {
  sku: string
  ean: string | null
  productName: string | null
  erpItemNumber: string | null
  erpVariantCode: string | null
  erpItemName: string | null
  erpItemKnown: boolean
  origin: SkuMapping['origin'] | null
  status: CoverageStatus
  orders: number
  units: number
  blockedOrders: number
}

/**
 * Coverage: every SKU seen on an order line or in the map. A bundle's own SKU is left out (its
 * components are what the ERP receives, see the Bundles tab) unless an exception says it is needed. Status is decided in SQL (so filtering
 * and paging stay in SQL) from indexed look-ups only; what a SKU sold is counted afterwards for the
 * rows of the page alone, except "orders waiting", counted for unmapped SKUs so the worst come first.
 */
const COVERAGE = `
  WITH keys AS (SELECT DISTINCT sku FROM centra_order_lines WHERE sku IS NOT NULL UNION SELECT sku FROM sku_map),
  k AS (
    SELECT keys.sku, m.sku AS mapped_sku, m.erp_item_number, m.erp_variant_code, m.origin,
      COALESCE(m.ean, (SELECT l.ean FROM centra_order_lines l WHERE l.sku = keys.sku AND l.ean IS NOT NULL LIMIT 1)) AS ean,
      (SELECT l.product_name FROM centra_order_lines l WHERE l.sku = keys.sku AND l.product_name IS NOT NULL LIMIT 1) AS product_name
    FROM keys LEFT JOIN sku_map m ON m.sku = keys.sku
  ),
  c AS (
    SELECT sku, ean, product_name, erp_item_number, erp_variant_code, origin,
      CASE WHEN mapped_sku IS NOT NULL THEN 'mapped'
        WHEN EXISTS (SELECT 1 FROM centra_order_lines b WHERE b.sku = k.sku AND b.kind = 'bundle')
          AND NOT EXISTS (SELECT 1 FROM exceptions e WHERE e.trace_key = 'sku:' || k.sku || ':unmapped' AND e.status IN ('open','acknowledged')) THEN 'bundle'
        WHEN ean IS NOT NULL AND (SELECT COUNT(*) FROM erp_items i WHERE i.gtin = k.ean) > 1 THEN 'ambiguous'
        ELSE 'unmapped' END AS status
    FROM k
  )`
const COVERAGE_WHERE = `WHERE status != 'bundle' AND (@status = 'all' OR status = @status)
  AND (@search IS NULL OR sku LIKE @search ESCAPE '\\' OR product_name LIKE @search ESCAPE '\\'
    OR erp_item_number LIKE @search ESCAPE '\\' OR ean LIKE @search ESCAPE '\\')`
const WAITING = `(SELECT COUNT(DISTINCT o.centra_id) FROM centra_order_lines l JOIN centra_orders o ON o.centra_id = l.centra_order_id
    LEFT JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE l.sku = c.sku AND o.status != 'CANCELLED' AND (p.state IS NULL OR p.state != 'posted'))`

interface CoverageDbRow {
  sku: string
  ean: string | null
  product_name: string | null
  erp_item_number: string | null
  erp_variant_code: string | null
  origin: SkuMapping['origin'] | null
  status: CoverageStatus
}

export const likePattern = (search: string | undefined): string | null =>
  search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null

export function createMappingAdminRepo(db: Db) {
  const coveragePage = db.prepare(`${COVERAGE} SELECT * FROM c ${COVERAGE_WHERE}
    ORDER BY CASE status WHEN 'mapped' THEN 1 ELSE 0 END, CASE WHEN status != 'mapped' THEN ${WAITING} ELSE 0 END DESC, sku
    LIMIT @limit OFFSET @offset`)
  const skuStats = db.prepare(`SELECT COUNT(DISTINCT l.centra_order_id) AS orders, COALESCE(SUM(l.quantity), 0) AS units,
      COUNT(DISTINCT CASE WHEN o.status != 'CANCELLED' AND (p.state IS NULL OR p.state != 'posted') THEN o.centra_id END) AS blocked
    FROM centra_order_lines l JOIN centra_orders o ON o.centra_id = l.centra_order_id
    LEFT JOIN postings p ON p.centra_order_id = o.centra_id WHERE l.sku = ?`)
  const itemName = db.prepare('SELECT display_name AS name FROM erp_items WHERE number = ? LIMIT 1')
  const coverageTotal = db.prepare(`${COVERAGE} SELECT COUNT(*) AS n FROM c ${COVERAGE_WHERE}`)
  const coverageCounts = db.prepare(`${COVERAGE} SELECT status, COUNT(*) AS n FROM c WHERE status != 'bundle' GROUP BY status`)
  const searchItems = db.prepare(`SELECT number, display_name AS displayName, gtin FROM erp_items
    WHERE @search IS NULL OR number LIKE @search ESCAPE '\\' OR display_name LIKE @search ESCAPE '\\' OR gtin LIKE @search ESCAPE '\\'
    ORDER BY CASE WHEN number = @exact THEN 0 ELSE 1 END, number LIMIT @limit`)
  const upsert = db.prepare(`
    INSERT INTO sku_map (sku, ean, erp_item_number, erp_variant_code, origin, matched_by, updated_at)
    VALUES (@sku, @ean, @erpItemNumber, @erpVariantCode, @origin, 'manual', @at)
    ON CONFLICT (sku) DO UPDATE SET ean = COALESCE(excluded.ean, sku_map.ean), erp_item_number = excluded.erp_item_number,
      erp_variant_code = excluded.erp_variant_code, origin = excluded.origin, matched_by = 'manual', updated_at = excluded.updated_at`)
  const remove = db.prepare('DELETE FROM sku_map WHERE sku = ?')
  const history = db.prepare(
    'INSERT INTO mapping_history (kind, key, before_value, after_value, origin, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const all = db.prepare('SELECT sku, ean, erp_item_number AS erpItemNumber, erp_variant_code AS erpVariantCode, origin FROM sku_map ORDER BY sku')
  const blockedWithSku = db.prepare(`
    SELECT DISTINCT o.centra_id AS id FROM centra_order_lines l JOIN centra_orders o ON o.centra_id = l.centra_order_id
    LEFT JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE l.sku = ? AND o.status != 'CANCELLED' AND (p.state IS NULL OR p.state != 'posted')`)
  const liveSkuExceptions = db.prepare(`SELECT id FROM exceptions WHERE trace_key IN (?, ?) AND status IN ('open','acknowledged') ORDER BY id`)
  const knownItem = db.prepare('SELECT 1 FROM erp_items WHERE number = ? LIMIT 1')
  const variantsOfItem = db.prepare('SELECT code, description FROM erp_item_variants WHERE item_number = ? ORDER BY code')
  const knownVariantCount = db.prepare('SELECT COUNT(*) AS n FROM erp_item_variants')
  const knownVariant = db.prepare('SELECT 1 FROM erp_item_variants WHERE item_number = ? AND code = ? LIMIT 1')
  // An order's market as the tax code tables name it: its name, else its id (tax-codes.ts marketLabel).
  const taxRatesByMarket = db.prepare(`SELECT COALESCE(NULLIF(TRIM(o.market_name), ''), CAST(o.market_id AS TEXT)) AS market, l.tax_percent AS rate, COUNT(*) AS n
    FROM centra_order_lines l JOIN centra_orders o ON o.centra_id = l.centra_order_id GROUP BY 1, 2`)
  const bundlePage = db.prepare(`SELECT sku, MAX(product_name) AS productName, COUNT(DISTINCT centra_order_id) AS orders
    FROM centra_order_lines WHERE kind = 'bundle' AND sku IS NOT NULL AND (@search IS NULL OR sku LIKE @search ESCAPE '\\' OR product_name LIKE @search ESCAPE '\\')
    GROUP BY sku ORDER BY orders DESC, sku LIMIT @limit OFFSET @offset`)
  const bundleTotal = db.prepare(`SELECT COUNT(DISTINCT sku) AS n FROM centra_order_lines
    WHERE kind = 'bundle' AND sku IS NOT NULL AND (@search IS NULL OR sku LIKE @search ESCAPE '\\' OR product_name LIKE @search ESCAPE '\\')`)
  const latestBundleLine = db.prepare(`SELECT l.centra_order_id AS orderId, l.line_id AS lineId, l.quantity FROM centra_order_lines l
    JOIN centra_orders o ON o.centra_id = l.centra_order_id WHERE l.kind = 'bundle' AND l.sku = ? ORDER BY o.order_date DESC LIMIT 1`)
  const linesAfter = db.prepare(`SELECT l.kind, l.sku, l.product_name AS productName, l.quantity, m.erp_item_number AS erpItemNumber
    FROM centra_order_lines l LEFT JOIN sku_map m ON m.sku = l.sku WHERE l.centra_order_id = ? AND l.line_id > ? ORDER BY l.line_id LIMIT 200`)
  const warehouses = db.prepare('SELECT centra_warehouse AS centraWarehouse, erp_location AS erpLocation, updated_at AS updatedAt FROM warehouse_map ORDER BY centra_warehouse')
  const warehouseOf = db.prepare('SELECT erp_location AS erpLocation FROM warehouse_map WHERE centra_warehouse = ?')
  const upsertWarehouse = db.prepare(`INSERT INTO warehouse_map (centra_warehouse, erp_location, updated_at, updated_by) VALUES (?, ?, ?, ?)
    ON CONFLICT (centra_warehouse) DO UPDATE SET erp_location = excluded.erp_location, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
  const removeWarehouse = db.prepare('DELETE FROM warehouse_map WHERE centra_warehouse = ?')

  const toCoverage = (r: CoverageDbRow): CoverageRow => {
    const stats = skuStats.get(r.sku) as { orders: number; units: number; blocked: number }
    const name = r.erp_item_number ? (itemName.get(r.erp_item_number) as { name: string } | undefined) : undefined
    return {
      sku: r.sku,
      ean: r.ean,
      productName: r.product_name,
      erpItemNumber: r.erp_item_number,
      erpVariantCode: r.erp_variant_code,
      erpItemName: name?.name ?? null,
      erpItemKnown: name !== undefined,
      origin: r.origin,
      status: r.status,
      orders: stats.orders,
      units: stats.units,
      blockedOrders: stats.blocked,
    }
  }

  return {
    coverage(f: { status: 'all' | CoverageStatus; search?: string; limit: number; offset: number }) {
      const params = { status: f.status, search: likePattern(f.search) }
      const counts = { all: 0, mapped: 0, unmapped: 0, ambiguous: 0 }
      for (const r of coverageCounts.all() as { status: CoverageStatus; n: number }[]) {
        counts[r.status] = r.n
        counts.all += r.n
      }
      return {
        rows: (coveragePage.all({ ...params, limit: f.limit, offset: f.offset }) as CoverageDbRow[]).map(toCoverage),
        total: (coverageTotal.get(params) as { n: number }).n,
        counts,
      }
    },
    searchItems(search: string, limit: number): { number: string; displayName: string; gtin: string | null }[] {
      return searchItems.all({ search: likePattern(search || undefined), exact: search, limit }) as { number: string; displayName: string; gtin: string | null }[]
    },
    isKnownItem(number: string): boolean {
      return knownItem.get(number) !== undefined
    },
    /** The item's variants as last read from the ERP (empty when it has none, or none were read). */
    variantsOf(itemNumber: string): { code: string; description: string }[] {
      return variantsOfItem.all(itemNumber) as { code: string; description: string }[]
    },
    /**
     * Whether the ERP is known to have this variant. Unknown (null) until variants were ever read:
     * an ERP that publishes none (file exchange) cannot be checked here, only when posting.
     */
    isKnownVariant(itemNumber: string, code: string): boolean | null {
      if ((knownVariantCount.get() as { n: number }).n === 0) return null
      return knownVariant.get(itemNumber, code) !== undefined
    },
    /** Saves a mapping made by a person or an import; automatic matching never overwrites it. */
    save(
      m: { sku: string; ean: string | null; erpItemNumber: string; erpVariantCode?: string | null; origin: 'manual' | 'imported' },
      actor: string,
      before: string | null,
      at: string,
    ): void {
      upsert.run({ ...m, erpVariantCode: m.erpVariantCode ?? null, at })
      history.run('sku', m.sku, before, mappingLabel(m.erpItemNumber, m.erpVariantCode), m.origin, actor, at)
    },
    remove(sku: string, actor: string, before: string, at: string): boolean {
      const removed = remove.run(sku).changes > 0
      if (removed) history.run('sku', sku, before, null, 'manual', actor, at)
      return removed
    },
    all(): { sku: string; ean: string | null; erpItemNumber: string; erpVariantCode: string | null; origin: string }[] {
      return all.all() as { sku: string; ean: string | null; erpItemNumber: string; erpVariantCode: string | null; origin: string }[]
    },
    blockedOrderIdsWithSku(sku: string): string[] {
      return (blockedWithSku.all(sku) as { id: string }[]).map((r) => r.id)
    },
    liveSkuExceptionIds(unmappedKey: string, ambiguousKey: string): number[] {
      return (liveSkuExceptions.all(unmappedKey, ambiguousKey) as { id: number }[]).map((r) => r.id)
    },
    /** order lines per market and rate; market null for orders that name no market */
    taxRatesInUseByMarket(): { market: string | null; rate: string; lines: number }[] {
      return (taxRatesByMarket.all() as { market: string | null; rate: string; n: number }[]).map((r) => ({ market: r.market, rate: r.rate, lines: r.n }))
    },
    bundles(f: { search?: string; limit: number; offset: number }) {
      const params = { search: likePattern(f.search) }
      const page = bundlePage.all({ ...params, limit: f.limit, offset: f.offset }) as { sku: string; productName: string | null; orders: number }[]
      const rows = page.map((b) => {
        const line = latestBundleLine.get(b.sku) as { orderId: string; lineId: number; quantity: number } | undefined
        const components: { sku: string | null; productName: string | null; quantityPerBundle: number; erpItemNumber: string | null }[] = []
        if (line) {
          // Centra lists a bundle's component lines right after the bundle line.
          for (const l of linesAfter.all(line.orderId, line.lineId) as { kind: string; sku: string | null; productName: string | null; quantity: number; erpItemNumber: string | null }[]) {
            if (l.kind !== 'bundleItem') break
            components.push({ sku: l.sku, productName: l.productName, quantityPerBundle: line.quantity > 0 ? l.quantity / line.quantity : l.quantity, erpItemNumber: l.erpItemNumber })
          }
        }
        return { bundleSku: b.sku, productName: b.productName, orders: b.orders, components }
      })
      return { rows, total: (bundleTotal.get(params) as { n: number }).n }
    },
    warehouses(): { centraWarehouse: string; erpLocation: string; updatedAt: string }[] {
      return warehouses.all() as { centraWarehouse: string; erpLocation: string; updatedAt: string }[]
    },
    setWarehouse(centraWarehouse: string, erpLocation: string | null, actor: string, at: string): void {
      const before = (warehouseOf.get(centraWarehouse) as { erpLocation: string } | undefined)?.erpLocation ?? null
      if (before === erpLocation) return
      if (erpLocation === null) removeWarehouse.run(centraWarehouse)
      else upsertWarehouse.run(centraWarehouse, erpLocation, at, actor)
      history.run('warehouse', centraWarehouse, before, erpLocation, 'manual', actor, at)
    },
  }
}
export type MappingAdminRepo = ReturnType<typeof createMappingAdminRepo>
