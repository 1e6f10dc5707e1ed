/**
 * 005: mapping owned by ecommerce and operations: Centra warehouse ↔ ERP location, and a
 * history of every change made to a mapping by a person or an import (who, when, before, after),
 * so a wrong mapping can be traced back to the change that made it.
 */
export const sql = `
CREATE TABLE warehouse_map (
  centra_warehouse TEXT PRIMARY KEY,
  erp_location TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE mapping_history (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sku','warehouse')),
  key TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT,
  origin TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX mapping_history_key ON mapping_history (kind, key);
CREATE INDEX sku_map_item ON sku_map (erp_item_number);
`
