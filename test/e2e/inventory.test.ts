/**
 * The Stock & drift screen in Chromium on the demo workspace, which at first start sweeps stock,
 * runs quick updates with stock moving in the simulated ERP and two sizes corrected by hand in
 * Centra, and finally meets a half-finished ERP stock count that the guardrail holds.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useDemoApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let page: Page
beforeAll(() => {
  page = demo.page
})

const number = async (testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''))

describe('Stock & drift', () => {
  it('shows the held push, worst drift now and the lists from the last run', async () => {
    await page.getByTestId('nav-stock').click()
    const held = page.getByTestId('held-pushes')
    await held.waitFor({ timeout: 15_000 })
    expect(await held.innerText()).toMatch(/would drop to zero/)
    await page.getByTestId('drift-held-note').waitFor()
    await expect.poll(() => number('drift-sizes'), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await number('drift-units')).toBeGreaterThanOrEqual(await number('drift-sizes'))
    expect(await page.getByTestId('drift-row').count()).toBeGreaterThan(0)
    expect(await number('list-hand-edited-count')).toBeGreaterThanOrEqual(2)
    expect(await page.getByTestId('list-hand-edited').innerText()).toMatch(/set to \d+, now \d+/)
    expect(await number('list-without-erp-count')).toBeGreaterThan(0)
  })

  it('draws the store drift over time and one SKU’s history', async () => {
    await page.getByTestId('drift-trend').locator('svg').first().waitFor()
    await page.getByTestId('drift-row').first().click()
    const history = page.getByTestId('sku-history')
    await history.waitFor()
    await history.locator('svg').first().waitFor({ timeout: 10_000 })
    expect(await history.innerText()).toMatch(/ERP .*Centra .*drift/)
  })

  it('approves the held push: nothing is waiting for review any more', async () => {
    await page.getByTestId('held-pushes').getByRole('button', { name: 'Approve' }).first().click()
    await page.getByTestId('held-none').waitFor({ timeout: 10_000 })
    await expect.poll(() => page.getByTestId('drift-held-note').count(), { timeout: 10_000 }).toBe(0)
  })
})
