/**
 * 012: ERP item variants. A Centra size may be an ERP item plus a variant (Business Central's
 * item variants: one item per style, one variant code per size or colour), so a SKU mapping can
 * name a variant code as well as an item number. The ERP's variants are kept here as last read,
 * with the ERP's own ids, so a restart does not have to read them all again before posting.
 */
export const sql = `
ALTER TABLE sku_map ADD COLUMN erp_variant_code TEXT;

CREATE TABLE erp_item_variants (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL,
  item_number TEXT NOT NULL,
  code TEXT NOT NULL,
  description TEXT NOT NULL,
  synced_at TEXT NOT NULL
);
CREATE INDEX erp_item_variants_item ON erp_item_variants (item_number, code);
`
