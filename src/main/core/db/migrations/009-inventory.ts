/**
 * 009: stock travelling from the ERP to Centra. Every push is written down before Centra is
 * called (rows 'pending' → 'sent' → 'applied' | 'rejected'), so an interrupted push resumes
 * where it stopped; `stock_levels` keeps what was last pushed per SKU and warehouse, and
 * `stock_snapshots` keeps both sides on every run so drift can be followed over time.
 */
export const sql = `
CREATE TABLE stock_pushes (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('delta','full')),
  state TEXT NOT NULL CHECK (state IN ('pushing','done','held','discarded')),
  reason TEXT,
  sizes_total INTEGER NOT NULL,
  sizes_changed INTEGER NOT NULL,
  to_zero INTEGER NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX stock_pushes_state ON stock_pushes (state, id);
CREATE TABLE stock_push_rows (
  push_id INTEGER NOT NULL REFERENCES stock_pushes (id),
  sku TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL,
  variant_id INTEGER NOT NULL,
  size_id INTEGER NOT NULL,
  before_qty INTEGER,
  after_qty INTEGER NOT NULL,
  urgent INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','sent','applied','rejected')),
  stock_change_ids TEXT,
  error TEXT,
  sent_at TEXT,
  done_at TEXT,
  PRIMARY KEY (push_id, sku, warehouse_id)
);
CREATE INDEX stock_push_rows_seq ON stock_push_rows (push_id, state, seq);
CREATE TABLE stock_levels (
  sku TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL,
  erp_qty INTEGER,
  pushed_qty INTEGER,
  pushed_at TEXT,
  PRIMARY KEY (sku, warehouse_id)
);
CREATE TABLE stock_snapshots (
  taken_at TEXT NOT NULL,
  sku TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL,
  erp_qty INTEGER,
  centra_qty INTEGER,
  drift INTEGER NOT NULL,
  PRIMARY KEY (sku, warehouse_id, taken_at)
);
CREATE INDEX stock_snapshots_taken ON stock_snapshots (taken_at);
`
