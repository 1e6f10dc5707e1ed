/**
 * 003: what the ERP made of each posted order (its own totals and tax per line), and the
 * variances found when comparing it with Centra: rounding within tolerance is recorded with
 * its explanation, anything bigger also opens an exception.
 */
export const sql = `
CREATE TABLE erp_documents (
  id TEXT PRIMARY KEY,
  centra_order_id TEXT REFERENCES centra_orders (centra_id),
  number TEXT NOT NULL,
  external_document_number TEXT NOT NULL,
  document_type TEXT NOT NULL CHECK (document_type IN ('salesOrder','salesInvoice')),
  currency TEXT NOT NULL,
  total_excl_tax_minor INTEGER NOT NULL,
  total_tax_minor INTEGER NOT NULL,
  total_incl_tax_minor INTEGER NOT NULL,
  line_count INTEGER,
  read_at TEXT NOT NULL
);
CREATE INDEX erp_documents_external ON erp_documents (external_document_number);
CREATE INDEX erp_documents_order ON erp_documents (centra_order_id);

CREATE TABLE erp_document_lines (
  document_id TEXT NOT NULL REFERENCES erp_documents (id) ON DELETE CASCADE,
  sequence INTEGER NOT NULL,
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  quantity TEXT NOT NULL,
  tax_percent TEXT NOT NULL,
  amount_excl_tax_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  amount_incl_tax_minor INTEGER NOT NULL,
  net_tax_minor INTEGER NOT NULL,
  PRIMARY KEY (document_id, sequence)
);

CREATE TABLE posting_variances (
  id INTEGER PRIMARY KEY,
  centra_order_id TEXT NOT NULL REFERENCES centra_orders (centra_id),
  kind TEXT NOT NULL CHECK (kind IN ('rounding','mismatch')),
  field TEXT NOT NULL CHECK (field IN ('total','tax','line_amount','line_tax','line_count')),
  line_ref TEXT,
  currency TEXT NOT NULL,
  centra_minor INTEGER NOT NULL,
  erp_minor INTEGER NOT NULL,
  diff_minor INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  found_at TEXT NOT NULL
);
CREATE INDEX posting_variances_order ON posting_variances (centra_order_id);
CREATE INDEX posting_variances_kind ON posting_variances (kind);
`
