/**
 * Month-end at scale: one month of N Centra orders (default 200 000) with 5 lines each
 * (1 000 000 lines), their postings, ERP documents read back with 5 item lines each, a share
 * of rounding and mismatch variances, some blocked, failed and cancelled orders — generated
 * directly in a temp database. Times the Month-end screen's questions through the real
 * handlers: the summary (totals, variance by cause, checks), a deep page of items, and
 * accepting a whole cause. Goal: summary under 5 s. Also the Overview's questions on the same
 * data: the month-end card's status (goal: a few milliseconds, it must not work the month out)
 * and the orders behind its figures, a page at a time.
 *
 *   node bin/run-ts.mjs bench/reconciliation.ts [orders=200000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/core/db/open'
import { createRepos } from '../src/main/core/db/repos'
import { reconciliationHandlers } from '../src/main/core/domains/reconciliation/handlers'
import { dashboardHandlers } from '../src/main/core/domains/dashboard/handlers'
import type { HandlerContext } from '../src/main/core/rpc/handlers'

const n = Number(process.argv[2] ?? 200_000)
const LINES = 5
const dir = mkdtempSync(join(tmpdir(), 'instep-bench-recon-'))
const db = openDatabase(join(dir, 'instep.db'))
const repos = createRepos(db)
const now = new Date('2026-12-02T09:00:00.000Z')
const from = Date.parse('2026-11-01T00:00:00.000Z')
const monthMs = 30 * 24 * 3600 * 1000

const markets = [
  { name: 'Sweden', country: 'SE', currency: 'SEK', rate: '0.0871', tax: '25' },
  { name: 'Germany', country: 'DE', currency: 'EUR', rate: '1', tax: '19' },
  { name: 'United States', country: 'US', currency: 'USD', rate: '0.92', tax: '8.875' },
  { name: 'Japan', country: 'JP', currency: 'JPY', rate: '0.0061', tax: '10' },
]

const t0 = performance.now()
repos.tx(() => {
  const order = db.prepare(`INSERT INTO centra_orders (centra_id, number, status, store_type, market_id, market_name, country_code, currency, conversion_rate,
    tax_mode, order_date, line_values_minor, discounts_minor, shipping_minor, handling_minor, tax_included_minor, tax_added_minor, tax_deducted_minor,
    grand_total_minor, content_hash, raw_json, first_seen_at, updated_at)
    VALUES (?, ?, ?, 'DIRECT_TO_CONSUMER', ?, ?, ?, ?, ?, 'included', ?, ?, 0, 0, 0, ?, 0, 0, ?, 'h', '{}', ?, ?)`)
  const line = db.prepare(`INSERT INTO centra_order_lines (centra_order_id, line_id, kind, sku, ean, product_number, size, product_name, quantity,
    cancelled_quantity, tax_percent, unit_price_minor, unit_original_price_minor, line_value_minor) VALUES (?, ?, 'product', ?, NULL, 'P', 'M', 'Item', ?, 0, ?, ?, ?, ?)`)
  const posting = db.prepare(`INSERT INTO postings (centra_order_id, idempotency_key, state, attempts, remote_number, erp_total_incl_tax_minor, created_at, updated_at, posted_at)
    VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)`)
  const doc = db.prepare(`INSERT INTO erp_documents (id, centra_order_id, number, external_document_number, document_type, currency, total_excl_tax_minor,
    total_tax_minor, total_incl_tax_minor, line_count, read_at) VALUES (?, ?, ?, ?, 'salesOrder', ?, ?, ?, ?, ?, ?)`)
  const docLine = db.prepare(`INSERT INTO erp_document_lines (document_id, sequence, kind, number, quantity, tax_percent, amount_excl_tax_minor, tax_minor,
    amount_incl_tax_minor, net_tax_minor) VALUES (?, ?, 'item', 'ITEM', ?, ?, ?, ?, ?, ?)`)
  const variance = db.prepare(`INSERT INTO posting_variances (centra_order_id, kind, field, line_ref, currency, centra_minor, erp_minor, diff_minor, explanation, found_at)
    VALUES (?, ?, 'tax', NULL, ?, ?, ?, ?, 'bench', ?)`)
  for (let i = 0; i < n; i++) {
    const m = markets[i % markets.length]
    const id = `bench${String(i).padStart(12, '0')}`
    const at = new Date(from + Math.floor((i / n) * monthMs)).toISOString()
    const cancelled = i % 500 === 7
    let total = 0
    const values: number[] = []
    const qty = (l: number) => 1 + ((i + l) % 3)
    const unit = (l: number) => 1000 + ((i * 31 + l * 17) % 9000)
    for (let l = 0; l < LINES; l++) {
      values.push(unit(l) * qty(l))
      total += unit(l) * qty(l)
    }
    const tax = Math.round((total * Number(m.tax)) / (100 + Number(m.tax)))
    order.run(id, 100_000 + i, cancelled ? 'CANCELLED' : 'CONFIRMED', 1, m.name, m.country, m.currency, m.rate, at, total, tax, total, at, at)
    for (let l = 0; l < LINES; l++) line.run(id, l, `SKU-${(i + l) % 5000}`, qty(l), m.tax, unit(l), unit(l), values[l])
    const state = i % 1000 === 3 ? 'blocked' : i % 2000 === 5 ? 'failed' : i % 5000 === 9 ? 'sending' : cancelled ? 'withdrawn' : 'posted'
    const postedAt = state === 'posted' ? (i > n - n / 200 ? '2026-12-01T00:30:00.000Z' : at) : null
    posting.run(id, `WEB-${100_000 + i}`, state, state === 'posted' ? `SO${i}` : null, state === 'posted' ? total : null, at, at, postedAt)
    if (state !== 'posted' || i % 3000 === 11) continue // a few posted but never read back
    const mismatch = i % 997 === 0
    const rounding = !mismatch && i % 50 === 1
    const erpTax = tax + (mismatch ? 150 : rounding ? 1 : 0)
    doc.run(`doc-${i}`, id, `SO${i}`, `WEB-${100_000 + i}`, m.currency, total - erpTax, erpTax, total + (mismatch ? 150 : 0), LINES, postedAt)
    for (let l = 0; l < LINES; l++) {
      const lt = Math.round((values[l] * Number(m.tax)) / (100 + Number(m.tax)))
      docLine.run(`doc-${i}`, (l + 1) * 10000, String(1 + ((i + l) % 3)), m.tax, values[l] - lt, lt, values[l], lt)
    }
    if (mismatch) variance.run(id, 'mismatch', m.currency, tax, erpTax, erpTax - tax, postedAt)
    if (rounding) variance.run(id, 'rounding', m.currency, tax, erpTax, 1, postedAt)
  }
})
db.exec('ANALYZE')
console.log(`seeded ${n.toLocaleString('en-GB')} orders, ${(n * LINES).toLocaleString('en-GB')} lines and their ERP documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const ctx = { repos, clock: () => now } as unknown as HandlerContext
const h = reconciliationHandlers
const period = '2026-11'

async function time<T>(label: string, fn: () => T | Promise<T>, describe: (r: T) => string): Promise<T> {
  const s = performance.now()
  const result = await fn()
  const ms = performance.now() - s
  console.log(`${label.padEnd(44)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(6)} ms   ${describe(result)}`)
  return result
}

// The Overview's month-end card asks for the status each time the Overview opens: it must not
// work the summary out again. Before any summary it has no figures; after, the kept ones.
await time('Overview card status (before any summary)', () => h['reconciliation.status']({ period }, ctx), (s) => `${s.status}, figures ${s.lastSummary ? 'kept' : 'not worked out yet'}`)
const summary = await time('summary (totals, variance by cause, checks)', () => h['reconciliation.summary']({ period }, ctx), (s) =>
  `${s.byCurrency.map((r) => `${r.currency} ${r.centraCount}`).join(', ')}; ${s.causes.map((c) => `${c.cause} ${c.count}`).join(', ')}; ${s.checks.map((c) => `${c.id} ${c.passed ? 'ok' : c.offenders}`).join(', ')}`,
)
await time('Overview card status (after the summary)', () => h['reconciliation.status']({ period }, ctx), (s) =>
  `${s.status}, ${s.lastSummary!.undecided} undecided, ${s.lastSummary!.failedChecks.length} of ${s.lastSummary!.checks} checks fail, as of ${s.lastSummary!.at}`,
)
// The Overview's figures open the orders behind them, paged in SQL over the same 200 000 orders.
const d = dashboardHandlers
await time('Overview: Blocked orders, first page', () => d['dashboard.heldOrders']({ limit: 50, offset: 0 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('Overview: Orders synced, first page', () => d['dashboard.orders']({ which: 'synced', limit: 50, offset: 0 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('Overview: Posted to ERP, first page', () => d['dashboard.orders']({ which: 'posted', limit: 50, offset: 0 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('Overview: Posted to ERP, page at 100 000', () => d['dashboard.orders']({ which: 'posted', limit: 50, offset: 100_000 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('summary again (warm)', () => h['reconciliation.summary']({ period }, ctx), (s) => `${s.blockers.length} blockers`)
await time('items: rounding, page at offset 3 000', () => h['reconciliation.items']({ period, topic: 'rounding', undecidedOnly: false, limit: 50, offset: 3000 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('items: everything, first page', () => h['reconciliation.items']({ period, undecidedOnly: false, limit: 50, offset: 0 }, ctx), (r) => `${r.rows.length} of ${r.total}`)
await time('accept every rounding item', () => h['reconciliation.accept']({ period, topic: 'rounding', note: 'bench', actor: 'bench' }, ctx), (r) => `${r.decided} decided`)
const exportDir = join(dir, 'exports')
await time('export XLSX evidence pack', () => h['reconciliation.export']({ period, format: 'xlsx', directory: exportDir }, ctx), (r) => r.files.join(', '))
if (summary.byCurrency.length !== markets.length) throw new Error('expected one row per currency')

db.close()
rmSync(dir, { recursive: true, force: true })
