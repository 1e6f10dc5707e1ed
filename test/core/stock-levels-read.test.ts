/**
 * The stock job's whole-table reads (last levels, SKU mapping) come back in chunks of 100 000
 * rows; these prove nothing is lost or mixed up across a chunk's edge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos, type Repos } from '../../src/main/core/db/repos'

let dir: string
let repos: Repos
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'instep-stock-read-'))
  repos = createRepos(openDatabase(join(dir, 'instep.db')))
})
afterEach(() => {
  repos.db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('reading the stock tables whole', () => {
  it('reads every last ERP and pushed level, with none where nothing was read or pushed', () => {
    const n = 70_000 // 70 000 + 35 000 rows: more than one chunk
    const at = '2026-11-01T00:00:00.000Z'
    repos.tx(() => {
      repos.stock.setErpLevels(Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, warehouseId: 1, erpQty: i % 37 })))
      for (let i = 0; i < n; i++) repos.stock.markDone(0, { sku: `SKU-${i}`, warehouseId: 1, afterQty: i % 41 }, { applied: true, stockChangeIds: [], error: null }, at)
      // the last rows written: warehouse 2, an ERP level for even sizes, a pushed level only for odd ones
      for (let i = 0; i < n; i += 2) repos.stock.setErpLevels([{ sku: `SKU-${i}`, warehouseId: 2, erpQty: i % 5 }])
      for (let i = 1; i < n; i += 2) repos.stock.markDone(0, { sku: `SKU-${i}`, warehouseId: 2, afterQty: 3 }, { applied: true, stockChangeIds: [], error: null }, at)
    })
    const last = repos.stock.lastBySku()
    expect(last.size).toBe(n)
    const [one, two] = [last.column(1), last.column(2)]
    for (const i of [0, 1, 2, 33_333, 34_999, 35_000, 69_998, n - 1]) {
      const row = last.row(`SKU-${i}`)
      expect([i, last.erpAt(row, one), last.pushedAt(row, one)]).toEqual([i, i % 37, i % 41])
      expect([i, last.erpAt(row, two), last.pushedAt(row, two)]).toEqual(i % 2 === 0 ? [i, i % 5, NaN] : [i, NaN, 3])
    }
    expect(last.row('SKU-unknown')).toBe(-1)
  })

  it('reads the whole SKU mapping: one SKU per item as itself, several as a list even across chunks, variants apart', () => {
    const ins = repos.db.prepare(`INSERT INTO sku_map (sku, erp_item_number, erp_variant_code, origin, matched_by, updated_at) VALUES (?, ?, ?, 'manual', 'manual', '2026-01-01')`)
    repos.tx(() => {
      ins.run('DUP-A', 'DUP', null)
      for (let i = 0; i < 100_000; i++) ins.run(`SKU-${i}`, `I-${i}`, null)
      ins.run('TEE-M', 'TEE', 'M')
      ins.run('DUP-B', 'DUP', null)
    })
    const byItem = repos.stock.skusByItem()
    expect(byItem.size).toBe(100_002)
    expect(byItem.get('DUP')).toEqual(['DUP-A', 'DUP-B'])
    expect(byItem.get('I-0')).toBe('SKU-0')
    expect(byItem.get('I-99999')).toBe('SKU-99999')
    expect(byItem.get('TEE\u0000M')).toBe('TEE-M')
    expect(byItem.get('TEE')).toBeUndefined()
  })
})
