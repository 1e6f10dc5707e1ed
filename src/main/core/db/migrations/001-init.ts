/**
 * 001: the store for the first vertical slice (orders Centra → ERP, exceptions, runs).
 * Money columns are integer minor units next to a currency; external ids are TEXT.
 * Never edit a released migration: its checksum is recorded and a change is refused at open.
 */
export const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  job TEXT NOT NULL,
  trigger TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled','partial')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  fetched INTEGER NOT NULL DEFAULT 0,
  stored INTEGER NOT NULL DEFAULT 0,
  posted INTEGER NOT NULL DEFAULT 0,
  already_in_erp INTEGER NOT NULL DEFAULT 0,
  blocked INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX sync_runs_job_started ON sync_runs (job, started_at DESC);

-- One bookmark per stream, written in the same transaction as the page it covers.
CREATE TABLE cursors (
  stream TEXT PRIMARY KEY,
  value TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE centra_orders (
  centra_id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL,
  store_type TEXT NOT NULL,
  market_id INTEGER,
  market_name TEXT,
  country_code TEXT,
  currency TEXT NOT NULL,
  conversion_rate TEXT NOT NULL,
  tax_mode TEXT NOT NULL CHECK (tax_mode IN ('included','added')),
  order_date TEXT NOT NULL,
  customer_email TEXT,
  customer_name TEXT,
  line_values_minor INTEGER NOT NULL,
  discounts_minor INTEGER NOT NULL,
  shipping_minor INTEGER NOT NULL,
  handling_minor INTEGER NOT NULL,
  tax_included_minor INTEGER NOT NULL,
  tax_added_minor INTEGER NOT NULL,
  tax_deducted_minor INTEGER NOT NULL,
  grand_total_minor INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  raw_json TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX centra_orders_date ON centra_orders (order_date);

CREATE TABLE centra_order_lines (
  centra_order_id TEXT NOT NULL REFERENCES centra_orders (centra_id) ON DELETE CASCADE,
  line_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  sku TEXT,
  ean TEXT,
  product_number TEXT NOT NULL,
  size TEXT NOT NULL,
  product_name TEXT,
  quantity INTEGER NOT NULL,
  cancelled_quantity INTEGER NOT NULL,
  tax_percent TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  unit_original_price_minor INTEGER NOT NULL,
  line_value_minor INTEGER NOT NULL,
  PRIMARY KEY (centra_order_id, line_id)
);
CREATE INDEX centra_order_lines_sku ON centra_order_lines (sku);

CREATE TABLE erp_items (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  display_name TEXT NOT NULL,
  gtin TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX erp_items_number ON erp_items (number);
CREATE INDEX erp_items_gtin ON erp_items (gtin);

CREATE TABLE sku_map (
  sku TEXT PRIMARY KEY,
  ean TEXT,
  erp_item_number TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('auto','imported','manual')),
  matched_by TEXT NOT NULL CHECK (matched_by IN ('sku','gtin','manual')),
  updated_at TEXT NOT NULL
);

-- The outbox: the idempotency key and plan are stored before the ERP is called.
CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  centra_order_id TEXT NOT NULL UNIQUE REFERENCES centra_orders (centra_id),
  idempotency_key TEXT NOT NULL UNIQUE,
  plan_hash TEXT,
  plan_json TEXT,
  state TEXT NOT NULL CHECK (state IN ('planned','sending','posted','failed','blocked','needs_review')),
  attempts INTEGER NOT NULL DEFAULT 0,
  remote_id TEXT,
  remote_number TEXT,
  erp_total_incl_tax_minor INTEGER,
  erp_total_tax_minor INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  posted_at TEXT
);
CREATE INDEX postings_state ON postings (state);

CREATE TABLE exceptions (
  id INTEGER PRIMARY KEY,
  trace_key TEXT NOT NULL,
  category TEXT NOT NULL,
  team TEXT NOT NULL CHECK (team IN ('finance','operations','ecommerce','cx')),
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high')),
  status TEXT NOT NULL CHECK (status IN ('open','acknowledged','resolved','ignored')),
  object_type TEXT NOT NULL,
  object_ref TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  occurrences INTEGER NOT NULL DEFAULT 1,
  resolved_at TEXT
);
-- At most one live exception per trace key (object + cause).
CREATE UNIQUE INDEX exceptions_live_trace ON exceptions (trace_key) WHERE status IN ('open','acknowledged');
CREATE INDEX exceptions_status_seen ON exceptions (status, last_seen_at DESC);

CREATE TABLE exception_events (
  id INTEGER PRIMARY KEY,
  exception_id INTEGER NOT NULL REFERENCES exceptions (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT
);
CREATE INDEX exception_events_exception ON exception_events (exception_id);
`
