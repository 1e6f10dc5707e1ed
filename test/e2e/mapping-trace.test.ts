/**
 * Ecommerce fixes the demo's unmapped SKU from the Mapping screen, retries from the offer, and
 * the held-back order reaches the ERP; CX follows that order in Order trace before and after.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useDemoApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let page: Page
beforeAll(() => {
  page = demo.page
})
let blockedOrder = ''
let blockingSku = ''

const statNumber = async (testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ''))

async function trace(number: string) {
  await page.getByTestId('nav-trace').click()
  await page.getByTestId('trace-search').fill(number)
  await page.getByTestId('trace-go').click()
  await page.getByTestId('trace-summary').waitFor({ timeout: 10_000 })
}


describe('Mapping and order trace in the browser on the demo workspace', () => {
  it('traces an order held back by the unmapped SKU to its exception', async () => {
    await page.getByTestId('nav-exceptions').click()
    const row = page.getByTestId('exception-row').filter({ hasText: /has no ERP item/ })
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await row.first().click()
    const firstOrder = page.getByTestId('affected-orders').locator('tbody tr td').first()
    await firstOrder.waitFor()
    blockedOrder = (await firstOrder.innerText()).trim()
    await page.keyboard.press('Escape')

    await trace(blockedOrder)
    const summary = await page.getByTestId('trace-summary').innerText()
    expect(summary).toMatch(/not in the ERP yet: SKU \S+ has no ERP item/)
    blockingSku = summary.match(/SKU (\S+) has no ERP item/)![1]
    expect(await page.getByTestId('trace-exception').filter({ hasText: /has no ERP item/ }).count()).toBe(1)
    expect(await page.getByTestId('trace-posting-state').getAttribute('data-state')).toBe('blocked')
    expect(await page.getByTestId('trace-shipments').innerText()).toContain('Not shipped yet')
  })

  it('shows the unmapped SKU, maps it to an existing ERP item, and the retry offer posts the orders it held back', async () => {
    await page.getByTestId('nav-overview').click()
    await expect.poll(() => statNumber('stat-open-exceptions'), { timeout: 10_000 }).toBeGreaterThan(0)
    const openBefore = await statNumber('stat-open-exceptions')

    await page.getByTestId('nav-mapping').click()
    await page.getByTestId('sku-filter').getByText(/^Not mapped/).click()
    const unmapped = page.locator('[data-testid="sku-row"][data-status="unmapped"]')
    await expect.poll(() => unmapped.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    const sku = blockingSku
    expect(await unmapped.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sku')))).toContain(sku)
    await page.getByTestId(`map-sku-${sku}`).click()
    await page.getByTestId('map-sku-modal').waitFor()
    const option = page.locator('[data-testid^="item-option-"]').first()
    await option.waitFor({ timeout: 10_000 })
    const itemNumber = (await option.getAttribute('data-testid'))!.replace('item-option-', '')
    await option.click()
    await expect.poll(() => page.getByTestId('item-search').inputValue()).toBe(itemNumber)
    await page.getByTestId('save-mapping').click()

    await page.getByTestId('mapping-result').waitFor()
    expect(await page.getByTestId('mapping-result').innerText()).toContain(`SKU ${sku} now maps to ERP item ${itemNumber}`)
    expect(await page.getByTestId('retry-offer-text').innerText()).toMatch(/This unblocks \d+ orders?/)
    await page.getByTestId('retry-offer').click()
    await page.getByTestId('retry-started').waitFor({ timeout: 10_000 })
    await expect.poll(() => page.locator(`[data-testid="sku-row"][data-sku="${sku}"]`).count(), { timeout: 10_000 }).toBe(0) // left the "not mapped" list

    await page.getByTestId('nav-overview').click()
    await expect.poll(() => statNumber('stat-open-exceptions'), { timeout: 30_000 }).toBeLessThan(openBefore)
  })

  it('traces the released order to its ERP number', async () => {
    await expect
      .poll(
        async () => {
          await trace(blockedOrder)
          return page.getByTestId('trace-summary').innerText()
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toMatch(/^This order is in the ERP as \S+ since .+\. Not shipped yet\.|^This order is in the ERP as \S+ since .+\. Shipped/)
    const erpNumber = await page.getByTestId('trace-erp-number').innerText()
    expect(erpNumber.length).toBeGreaterThan(0)
    expect(await page.getByTestId('trace-summary').innerText()).toContain(erpNumber)
    expect(await page.getByTestId('trace-posting-state').getAttribute('data-state')).toBe('posted')
    expect(await page.getByTestId('trace-exception').filter({ hasText: /has no ERP item/ }).getAttribute('data-status')).toBe('resolved')
  })
})
