/**
 * 011: month-end reconciliation. A period (YYYY-MM) is open until finance signs it off; each
 * variance or failed check can carry one decision (explained or accepted) with a note and who
 * made it. `audit_log` is append-only (triggers refuse UPDATE and DELETE) and hash-chained:
 * each entry's hash covers the previous hash and the entry's canonical JSON.
 */
export const sql = `
CREATE TABLE recon_periods (
  period TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('open','signed_off')),
  signed_off_by TEXT,
  signed_off_at TEXT,
  audit_hash TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE recon_decisions (
  period TEXT NOT NULL,
  item_key TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('explained','accepted')),
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (period, item_key)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_period ON audit_log (period, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;

CREATE INDEX posting_variances_order_kind ON posting_variances (centra_order_id, kind);
CREATE INDEX exceptions_object_status ON exceptions (object_type, object_ref, status);
`
