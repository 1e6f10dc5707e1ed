import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { syncedNovember } from '../helpers/synced-november'
import type { TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('opening an exported evidence pack', () => {
  it('shows every sheet of the workbook as exported, read-only, and the same view from its CSV file', async () => {
    t = await syncedNovember()
    const period = '2026-11'
    const summary = await t.call('reconciliation.summary', { period })
    const dir = join(t.ws.dir, 'exports')
    const [xlsx] = (await t.call('reconciliation.export', { period, format: 'xlsx', directory: dir })).files
    const pack = await t.call('reconciliation.openPack', { path: xlsx, maxRows: 1 })
    expect(pack.sheets.map((s) => s.name)).toEqual(['Summary', 'By market', 'By currency', 'By tax rate', 'Variances', 'Checks', 'Returns', 'Audit'])
    const byCurrency = pack.sheets.find((s) => s.name === 'By currency')!
    expect(byCurrency.columns.slice(0, 3)).toEqual(['Currency code', 'Currency', 'Centra orders'])
    expect(byCurrency.totalRows).toBe(summary.byCurrency.length)
    expect(byCurrency.rows).toHaveLength(1) // only as many as asked for
    expect(byCurrency.rows[0].slice(0, 3)).toEqual([summary.byCurrency[0].key, summary.byCurrency[0].currency, summary.byCurrency[0].centraCount])

    const csvFiles = (await t.call('reconciliation.export', { period, format: 'csv', directory: dir })).files
    const csv = csvFiles.find((f) => f.includes('by-currency'))!
    const fromCsv = await t.call('reconciliation.openPack', { path: csv, maxRows: 200 })
    expect(fromCsv.sheets).toHaveLength(1)
    expect(fromCsv.sheets[0].totalRows).toBe(summary.byCurrency.length)
    expect(fromCsv.sheets[0].columns).toEqual(byCurrency.columns)
    // nothing about the period changed by looking
    expect((await t.call('reconciliation.summary', { period })).audit).toEqual(summary.audit)
  })

  it('says plainly what is wrong with a path that is not a pack', async () => {
    t = await syncedNovember()
    const bad = join(t.ws.dir, 'not-a-workbook.xlsx')
    writeFileSync(bad, 'plain text')
    const cases: [string, string, RegExp][] = [
      ['exports/pack.xlsx', 'invalid_input', /full path/],
      [join(t.ws.dir, 'missing.xlsx'), 'not_found', /no file at/],
      [join(t.ws.dir, 'instep.workspace.json'), 'invalid_input', /not an evidence pack/],
      [bad, 'invalid_input', /could not be read as an Excel workbook/],
    ]
    for (const [path, code, message] of cases) {
      expect(await t.core.dispatch('reconciliation.openPack', { path })).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } })
    }
  })
})
