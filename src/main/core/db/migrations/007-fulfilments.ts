/**
 * 007: shipments travelling back from the ERP (or the warehouse's confirmation files) to
 * Centra. One row per source shipment, advanced step by step (create, complete with tracking
 * and e-mail, capture or mark paid), each step persisted before the next call so a crash or
 * retry never repeats a step Centra has already done.
 */
export const sql = `
CREATE TABLE fulfilments (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('erp','file')),
  source_ref TEXT NOT NULL,
  source_number TEXT NOT NULL,
  external_document_number TEXT NOT NULL,
  centra_order_id TEXT REFERENCES centra_orders (centra_id),
  order_number INTEGER,
  lines_json TEXT NOT NULL,
  carrier TEXT,
  tracking_number TEXT,
  shipped_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('planned','creating','created','completed','done','failed','unmatched')),
  centra_shipment_id INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, source_ref)
);
CREATE INDEX fulfilments_state ON fulfilments (state);
CREATE INDEX fulfilments_order ON fulfilments (centra_order_id);
`
