import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/core/db/open'

// Month-end reads each order's and ERP document's line totals from tables the database keeps
// (migration 015). Whatever happens to the lines, the kept totals must equal a fresh count.
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'instep-line-totals-'))
  dirs.push(dir)
  return openDatabase(join(dir, 'instep.db'))
}

function order(db: Db, id: string, n: number): void {
  db.prepare(`INSERT INTO centra_orders (centra_id, number, status, store_type, currency, conversion_rate, tax_mode, order_date, line_values_minor,
    discounts_minor, shipping_minor, handling_minor, tax_included_minor, tax_added_minor, tax_deducted_minor, grand_total_minor, content_hash, raw_json,
    first_seen_at, updated_at) VALUES (?, ?, 'CONFIRMED', 'DIRECT_TO_CONSUMER', 'EUR', '1', 'included', '2026-11-05T10:00:00.000Z', 0, 0, 0, 0, 0, 0, 0, 0, 'h', '{}', 'x', 'x')`).run(id, n)
}

function line(db: Db, orderId: string, lineId: number, kind: string, qty: number, tax: string, value: number): void {
  db.prepare(`INSERT INTO centra_order_lines (centra_order_id, line_id, kind, sku, product_number, size, quantity, cancelled_quantity, tax_percent,
    unit_price_minor, unit_original_price_minor, line_value_minor) VALUES (?, ?, ?, 'S', 'P', 'M', ?, 0, ?, 0, 0, ?)`).run(orderId, lineId, kind, qty, tax, value)
}

const KEPT = 'SELECT centra_order_id, tax_percent, bundle_items, n_plain, q_plain, n_bundle, q_bundle, value_minor FROM centra_order_line_totals ORDER BY 1, 2'
const FRESH = `SELECT centra_order_id, tax_percent, SUM(kind = 'bundleItem') AS bundle_items, SUM(kind <> 'bundle') AS n_plain,
  SUM(CASE WHEN kind <> 'bundle' THEN quantity ELSE 0 END) AS q_plain, SUM(kind = 'bundle') AS n_bundle,
  SUM(CASE WHEN kind = 'bundle' THEN quantity ELSE 0 END) AS q_bundle, SUM(CASE WHEN kind <> 'bundle' THEN line_value_minor ELSE 0 END) AS value_minor
  FROM centra_order_lines WHERE quantity > 0 GROUP BY 1, 2 ORDER BY 1, 2`

describe('line totals kept for month-end', () => {
  it('follow order lines through inserts, quantity and rate changes, removal and a deleted order', () => {
    const db = freshDb()
    order(db, 'a', 1)
    order(db, 'b', 2)
    line(db, 'a', 1, 'product', 2, '25', 2000)
    line(db, 'a', 2, 'bundle', 1, '25', 5000)
    line(db, 'a', 3, 'bundleItem', 1, '25', 5000)
    line(db, 'a', 4, 'product', 1, '12', 800)
    line(db, 'b', 1, 'product', 3, '25', 3000)
    expect(db.prepare(KEPT).all()).toEqual(db.prepare(FRESH).all())
    expect(db.prepare(KEPT).all()).toHaveLength(3)

    db.prepare("UPDATE centra_order_lines SET tax_percent = '12', quantity = 4 WHERE centra_order_id = 'a' AND line_id = 1").run()
    db.prepare("UPDATE centra_order_lines SET quantity = 0 WHERE centra_order_id = 'b' AND line_id = 1").run()
    expect(db.prepare(KEPT).all()).toEqual(db.prepare(FRESH).all())
    // an order whose only line is cancelled to zero has no totals row, as a fresh count has none
    expect(db.prepare("SELECT COUNT(*) AS n FROM centra_order_line_totals WHERE centra_order_id = 'b'").get()).toEqual({ n: 0 })

    db.prepare("DELETE FROM centra_order_lines WHERE centra_order_id = 'a' AND line_id = 4").run()
    expect(db.prepare(KEPT).all()).toEqual(db.prepare(FRESH).all())
    db.prepare("DELETE FROM centra_order_lines WHERE centra_order_id = 'a'").run()
    expect(db.prepare(KEPT).all()).toEqual([])
    db.close()
  })

  it('follow ERP item lines with decimal quantities exactly, ignoring other line kinds', () => {
    const db = freshDb()
    order(db, 'a', 1)
    db.prepare(`INSERT INTO erp_documents (id, centra_order_id, number, external_document_number, document_type, currency, total_excl_tax_minor,
      total_tax_minor, total_incl_tax_minor, line_count, read_at) VALUES ('d1', 'a', 'SO1', 'WEB-1', 'salesOrder', 'EUR', 0, 0, 0, 3, 'x')`).run()
    const add = db.prepare(`INSERT INTO erp_document_lines (document_id, sequence, kind, number, quantity, tax_percent, amount_excl_tax_minor, tax_minor,
      amount_incl_tax_minor, net_tax_minor) VALUES ('d1', ?, ?, 'I', ?, '25', 0, ?, ?, 0)`)
    add.run(10000, 'item', '0.1', 20, 100)
    add.run(20000, 'item', '0.2', 40, 200)
    add.run(30000, 'charge', '1', 99, 999)
    const kept = () => db.prepare('SELECT document_id, tax_percent, n, q, total_minor, tax_minor FROM erp_document_item_totals').all()
    expect(kept()).toEqual([{ document_id: 'd1', tax_percent: '25', n: 2, q: 0.30000000000000004, total_minor: 300, tax_minor: 60 }])
    db.prepare("UPDATE erp_document_lines SET quantity = '1.5' WHERE sequence = 20000").run()
    db.prepare('DELETE FROM erp_document_lines WHERE sequence = 10000').run()
    // recomputed from the remaining line, not 0.3 - 0.2 + 1.5 - 0.1
    expect(kept()).toEqual([{ document_id: 'd1', tax_percent: '25', n: 1, q: 1.5, total_minor: 200, tax_minor: 40 }])
    db.prepare("DELETE FROM erp_documents WHERE id = 'd1'").run()
    expect(kept()).toEqual([])
    db.close()
  })
})
