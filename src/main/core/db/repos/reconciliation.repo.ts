/**
 * Month-end reconciliation queries. Every number is computed in SQL over the period's orders
 * (Centra order date, UTC calendar month) so a month of 200 000 orders stays a few seconds.
 * One CTE, `items`, lists every variance item and every failed-check order; the summary
 * aggregates it and `items` pages it, so a total and the orders behind it cannot disagree.
 */
import type { Db } from '../open'

export interface PeriodRange {
  period: string
  from: string
  to: string
  /** postings planned or sending since before this are stuck */
  stuckBefore: string
}

export interface TotalsSqlRow {
  key: string
  currency: string
  centra_count: number
  centra_total: number
  centra_tax: number
  erp_count: number
  erp_total: number
  erp_tax: number
}

export interface ItemSqlRow {
  topic: string
  ref: string
  order_number: number | null
  erp_number: string | null
  order_date: string | null
  posted_at: string | null
  currency: string
  centra_minor: number | null
  erp_minor: number | null
  amount_minor: number
  detail: string
  decision: string | null
  note: string | null
  actor: string | null
  decided_at: string | null
}

export interface PeriodSqlRow {
  period: string
  status: 'open' | 'signed_off'
  signed_off_by: string | null
  signed_off_at: string | null
  audit_hash: string | null
}

export interface AuditSqlRow {
  id: number
  period: string
  action: string
  actor: string
  at: string
  payload_json: string
  prev_hash: string
  hash: string
}

/** The period's orders, their posting and latest ERP document, shared by every query below. */
const BASE = `
po AS (
  SELECT o.centra_id, o.number, o.status, o.currency, o.market_name, o.conversion_rate, o.order_date, o.grand_total_minor,
         o.tax_included_minor + o.tax_added_minor AS tax_minor
  FROM centra_orders o WHERE o.order_date >= @from AND o.order_date < @to
),
doc AS (
  SELECT d.centra_order_id, d.id, d.number, d.total_incl_tax_minor, d.total_tax_minor, MAX(d.read_at) AS read_at
  FROM erp_documents d JOIN po ON po.centra_id = d.centra_order_id
  GROUP BY d.centra_order_id
),
pp AS (
  SELECT po.*, p.state, p.remote_number, p.posted_at, p.updated_at AS posting_updated_at,
         doc.id AS doc_id, doc.number AS doc_number, doc.total_incl_tax_minor AS erp_total, doc.total_tax_minor AS erp_tax,
         EXISTS (SELECT 1 FROM posting_variances v WHERE v.centra_order_id = po.centra_id AND v.kind = 'mismatch') AS has_mismatch,
         EXISTS (SELECT 1 FROM posting_variances v WHERE v.centra_order_id = po.centra_id AND v.kind = 'rounding') AS has_rounding
  FROM po LEFT JOIN postings p ON p.centra_order_id = po.centra_id LEFT JOIN doc ON doc.centra_order_id = po.centra_id
)`

const ORDER_ITEM = `centra_id AS ref, number AS order_number, COALESCE(doc_number, remote_number) AS erp_number, order_date, posted_at, currency`

const ITEMS = `
items AS (
  SELECT 'missing_in_erp' AS topic, ${ORDER_ITEM}, grand_total_minor AS centra_minor, NULL AS erp_minor, grand_total_minor AS amount_minor,
         'Not in the ERP: posting is ' || COALESCE(state, 'not planned yet') AS detail
  FROM pp WHERE status <> 'CANCELLED' AND (state IS NULL OR state <> 'posted')
  UNION ALL
  SELECT 'extra_in_erp', d.id, NULL, d.number, NULL, NULL, d.currency, NULL, d.total_incl_tax_minor, d.total_incl_tax_minor,
         'ERP document ' || d.number || ' has no Centra order (reference ' || d.external_document_number || ')'
  FROM erp_documents d LEFT JOIN centra_orders o ON o.centra_id = d.centra_order_id
  WHERE o.centra_id IS NULL AND d.read_at >= @from AND d.read_at < @to
  UNION ALL
  SELECT 'amount_mismatch', ${ORDER_ITEM}, grand_total_minor, erp_total, COALESCE(erp_total, 0) - grand_total_minor,
         'Centra and ERP totals differ beyond rounding'
  FROM pp WHERE status <> 'CANCELLED' AND state = 'posted' AND doc_id IS NOT NULL AND (has_mismatch OR ABS(erp_total - grand_total_minor) > 2)
  UNION ALL
  SELECT 'rounding', ${ORDER_ITEM}, grand_total_minor, erp_total, erp_total - grand_total_minor,
         'ERP tax rounding within tolerance'
  FROM pp WHERE status <> 'CANCELLED' AND state = 'posted' AND doc_id IS NOT NULL AND has_rounding AND NOT has_mismatch AND ABS(erp_total - grand_total_minor) <= 2
  UNION ALL
  SELECT 'cancelled_one_side', ${ORDER_ITEM}, grand_total_minor, erp_total, COALESCE(erp_total, grand_total_minor),
         CASE WHEN state = 'withdrawn' THEN 'Cancelled in Centra; the ERP order was withdrawn'
              ELSE 'Cancelled in Centra but still in the ERP' END
  FROM pp WHERE (status = 'CANCELLED' AND (state = 'posted' OR doc_id IS NOT NULL)) OR state = 'withdrawn'
  UNION ALL
  SELECT 'timing', ${ORDER_ITEM}, grand_total_minor, erp_total, grand_total_minor,
         'Posted to the ERP in ' || substr(posted_at, 1, 7) || ', ordered in ' || substr(order_date, 1, 7)
  FROM pp WHERE status <> 'CANCELLED' AND state = 'posted' AND posted_at >= @to
  UNION ALL
  SELECT 'check_accounted', ${ORDER_ITEM}, grand_total_minor, erp_total, grand_total_minor,
         'Not posted and no open exception explains it (posting ' || COALESCE(state, 'not planned') || ')'
  FROM pp WHERE status <> 'CANCELLED' AND (state IS NULL OR state <> 'posted')
    -- held by an open exception of its own, or of a SKU on its lines (an unmapped SKU blocks the order)
    AND NOT EXISTS (SELECT 1 FROM exceptions e WHERE e.status IN ('open','acknowledged')
      AND ((e.object_type = 'order' AND e.object_ref = CAST(pp.number AS TEXT))
        OR (e.trace_key >= 'order:' || pp.number || ':' AND e.trace_key < 'order:' || pp.number || ';')
        OR (e.object_type = 'sku' AND e.object_ref IN (SELECT l.sku FROM centra_order_lines l WHERE l.centra_order_id = pp.centra_id AND l.sku IS NOT NULL))))
  UNION ALL
  SELECT 'check_lines', ${ORDER_ITEM}, grand_total_minor, erp_total, 0,
         'Centra ' || c.n || ' lines / ' || c.q || ' units; ERP ' || COALESCE(e.n, 0) || ' lines / ' || COALESCE(e.q, 0) || ' units'
  FROM pp
  JOIN (
    -- the lines that reach the ERP as items: a bundle's components, or the bundle itself when sold without them
    SELECT centra_order_id,
           SUM(CASE WHEN kind <> 'bundle' OR bundle_items = 0 THEN 1 ELSE 0 END) AS n,
           SUM(CASE WHEN kind <> 'bundle' OR bundle_items = 0 THEN quantity ELSE 0 END) AS q
    FROM (SELECT l.centra_order_id, l.kind, l.quantity,
                 SUM(CASE WHEN l.kind = 'bundleItem' AND l.quantity > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY l.centra_order_id) AS bundle_items
          FROM centra_order_lines l JOIN po ON po.centra_id = l.centra_order_id WHERE l.quantity > 0)
    GROUP BY centra_order_id
  ) c ON c.centra_order_id = pp.centra_id
  LEFT JOIN (
    SELECT el.document_id, COUNT(*) AS n, SUM(CAST(el.quantity AS NUMERIC)) AS q
    FROM erp_document_lines el JOIN doc ON doc.id = el.document_id WHERE el.kind = 'item' GROUP BY el.document_id
  ) e ON e.document_id = pp.doc_id
  WHERE pp.status <> 'CANCELLED' AND pp.state = 'posted' AND pp.doc_id IS NOT NULL AND (c.n <> COALESCE(e.n, 0) OR c.q <> COALESCE(e.q, 0))
  UNION ALL
  SELECT 'check_stuck', ${ORDER_ITEM}, grand_total_minor, erp_total, grand_total_minor,
         CASE WHEN state = 'failed' THEN 'Posting failed' ELSE 'Posting ' || state || ' since ' || posting_updated_at END
  FROM pp WHERE state = 'failed' OR (state IN ('planned','sending') AND posting_updated_at < @stuckBefore)
  UNION ALL
  SELECT 'check_read_back', ${ORDER_ITEM}, grand_total_minor, NULL, grand_total_minor,
         'Posted as ' || COALESCE(remote_number, '?') || ' but the ERP document was never read back'
  FROM pp WHERE state = 'posted' AND doc_id IS NULL
),
decided AS (
  SELECT items.*, r.decision, r.note, r.actor, r.at AS decided_at
  FROM items LEFT JOIN recon_decisions r ON r.period = @period AND r.item_key = items.topic || ':' || items.ref
)`

export function createReconciliationRepo(db: Db) {
  const range = (r: PeriodRange) => ({ period: r.period, from: r.from, to: r.to, stuckBefore: r.stuckBefore })

  const totals = (keyExpr: 'market' | 'currency') => {
    const k = keyExpr === 'market' ? "COALESCE(market_name, '(no market)')" : 'currency'
    return db.prepare(`WITH ${BASE},
      c AS (SELECT ${k} AS key, currency, COUNT(*) AS n, SUM(grand_total_minor) AS total, SUM(tax_minor) AS tax FROM pp WHERE status <> 'CANCELLED' GROUP BY 1, 2),
      e AS (SELECT ${k} AS key, currency, COUNT(*) AS n, SUM(erp_total) AS total, SUM(erp_tax) AS tax FROM pp WHERE doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' GROUP BY 1, 2),
      k AS (SELECT key, currency FROM c UNION SELECT key, currency FROM e)
      SELECT k.key, k.currency, COALESCE(c.n, 0) AS centra_count, COALESCE(c.total, 0) AS centra_total, COALESCE(c.tax, 0) AS centra_tax,
             COALESCE(e.n, 0) AS erp_count, COALESCE(e.total, 0) AS erp_total, COALESCE(e.tax, 0) AS erp_tax
      FROM k LEFT JOIN c ON c.key = k.key AND c.currency = k.currency LEFT JOIN e ON e.key = k.key AND e.currency = k.currency
      ORDER BY k.key, k.currency`)
  }
  const byMarket = totals('market')
  const byCurrency = totals('currency')
  // Tax rates live on lines: Centra's product line values against the ERP's item lines (shipping and vouchers sit in the order totals).
  const byTaxRate = db.prepare(`WITH ${BASE},
    c AS (SELECT CAST(l.tax_percent AS REAL) AS rate, pp.currency, COUNT(DISTINCT pp.centra_id) AS n, SUM(l.line_value_minor) AS total
          FROM pp JOIN centra_order_lines l ON l.centra_order_id = pp.centra_id
          WHERE pp.status <> 'CANCELLED' AND l.quantity > 0 AND l.kind <> 'bundle' GROUP BY 1, 2),
    e AS (SELECT CAST(el.tax_percent AS REAL) AS rate, pp.currency, COUNT(DISTINCT pp.centra_id) AS n, SUM(el.amount_incl_tax_minor) AS total, SUM(el.tax_minor) AS tax
          FROM pp JOIN erp_document_lines el ON el.document_id = pp.doc_id WHERE el.kind = 'item' AND COALESCE(pp.state, '') <> 'withdrawn' GROUP BY 1, 2),
    k AS (SELECT rate, currency FROM c UNION SELECT rate, currency FROM e)
    SELECT CAST(k.rate AS TEXT) AS key, k.currency, COALESCE(c.n, 0) AS centra_count, COALESCE(c.total, 0) AS centra_total, 0 AS centra_tax,
           COALESCE(e.n, 0) AS erp_count, COALESCE(e.total, 0) AS erp_total, COALESCE(e.tax, 0) AS erp_tax
    FROM k LEFT JOIN c ON c.rate = k.rate AND c.currency = k.currency LEFT JOIN e ON e.rate = k.rate AND e.currency = k.currency
    ORDER BY k.currency, k.rate`)
  const base = db.prepare(`WITH ${BASE}
    SELECT COALESCE(SUM(CASE WHEN status <> 'CANCELLED' THEN grand_total_minor * CAST(conversion_rate AS REAL) END), 0) AS centra,
           COALESCE(SUM(CASE WHEN doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' THEN erp_total * CAST(conversion_rate AS REAL) END), 0) AS erp
    FROM pp`)
  const byTopic = db.prepare(`WITH ${BASE}, ${ITEMS}
    SELECT topic, currency, COUNT(*) AS n, SUM(amount_minor) AS amount, SUM(decision IS NULL) AS undecided FROM decided GROUP BY topic, currency ORDER BY topic, currency`)
  const listAll = db.prepare(`WITH ${BASE}, ${ITEMS}
    SELECT * FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)
    ORDER BY topic, order_number, ref LIMIT @limit OFFSET @offset`)
  const countAll = db.prepare(`WITH ${BASE}, ${ITEMS}
    SELECT COUNT(*) AS n FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)`)
  const keysOf = db.prepare(`WITH ${BASE}, ${ITEMS}
    SELECT topic || ':' || ref AS key FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)`)

  const getPeriod = db.prepare('SELECT period, status, signed_off_by, signed_off_at, audit_hash FROM recon_periods WHERE period = ?')
  const upsertPeriod = db.prepare(`INSERT INTO recon_periods (period, status, signed_off_by, signed_off_at, audit_hash, updated_at)
    VALUES (@period, @status, @by, @at, @hash, @at)
    ON CONFLICT (period) DO UPDATE SET status = excluded.status, signed_off_by = excluded.signed_off_by,
      signed_off_at = excluded.signed_off_at, audit_hash = excluded.audit_hash, updated_at = excluded.updated_at`)
  const decide = db.prepare(`INSERT INTO recon_decisions (period, item_key, decision, note, actor, at) VALUES (@period, @key, @decision, @note, @actor, @at)
    ON CONFLICT (period, item_key) DO UPDATE SET decision = excluded.decision, note = excluded.note, actor = excluded.actor, at = excluded.at`)
  const lastAudit = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const insertAudit = db.prepare(`INSERT INTO audit_log (period, action, actor, at, payload_json, prev_hash, hash)
    VALUES (@period, @action, @actor, @at, @payload, @prevHash, @hash)`)
  const auditOf = db.prepare('SELECT * FROM audit_log WHERE period = ? ORDER BY id')
  const auditAll = db.prepare('SELECT * FROM audit_log ORDER BY id')

  const items = (r: PeriodRange, topic: string | null, undecidedOnly: boolean, limit: number, offset: number) =>
    listAll.all({ ...range(r), topic, undecidedOnly: undecidedOnly ? 1 : 0, limit, offset }) as ItemSqlRow[]

  return {
    byMarket: (r: PeriodRange) => byMarket.all(range(r)) as TotalsSqlRow[],
    byCurrency: (r: PeriodRange) => byCurrency.all(range(r)) as TotalsSqlRow[],
    byTaxRate: (r: PeriodRange) => byTaxRate.all(range(r)) as TotalsSqlRow[],
    baseTotals: (r: PeriodRange) => base.get(range(r)) as { centra: number; erp: number },
    byTopic: (r: PeriodRange) =>
      byTopic.all(range(r)) as { topic: string; currency: string; n: number; amount: number; undecided: number }[],
    items,
    countItems: (r: PeriodRange, topic: string | null, undecidedOnly: boolean) =>
      (countAll.get({ ...range(r), topic, undecidedOnly: undecidedOnly ? 1 : 0 }) as { n: number }).n,
    itemKeys: (r: PeriodRange, topic: string | null, undecidedOnly: boolean) =>
      (keysOf.all({ ...range(r), topic, undecidedOnly: undecidedOnly ? 1 : 0 }) as { key: string }[]).map((x) => x.key),
    period: (period: string) => (getPeriod.get(period) as PeriodSqlRow | undefined) ?? null,
    setPeriod: (p: { period: string; status: 'open' | 'signed_off'; by: string | null; at: string; hash: string | null }) => upsertPeriod.run(p),
    decide: (rows: { period: string; key: string; decision: 'explained' | 'accepted'; note: string; actor: string; at: string }[]) => {
      for (const r of rows) decide.run(r)
    },
    lastAuditHash: () => (lastAudit.get() as { hash: string } | undefined)?.hash ?? null,
    appendAudit: (e: { period: string; action: string; actor: string; at: string; payload: string; prevHash: string; hash: string }) =>
      Number(insertAudit.run(e).lastInsertRowid),
    audit: (period: string) => auditOf.all(period) as AuditSqlRow[],
    auditAll: () => auditAll.all() as AuditSqlRow[],
  }
}

export type ReconciliationRepo = ReturnType<typeof createReconciliationRepo>
