/** Month-end in Chromium on the demo workspace: see the totals, accept the variances, sign off, export the workbook. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useDemoApp, type RunningApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let app: RunningApp
let page: Page
const exportDir = mkdtempSync(join(tmpdir(), 'instep-recon-export-'))

beforeAll(() => {
  app = demo.app
  page = demo.page
})
afterAll(() => rmSync(exportDir, { recursive: true, force: true }))

describe('Month-end', () => {
  it('shows the current month, accepts every variance, signs off and exports a workbook that opens', async () => {
    await page.getByTestId('nav-reconciliation').click()
    await page.getByTestId('recon-totals-currency').waitFor()
    // the demo has orders in the current month
    await expect.poll(() => page.getByTestId('recon-totals-currency-row').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await page.getByTestId('recon-status').innerText()).toBe('Open')
    expect(await page.getByTestId('recon-base').innerText()).toMatch(/in EUR, each order converted at its own Centra conversion rate/)
    await page.getByTestId('recon-variance-chart').waitFor()
    // returns are shown beside the variances (the demo makes a few; whether one falls in this month depends on the day)
    await page.getByTestId('recon-returns').waitFor()
    expect(await page.getByTestId('recon-returns').innerText()).toMatch(/not posted: finance credits them in the ERP/)

    await page.getByTestId('recon-actor').fill('Fiona Finance')
    await page.getByTestId('recon-note').fill('Reviewed at month-end')

    // drill into the first cause that has orders
    const drill = page.locator('[data-testid^="recon-drill-"]:enabled').first()
    if (await drill.count()) {
      await drill.click()
      await expect.poll(() => page.getByTestId('recon-item').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    }

    // accept every open cause and failed check, one after the other
    for (let i = 0; i < 12; i++) {
      const next = page.locator('[data-testid^="recon-accept-"]:enabled').first()
      if ((await next.count()) === 0) break
      const testId = await next.getAttribute('data-testid')
      await next.click()
      await expect.poll(() => page.locator(`[data-testid="${testId}"]:enabled`).count(), { timeout: 10_000 }).toBe(0)
    }

    await expect.poll(() => page.getByTestId('recon-signoff').isEnabled(), { timeout: 10_000 }).toBe(true)
    await page.getByTestId('recon-signoff').click()
    await expect.poll(() => page.getByTestId('recon-status').innerText(), { timeout: 10_000 }).toBe('Signed off by Fiona Finance')
    const hash = await page.getByTestId('recon-hash').innerText()
    expect(hash).toMatch(/^[0-9a-f]{64}$/)

    // the export folder defaults to the workspace's exports folder
    expect(await page.getByTestId('recon-export-dir').inputValue()).toBe(join(app.workspaceDir, 'exports'))
    await page.getByTestId('recon-export-dir').fill(exportDir)
    await page.getByTestId('recon-export-xlsx').click()
    await expect.poll(() => page.getByTestId('recon-export-result').innerText(), { timeout: 15_000 }).toMatch(/^Saved: /)
    const file = (await page.getByTestId('recon-export-result').innerText()).replace(/^Saved: /, '').trim()
    expect(file.startsWith(exportDir)).toBe(true)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By market', 'By currency', 'By tax rate', 'Variances', 'Checks', 'Returns', 'Audit'])
    const summary = Object.fromEntries((wb.getWorksheet('Summary')!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2]]))
    expect(summary).toMatchObject({ Status: 'Signed off', 'Signed off by': 'Fiona Finance', 'Audit hash': hash })
    expect(wb.getWorksheet('By currency')!.rowCount).toBeGreaterThan(1)

    // an ERP export file with one document nobody ordered
    const exportFile = join(exportDir, 'bc-export.csv')
    writeFileSync(exportFile, 'Document No,External Document No,Document Date,Currency Code,Total Excl Tax,Total Tax,Total Incl Tax\nSO-X,MANUAL-1,2026-11-02,EUR,8.00,2.00,10.00\n')
    await page.getByTestId('recon-file-path').fill(exportFile)
    await page.getByTestId('recon-file-compare').click()
    await expect.poll(() => page.getByTestId('recon-file-extra').innerText(), { timeout: 10_000 }).toBe('Documents with no order of this month: 1: SO-X')

    // locked until reopened with a reason
    await page.getByTestId('recon-reopen-reason').fill('Late credit note')
    await page.getByTestId('recon-reopen').click()
    await expect.poll(() => page.getByTestId('recon-status').innerText(), { timeout: 10_000 }).toBe('Open')
  })
})
