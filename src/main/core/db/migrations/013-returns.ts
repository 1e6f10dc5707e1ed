/**
 * 013: Centra returns, recorded (not posted) so month-end and the order trace can show them.
 * One row per Centra return id: reading it again updates the row; a return deleted in Centra
 * keeps its row with `deleted_at` set. `occurred_at` is Centra's creation date, or the first
 * time Instep saw the return when Centra gave none: it decides the month a return counts in.
 * Money is gross minor units of the order currency.
 */
export const sql = `
CREATE TABLE centra_returns (
  return_id TEXT PRIMARY KEY,
  order_number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','completed')),
  created_at TEXT,
  completed_at TEXT,
  occurred_at TEXT NOT NULL,
  deleted_at TEXT,
  currency TEXT NOT NULL,
  lines_minor INTEGER NOT NULL,
  shipping_minor INTEGER NOT NULL,
  handling_minor INTEGER NOT NULL,
  voucher_minor INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  comment TEXT,
  raw_json TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX centra_returns_order ON centra_returns (order_number);
CREATE INDEX centra_returns_occurred ON centra_returns (occurred_at);

CREATE TABLE centra_return_lines (
  return_id TEXT NOT NULL REFERENCES centra_returns (return_id) ON DELETE CASCADE,
  line_id TEXT NOT NULL,
  order_line_id INTEGER,
  sku TEXT,
  quantity INTEGER NOT NULL,
  value_minor INTEGER NOT NULL,
  PRIMARY KEY (return_id, line_id)
);
`
