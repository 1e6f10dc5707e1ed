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

export interface OrderOfPeriodSqlRow {
  order_number: number
  status: string
  market: string
  currency: string
  grand_total_minor: number
  state: string | null
  erp_number: string | null
  erp_total: number | null
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

/**
 * The period's orders with their posting, latest ERP document, variance flags and line
 * aggregates, built once into temp tables (each line table is read once) and reused while
 * nothing in the database changes; every query below reads these.
 */
const BUILD = [
  'DROP TABLE IF EXISTS temp.recon_cl',
  'DROP TABLE IF EXISTS temp.recon_el',
  'DROP TABLE IF EXISTS temp.recon_pp',
  // Line totals per order and tax rate are kept by triggers (migration 015): one row per order
  // and rate here instead of reading and grouping every line of the period.
  `CREATE TEMP TABLE recon_cl AS
   SELECT t.centra_order_id, o.currency, o.status, t.tax_percent, t.bundle_items, t.n_plain, t.q_plain, t.n_bundle, t.q_bundle, t.value_minor AS value
   FROM centra_orders o JOIN centra_order_line_totals t ON t.centra_order_id = o.centra_id
   WHERE o.order_date >= @from AND o.order_date < @to`,
  `CREATE TEMP TABLE recon_el AS
   SELECT d.centra_order_id, d.id AS document_id, t.tax_percent, t.n, t.q, t.total_minor AS total, t.tax_minor AS tax
   FROM centra_orders o JOIN erp_documents d ON d.centra_order_id = o.centra_id JOIN erp_document_item_totals t ON t.document_id = d.id
   WHERE o.order_date >= @from AND o.order_date < @to`,
  'CREATE INDEX temp.recon_cl_order ON recon_cl (centra_order_id)',
  'CREATE INDEX temp.recon_el_document ON recon_el (document_id)',
  // Per order (and per ERP document), keyed, so the pass below joins them by key instead of
  // grouping and indexing them on the fly. Grouped output arrives in key order: cheap to insert.
  'DROP TABLE IF EXISTS temp.recon_clo',
  'DROP TABLE IF EXISTS temp.recon_elo',
  'CREATE TEMP TABLE recon_clo (centra_order_id TEXT PRIMARY KEY, n INTEGER NOT NULL, q INTEGER NOT NULL) WITHOUT ROWID',
  `INSERT INTO temp.recon_clo
   -- the lines that reach the ERP as items: a bundle's components, or the bundle itself when sold without them
   SELECT centra_order_id, CASE WHEN SUM(bundle_items) = 0 THEN SUM(n_plain) + SUM(n_bundle) ELSE SUM(n_plain) END,
          CASE WHEN SUM(bundle_items) = 0 THEN SUM(q_plain) + SUM(q_bundle) ELSE SUM(q_plain) END
   FROM temp.recon_cl GROUP BY centra_order_id`,
  'CREATE TEMP TABLE recon_elo (document_id TEXT PRIMARY KEY, n INTEGER NOT NULL, q NUMERIC NOT NULL) WITHOUT ROWID',
  'INSERT INTO temp.recon_elo SELECT document_id, SUM(n), SUM(q) FROM temp.recon_el GROUP BY document_id',
  // One pass over the period's orders read from a covering index; each order's latest ERP
  // document comes from a covering index too (INDEXED BY: without statistics for it the planner
  // may pick the older single-column index and sort per order).
  `CREATE TEMP TABLE recon_pp AS
   WITH po AS (
     SELECT o.centra_id, o.number, o.status, o.currency, o.market_name, o.conversion_rate, o.order_date, o.grand_total_minor,
            o.tax_included_minor + o.tax_added_minor AS tax_minor,
            (SELECT d.id FROM erp_documents d INDEXED BY erp_documents_order_read WHERE d.centra_order_id = o.centra_id
             ORDER BY d.read_at DESC LIMIT 1) AS latest_doc
     FROM centra_orders o WHERE o.order_date >= @from AND o.order_date < @to
   )
   SELECT po.centra_id, po.number, po.status, po.currency, po.market_name, po.conversion_rate, po.order_date, po.grand_total_minor, po.tax_minor,
          p.state, p.remote_number, p.posted_at, p.updated_at AS posting_updated_at,
          doc.id AS doc_id, doc.number AS doc_number, doc.total_incl_tax_minor AS erp_total, doc.total_tax_minor AS erp_tax,
          EXISTS (SELECT 1 FROM posting_variances v WHERE v.centra_order_id = po.centra_id AND v.kind = 'mismatch') AS has_mismatch,
          EXISTS (SELECT 1 FROM posting_variances v WHERE v.centra_order_id = po.centra_id AND v.kind = 'rounding') AS has_rounding,
          COALESCE(cl.n, 0) AS c_lines, COALESCE(cl.q, 0) AS c_qty, COALESCE(el.n, 0) AS e_lines, COALESCE(el.q, 0) AS e_qty
   FROM po LEFT JOIN postings p ON p.centra_order_id = po.centra_id
   LEFT JOIN erp_documents doc ON doc.id = po.latest_doc LEFT JOIN temp.recon_clo cl ON cl.centra_order_id = po.centra_id
   LEFT JOIN temp.recon_elo el ON el.document_id = doc.id`,
  'CREATE INDEX temp.recon_pp_order ON recon_pp (centra_id)',
  'CREATE INDEX temp.recon_pp_document ON recon_pp (doc_id)',
]

const BASE = `pp AS (SELECT * FROM temp.recon_pp)`

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
         'Centra ' || c_lines || ' lines / ' || c_qty || ' units; ERP ' || e_lines || ' lines / ' || e_qty || ' units'
  FROM pp WHERE status <> 'CANCELLED' AND state = 'posted' AND doc_id IS NOT NULL AND (c_lines <> e_lines OR c_qty <> e_qty)
  UNION ALL
  SELECT 'check_stuck', ${ORDER_ITEM}, grand_total_minor, erp_total, grand_total_minor,
         CASE WHEN state = 'failed' THEN 'Posting failed' ELSE 'Posting ' || state || ' since ' || posting_updated_at END
  FROM pp WHERE state = 'failed' OR (state IN ('planned','sending') AND posting_updated_at < @stuckBefore)
  UNION ALL
  SELECT 'check_read_back', ${ORDER_ITEM}, grand_total_minor, NULL, grand_total_minor,
         'Posted as ' || COALESCE(remote_number, '?') || ' but the ERP document was never read back'
  FROM pp WHERE state = 'posted' AND doc_id IS NULL
)`

const DECIDED = `decided AS (
  SELECT items.*, r.decision, r.note, r.actor, r.at AS decided_at
  FROM temp.recon_items items LEFT JOIN recon_decisions r ON r.period = @period AND r.item_key = items.topic || ':' || items.ref
)`

export function createReconciliationRepo(db: Db) {
  const range = (r: PeriodRange) => ({ period: r.period, from: r.from, to: r.to, stuckBefore: r.stuckBefore })
  let built: string | null = null
  // The working tables are rebuilt often and thrown away: keep them in memory, not in a temp file.
  // (Set once, before any temp table exists: changing it later would drop existing ones.)
  let tempInMemory = false
  const stateKey = (r: PeriodRange) =>
    `${r.period}|${r.stuckBefore.slice(0, 16)}|${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}|${db.pragma('data_version', { simple: true })}`
  /** (Re)builds the period's temp tables unless they already hold this period and nothing changed since. */
  const ensure = (r: PeriodRange) => {
    if (built === stateKey(r)) return
    if (!tempInMemory && !db.inTransaction) {
      db.pragma('temp_store = MEMORY')
      tempInMemory = true
    }
    const params = range(r)
    const all = [...BUILD, 'DROP TABLE IF EXISTS temp.recon_items', `CREATE TEMP TABLE recon_items AS WITH ${BASE}, ${ITEMS} SELECT * FROM items`]
    db.transaction(() => {
      for (const sql of all) {
        const stmt = db.prepare(sql)
        if (/@(from|to|stuckBefore)\b/.test(sql)) stmt.run(params)
        else stmt.run()
      }
    })()
    // Temp tables built inside a caller's transaction vanish if it rolls back: never reuse those.
    built = db.inTransaction ? null : stateKey(r)
  }
  const lazy = <T>(make: () => T) => {
    let v: T | undefined
    return () => (v ??= make())
  }

  // Both sides in one pass over the period, by market and currency; the per-currency rows are
  // the same integer sums added up per currency, so they cannot disagree with the market rows.
  const byMarketStmt = lazy(() => db.prepare(`WITH ${BASE}
    SELECT COALESCE(market_name, '(no market)') AS key, currency,
           SUM(status <> 'CANCELLED') AS centra_count,
           COALESCE(SUM(CASE WHEN status <> 'CANCELLED' THEN grand_total_minor END), 0) AS centra_total,
           COALESCE(SUM(CASE WHEN status <> 'CANCELLED' THEN tax_minor END), 0) AS centra_tax,
           SUM(doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn') AS erp_count,
           COALESCE(SUM(CASE WHEN doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' THEN erp_total END), 0) AS erp_total,
           COALESCE(SUM(CASE WHEN doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' THEN erp_tax END), 0) AS erp_tax
    FROM pp GROUP BY 1, 2 HAVING centra_count > 0 OR erp_count > 0 ORDER BY 1, 2`))
  let marketRows: { key: string; rows: TotalsSqlRow[] } | null = null
  const byMarket = (r: PeriodRange): TotalsSqlRow[] => {
    ensure(r)
    if (built === null || marketRows?.key !== built) marketRows = { key: built ?? '', rows: byMarketStmt().all() as TotalsSqlRow[] }
    return marketRows.rows
  }
  const byCurrency = (r: PeriodRange): TotalsSqlRow[] => {
    const sums = new Map<string, TotalsSqlRow>()
    for (const m of byMarket(r)) {
      const c = sums.get(m.currency) ?? { key: m.currency, currency: m.currency, centra_count: 0, centra_total: 0, centra_tax: 0, erp_count: 0, erp_total: 0, erp_tax: 0 }
      c.centra_count += m.centra_count
      c.centra_total += m.centra_total
      c.centra_tax += m.centra_tax
      c.erp_count += m.erp_count
      c.erp_total += m.erp_total
      c.erp_tax += m.erp_tax
      sums.set(m.currency, c)
    }
    return [...sums.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
  }
  // Tax rates live on lines: Centra's product line values against the ERP's item lines (shipping and vouchers sit in the order totals).
  const byTaxRate = lazy(() => db.prepare(`WITH ${BASE},
    c AS (SELECT CAST(tax_percent AS REAL) AS rate, currency, COUNT(DISTINCT centra_order_id) AS n, SUM(value) AS total
          FROM temp.recon_cl WHERE status <> 'CANCELLED' GROUP BY 1, 2),
    e AS (SELECT CAST(el.tax_percent AS REAL) AS rate, pp.currency, COUNT(DISTINCT pp.centra_id) AS n, SUM(el.total) AS total, SUM(el.tax) AS tax
          FROM pp JOIN temp.recon_el el ON el.document_id = pp.doc_id WHERE COALESCE(pp.state, '') <> 'withdrawn' GROUP BY 1, 2),
    k AS (SELECT rate, currency FROM c UNION SELECT rate, currency FROM e)
    SELECT CAST(k.rate AS TEXT) AS key, k.currency, COALESCE(c.n, 0) AS centra_count, COALESCE(c.total, 0) AS centra_total, 0 AS centra_tax,
           COALESCE(e.n, 0) AS erp_count, COALESCE(e.total, 0) AS erp_total, COALESCE(e.tax, 0) AS erp_tax
    FROM k LEFT JOIN c ON c.rate = k.rate AND c.currency = k.currency LEFT JOIN e ON e.rate = k.rate AND e.currency = k.currency
    ORDER BY k.currency, k.rate`))
  const base = lazy(() => db.prepare(`WITH ${BASE}
    SELECT COALESCE(SUM(CASE WHEN status <> 'CANCELLED' THEN grand_total_minor * CAST(conversion_rate AS REAL) END), 0) AS centra,
           COALESCE(SUM(CASE WHEN doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' THEN erp_total * CAST(conversion_rate AS REAL) END), 0) AS erp
    FROM pp`))
  const byTopic = lazy(() => db.prepare(`WITH ${DECIDED}
    SELECT topic, currency, COUNT(*) AS n, SUM(amount_minor) AS amount, SUM(decision IS NULL) AS undecided FROM decided GROUP BY topic, currency ORDER BY topic, currency`))
  const listAll = lazy(() => db.prepare(`WITH ${DECIDED}
    SELECT * FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)
    ORDER BY topic, order_number, ref LIMIT @limit OFFSET @offset`))
  const countAll = lazy(() => db.prepare(`WITH ${DECIDED}
    SELECT COUNT(*) AS n FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)`))
  const keysOf = lazy(() => db.prepare(`WITH ${DECIDED}
    SELECT topic || ':' || ref AS key FROM decided WHERE (@topic IS NULL OR topic = @topic) AND (@undecidedOnly = 0 OR decision IS NULL)`))

  // The orders behind a line of the totals: one market and/or currency, paged; both sides of each.
  const ORDERS_WHERE = `WHERE (@market IS NULL OR COALESCE(market_name, '(no market)') = @market) AND (@currency IS NULL OR currency = @currency)`
  const ordersOf = lazy(() => db.prepare(`SELECT number AS order_number, status, COALESCE(market_name, '(no market)') AS market, currency, grand_total_minor,
      state, COALESCE(doc_number, remote_number) AS erp_number, CASE WHEN doc_id IS NOT NULL AND COALESCE(state, '') <> 'withdrawn' THEN erp_total END AS erp_total
    FROM temp.recon_pp ${ORDERS_WHERE} ORDER BY number LIMIT @limit OFFSET @offset`))
  const countOrdersOf = lazy(() => db.prepare(`SELECT COUNT(*) AS n FROM temp.recon_pp ${ORDERS_WHERE}`))
  const periodOrders = db.prepare(`SELECT o.number, o.status, o.currency, o.market_name, o.grand_total_minor, p.idempotency_key
    FROM centra_orders o LEFT JOIN postings p ON p.centra_order_id = o.centra_id WHERE o.order_date >= @from AND o.order_date < @to`)
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

  const q = (r: PeriodRange, topic: string | null, undecidedOnly: boolean) => {
    ensure(r)
    return { period: r.period, topic, undecidedOnly: undecidedOnly ? 1 : 0 }
  }
  const items = (r: PeriodRange, topic: string | null, undecidedOnly: boolean, limit: number, offset: number) =>
    listAll().all({ ...q(r, topic, undecidedOnly), limit, offset }) as ItemSqlRow[]
  const rows = <T>(stmt: () => { all(): unknown[] }, r: PeriodRange) => {
    ensure(r)
    return stmt().all() as T[]
  }

  return {
    /**
     * Runs a write to a table the working tables are not built from (the Overview card's kept
     * status) without making the next look rebuild them: every write moves total_changes(), which
     * the state key reads, so the key is moved on by what this write alone changed.
     */
    keepingWorkingTables(write: () => void): void {
      const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
      const before = changes()
      const current = built !== null && built.endsWith(`|${before}|${db.pragma('data_version', { simple: true })}`)
      write()
      if (current) built = built!.replace(/\|\d+\|(\d+)$/, `|${changes()}|$1`)
    },
    /** Builds the period's working tables now, outside any transaction, so a later rollback cannot take them away. */
    prepare: (r: PeriodRange) => ensure(r),
    byMarket,
    byCurrency,
    byTaxRate: (r: PeriodRange) => rows<TotalsSqlRow>(byTaxRate, r),
    baseTotals: (r: PeriodRange) => rows<{ centra: number; erp: number }>(base, r)[0],
    byTopic: (r: PeriodRange) => {
      ensure(r)
      return byTopic().all({ period: r.period }) as { topic: string; currency: string; n: number; amount: number; undecided: number }[]
    },
    items,
    countItems: (r: PeriodRange, topic: string | null, undecidedOnly: boolean) => (countAll().get(q(r, topic, undecidedOnly)) as { n: number }).n,
    itemKeys: (r: PeriodRange, topic: string | null, undecidedOnly: boolean) =>
      (keysOf().all(q(r, topic, undecidedOnly)) as { key: string }[]).map((x) => x.key),
    /** the period's orders of one market and/or currency with both sides' totals, paged (what a totals line is made of) */
    ordersOf: (r: PeriodRange, f: { market: string | null; currency: string | null }, limit: number, offset: number) => {
      ensure(r)
      return {
        rows: ordersOf().all({ ...f, limit, offset }) as OrderOfPeriodSqlRow[],
        total: (countOrdersOf().get(f) as { n: number }).n,
      }
    },
    /** the period's orders with the reference they carry in the ERP, for comparing against an ERP export file */
    periodOrders: (r: PeriodRange) =>
      periodOrders.all({ from: r.from, to: r.to }) as { number: number; status: string; currency: string; market_name: string | null; grand_total_minor: number; idempotency_key: string | null }[],
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
