/**
 * 010: a posting can be 'withdrawn' — the order was cancelled in Centra and Instep deleted it
 * from the ERP while it was still open. SQLite cannot change a CHECK constraint in place, so the
 * table is rebuilt with the same columns and indexes.
 */
const COLUMNS = `id, centra_order_id, idempotency_key, plan_hash, plan_json, state, attempts, remote_id, remote_number,
  erp_total_incl_tax_minor, erp_total_tax_minor, last_error, created_at, updated_at, posted_at, not_before`

export const sql = `
CREATE TABLE postings_next (
  id INTEGER PRIMARY KEY,
  centra_order_id TEXT NOT NULL UNIQUE REFERENCES centra_orders (centra_id),
  idempotency_key TEXT NOT NULL UNIQUE,
  plan_hash TEXT,
  plan_json TEXT,
  state TEXT NOT NULL CHECK (state IN ('planned','sending','posted','failed','blocked','needs_review','withdrawn')),
  attempts INTEGER NOT NULL DEFAULT 0,
  remote_id TEXT,
  remote_number TEXT,
  erp_total_incl_tax_minor INTEGER,
  erp_total_tax_minor INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  posted_at TEXT,
  not_before TEXT
);
INSERT INTO postings_next (${COLUMNS}) SELECT ${COLUMNS} FROM postings;
DROP TABLE postings;
ALTER TABLE postings_next RENAME TO postings;
CREATE INDEX postings_state ON postings (state);
CREATE INDEX postings_order_state ON postings (state, centra_order_id);
`
