/**
 * The exceptions workbench and monitoring in Chromium on the demo workspace: the Overview shows
 * job health and a trend chart; the Exceptions screen filters by team, opens the drawer, takes a
 * note and an acknowledgement, and ignores a bulk selection with a reason; alert settings toggle;
 * Overview figures open the rows behind them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useDemoApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let page: Page
beforeAll(() => {
  page = demo.page
})


describe('Exceptions workbench and monitoring', () => {
  it('shows the health of each sync job and a trend chart on the Overview', async () => {
    await page.getByTestId('job-health').waitFor()
    await expect.poll(() => page.getByTestId('job-health-row').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await page.getByTestId('job-health-row').first().innerText()).toMatch(/Orders/)
    await page.getByTestId('trend-chart').locator('svg').first().waitFor()
    expect(await page.getByTestId('stat-throughput').innerText()).toMatch(/orders\/min/)
  })

  it('toggles desktop notifications for a team', async () => {
    const cx = page.getByTestId('alert-setting-cx')
    await expect.poll(() => cx.isEnabled(), { timeout: 10_000 }).toBe(true)
    const before = await cx.isChecked()
    await cx.dispatchEvent('click') // the switch follows the saved setting, so it flips once the core answers
    await expect.poll(() => cx.isChecked(), { timeout: 10_000 }).toBe(!before)
    await page.reload()
    await expect.poll(() => page.getByTestId('alert-setting-cx').isChecked(), { timeout: 15_000 }).toBe(!before)
  })

  it('filters by team, opens the drawer, adds a note and acknowledges', async () => {
    await page.getByTestId('nav-exceptions').click()
    await page.getByTestId('actor-name').fill('Eva (ecommerce)')
    await page.getByTestId('actor-save').click()
    await page.getByTestId('filter-team-ecommerce').dispatchEvent('click')
    const row = page.getByTestId('exception-row').filter({ hasText: /has no ERP item/ })
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await page.getByTestId('exception-row').filter({ hasNotText: /Ecommerce/ }).count()).toBe(0)
    await row.first().click()
    await page.getByTestId('exception-detail').waitFor()
    await page.getByTestId('note-input').fill('Asked the ERP team to create the item')
    await page.getByTestId('note-add').click()
    await expect.poll(() => page.getByTestId('exception-drawer').innerText(), { timeout: 10_000 }).toMatch(/Asked the ERP team to create the item/)
    await page.getByTestId('action-acknowledge').click()
    await expect.poll(() => page.getByTestId('exception-drawer').innerText(), { timeout: 10_000 }).toMatch(/Someone is on it/)
    await page.keyboard.press('Escape')
  })

  it('selects exceptions and ignores them with a reason after confirming the count', async () => {
    const row = page.getByTestId('exception-row').filter({ hasText: /has no ERP item/ }).first()
    await row.getByTestId('exception-select').dispatchEvent('click')
    await expect.poll(() => page.getByTestId('selected-count').innerText()).toBe('1 selected')
    await page.getByTestId('bulk-ignore').click()
    expect(await page.getByTestId('bulk-count').innerText()).toMatch(/1 exception\b/)
    await page.getByTestId('bulk-reason').fill('Known sample SKU, handled by hand')
    await page.getByTestId('bulk-confirm-button').click()
    await expect.poll(() => page.getByTestId('bulk-result').innerText(), { timeout: 10_000 }).toMatch(/1 of 1 changed/)
    await page.getByTestId('filter-status-ignored').dispatchEvent('click')
    const ignored = page.getByTestId('exception-row').filter({ hasText: /Ignored/ })
    await expect.poll(() => ignored.count(), { timeout: 10_000 }).toBeGreaterThan(0)
  })

  it('opens the rows behind Overview figures: Blocked lists as many orders as it counts; a trend day opens Exceptions filtered to it', async () => {
    await page.getByTestId('nav-overview').click()
    const figure = page.getByTestId('stat-orders-blocked')
    await figure.waitFor()
    const blocked = Number((await figure.innerText()).replace(/\D/g, ''))
    await figure.click()
    const held = page.getByTestId('held-orders')
    await expect.poll(() => held.getByTestId('held-orders-total').count(), { timeout: 15_000 }).toBe(1)
    expect(await held.getByTestId('held-order-row').count()).toBe(Math.min(blocked, 50))
    if (blocked > 0) expect(await held.getByTestId('held-orders-total').innerText()).toMatch(new RegExp(`^${blocked.toLocaleString('en-GB')} orders? (is|are) not in the ERP`))
    await page.keyboard.press('Escape')

    // a click on a chart's day opens that day
    await page.getByTestId('trend-chart').locator('svg.recharts-surface').first().click()
    await expect.poll(() => page.getByTestId('trend-day-totals').count(), { timeout: 10_000 }).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('trend-day-totals').count(), { timeout: 10_000 }).toBe(0)

    await page.getByTestId('trend-open-day').click()
    await page.getByRole('option').first().click() // newest first: today, when the demo opened its exceptions
    const opened = page.getByTestId('trend-day-opened')
    await opened.waitFor()
    const count = Number((await opened.innerText()).split(' ')[0].replace(/\D/g, ''))
    expect(count).toBeGreaterThan(0)
    await opened.click()
    await page.getByTestId('filter-openedOn').waitFor()
    await expect.poll(() => page.getByTestId('exceptions-total').innerText(), { timeout: 15_000 }).toBe(`${count} exception${count === 1 ? '' : 's'} match`)
  })
})
