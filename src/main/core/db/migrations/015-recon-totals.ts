/**
 * 015: month-end at scale. Month-end compared every order's lines with its ERP document's lines
 * by reading and grouping the whole period's line tables (a million rows in a busy month) on
 * each first look. These tables keep each order's and each ERP document's line totals per tax
 * rate, kept up to date by triggers on every line write, so month-end reads one small row per
 * order and rate instead.
 *
 * The triggers recompute the touched (order, rate) group from its lines rather than adding and
 * subtracting: ERP quantities are decimals in text, and a running sum of them could drift.
 * A covering index lets the period's orders be read from the index alone (the order rows carry
 * the raw payload), and another finds an order's latest ERP document without visiting the rows.
 */
const CENTRA_GROUP = (order: string, rate: string) => `
  DELETE FROM centra_order_line_totals WHERE centra_order_id = ${order} AND tax_percent = ${rate};
  INSERT INTO centra_order_line_totals (centra_order_id, tax_percent, bundle_items, n_plain, q_plain, n_bundle, q_bundle, value_minor)
  SELECT centra_order_id, tax_percent, SUM(kind = 'bundleItem'),
         SUM(kind <> 'bundle'), SUM(CASE WHEN kind <> 'bundle' THEN quantity ELSE 0 END),
         SUM(kind = 'bundle'), SUM(CASE WHEN kind = 'bundle' THEN quantity ELSE 0 END),
         SUM(CASE WHEN kind <> 'bundle' THEN line_value_minor ELSE 0 END)
  FROM centra_order_lines WHERE centra_order_id = ${order} AND tax_percent = ${rate} AND quantity > 0
  GROUP BY centra_order_id, tax_percent;`

const ERP_GROUP = (document: string, rate: string) => `
  DELETE FROM erp_document_item_totals WHERE document_id = ${document} AND tax_percent = ${rate};
  INSERT INTO erp_document_item_totals (document_id, tax_percent, n, q, total_minor, tax_minor)
  SELECT document_id, tax_percent, COUNT(*), SUM(CAST(quantity AS NUMERIC)), SUM(amount_incl_tax_minor), SUM(tax_minor)
  FROM erp_document_lines WHERE document_id = ${document} AND tax_percent = ${rate} AND kind = 'item'
  GROUP BY document_id, tax_percent;`

export const sql = `
CREATE TABLE centra_order_line_totals (
  centra_order_id TEXT NOT NULL,
  tax_percent TEXT NOT NULL,
  bundle_items INTEGER NOT NULL,
  n_plain INTEGER NOT NULL,
  q_plain INTEGER NOT NULL,
  n_bundle INTEGER NOT NULL,
  q_bundle INTEGER NOT NULL,
  value_minor INTEGER NOT NULL,
  PRIMARY KEY (centra_order_id, tax_percent)
) WITHOUT ROWID;

CREATE TABLE erp_document_item_totals (
  document_id TEXT NOT NULL,
  tax_percent TEXT NOT NULL,
  n INTEGER NOT NULL,
  q NUMERIC NOT NULL,
  total_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  PRIMARY KEY (document_id, tax_percent)
) WITHOUT ROWID;

INSERT INTO centra_order_line_totals (centra_order_id, tax_percent, bundle_items, n_plain, q_plain, n_bundle, q_bundle, value_minor)
SELECT centra_order_id, tax_percent, SUM(kind = 'bundleItem'),
       SUM(kind <> 'bundle'), SUM(CASE WHEN kind <> 'bundle' THEN quantity ELSE 0 END),
       SUM(kind = 'bundle'), SUM(CASE WHEN kind = 'bundle' THEN quantity ELSE 0 END),
       SUM(CASE WHEN kind <> 'bundle' THEN line_value_minor ELSE 0 END)
FROM centra_order_lines WHERE quantity > 0 GROUP BY centra_order_id, tax_percent;

INSERT INTO erp_document_item_totals (document_id, tax_percent, n, q, total_minor, tax_minor)
SELECT document_id, tax_percent, COUNT(*), SUM(CAST(quantity AS NUMERIC)), SUM(amount_incl_tax_minor), SUM(tax_minor)
FROM erp_document_lines WHERE kind = 'item' GROUP BY document_id, tax_percent;

CREATE TRIGGER centra_order_lines_totals_insert AFTER INSERT ON centra_order_lines BEGIN
  ${CENTRA_GROUP('NEW.centra_order_id', 'NEW.tax_percent')}
END;
CREATE TRIGGER centra_order_lines_totals_delete AFTER DELETE ON centra_order_lines BEGIN
  ${CENTRA_GROUP('OLD.centra_order_id', 'OLD.tax_percent')}
END;
CREATE TRIGGER centra_order_lines_totals_update AFTER UPDATE ON centra_order_lines BEGIN
  ${CENTRA_GROUP('OLD.centra_order_id', 'OLD.tax_percent')}
  ${CENTRA_GROUP('NEW.centra_order_id', 'NEW.tax_percent')}
END;

CREATE TRIGGER erp_document_lines_totals_insert AFTER INSERT ON erp_document_lines BEGIN
  ${ERP_GROUP('NEW.document_id', 'NEW.tax_percent')}
END;
CREATE TRIGGER erp_document_lines_totals_delete AFTER DELETE ON erp_document_lines BEGIN
  ${ERP_GROUP('OLD.document_id', 'OLD.tax_percent')}
END;
CREATE TRIGGER erp_document_lines_totals_update AFTER UPDATE ON erp_document_lines BEGIN
  ${ERP_GROUP('OLD.document_id', 'OLD.tax_percent')}
  ${ERP_GROUP('NEW.document_id', 'NEW.tax_percent')}
END;

CREATE INDEX centra_orders_period ON centra_orders (order_date, centra_id, number, status, currency, market_name, conversion_rate,
  grand_total_minor, tax_included_minor, tax_added_minor);
CREATE INDEX erp_documents_order_read ON erp_documents (centra_order_id, read_at DESC, id);
`
