import ExcelJS from 'exceljs'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import { syncedNovember } from '../helpers/synced-november'
import type { TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('month-end evidence pack', () => {
  it('writes one XLSX workbook with a sheet per view whose totals match the summary, and never overwrites it', async () => {
    t = await syncedNovember()
    const period = '2026-11'
    await t.call('reconciliation.accept', { period, topic: 'missing_in_erp', actor: 'Fiona', note: 'SKU X pending' })
    await t.call('reconciliation.accept', { period, topic: 'rounding', actor: 'Fiona' })
    const signed = await t.call('reconciliation.signOff', { period, actor: 'Fiona' })
    const dir = join(t.ws.dir, 'exports', 'nested')
    const { files } = await t.call('reconciliation.export', { period, format: 'xlsx', directory: dir })
    expect(files).toEqual([join(dir, 'month-end-2026-11.xlsx')])

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(files[0])
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By market', 'By currency', 'By tax rate', 'Variances', 'Checks', 'Returns', 'Audit'])
    const byCurrency = wb.getWorksheet('By currency')!
    const rows = byCurrency.getSheetValues().slice(2) as unknown[][]
    const sek = rows.find((r) => r[2] === 'SEK')!
    const eur = rows.find((r) => r[2] === 'EUR')!
    expect(sek.slice(3, 10)).toEqual([2, 300, 60, 1, 200, 40, -100]) // order 2 (100 SEK) is missing in the ERP
    expect(eur.slice(3, 8)).toEqual([1, 103.32, 20.66, 1, 103.32])
    const summary = wb.getWorksheet('Summary')!
    const pairs = Object.fromEntries((summary.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2]]))
    expect(pairs).toMatchObject({ Period: period, Status: 'Signed off', 'Signed off by': 'Fiona', 'Audit hash': signed.hash })
    const variances = wb.getWorksheet('Variances')!.getSheetValues().slice(2) as unknown[][]
    expect(variances.some((r) => r[1] === 'Missing in the ERP' && r[2] === 2 && r[11] === 'accepted' && r[12] === 'SKU X pending')).toBe(true)
    const audit = wb.getWorksheet('Audit')!.getSheetValues().slice(2) as unknown[][]
    expect(audit.map((r) => r[2])).toEqual(['accept', 'accept', 'sign_off'])

    const again = await t.call('reconciliation.export', { period, format: 'xlsx', directory: dir })
    expect(again.files).toEqual([join(dir, 'month-end-2026-11-2.xlsx')])
  })

  it('writes one CSV per view and a PDF summary for the controller', async () => {
    t = await syncedNovember()
    const dir = join(t.ws.dir, 'out')
    const csv = await t.call('reconciliation.export', { period: '2026-11', format: 'csv', directory: dir })
    expect(csv.files.map((f) => f.slice(dir.length + 1))).toEqual(
      ['summary', 'by-market', 'by-currency', 'by-tax-rate', 'variances', 'checks', 'returns', 'audit'].map((v) => `month-end-2026-11-${v}.csv`),
    )
    expect(readFileSync(join(dir, 'month-end-2026-11-by-market.csv'), 'utf8')).toContain('Germany,EUR,1,103.32,20.66,1,103.32')
    const second = await t.call('reconciliation.export', { period: '2026-11', format: 'csv', directory: dir })
    expect(second.files[0]).toBe(join(dir, 'month-end-2026-11-2-summary.csv'))
    expect(readdirSync(dir)).toHaveLength(16)

    const { files } = await t.call('reconciliation.export', { period: '2026-11', format: 'pdf', directory: dir })
    const pdf = await PDFDocument.load(readFileSync(files[0]))
    expect(pdf.getTitle()).toBe('Month-end reconciliation 2026-11')
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1)

    await expect(t.call('reconciliation.export', { period: '2026-11', format: 'pdf', directory: 'relative/dir' })).rejects.toThrow(/full folder path/)
    expect(existsSync('relative')).toBe(false)
  })
})
