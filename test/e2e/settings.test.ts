/**
 * Settings in Chromium on the demo workspace, running on its schedule like a real installation:
 * test the connections, replace a credential without ever seeing it again, and change a schedule
 * and a tolerance that are in force at once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useDemoApp, type RunningApp } from '../helpers/browser-mode'

const demo = useDemoApp([], { schedule: true })
let app: RunningApp
let page: Page
beforeAll(() => {
  app = demo.app
  page = demo.page
})

const workspaceFile = () => JSON.parse(readFileSync(join(app.workspaceDir, 'instep.workspace.json'), 'utf8'))
const ordersHealth = () => page.locator('[data-testid="job-health-row"][data-job="orders"]')

async function openSettings(): Promise<void> {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-centra').waitFor()
}

describe('Settings', () => {
  it('asks for a name before anything can be saved', async () => {
    await openSettings()
    expect(await page.getByTestId('settings-schedule-save').isDisabled()).toBe(true)
    await page.getByTestId('actor-name').fill('Maja Operations')
    await page.getByTestId('actor-save').click()
    await expect.poll(() => page.getByTestId('settings-schedule-save').isDisabled()).toBe(false)
  })

  it('tests each connection and says what works', async () => {
    await page.getByTestId('connection-test-centra').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Working')
    await page.getByTestId('connection-test-erp').click()
    await expect.poll(() => page.getByTestId('connection-business-central-status').innerText(), { timeout: 30_000 }).toBe('Working')
  })

  it('replaces the Centra token: a wrong one is reported, the right one works again, and neither is ever shown', async () => {
    const secrets = JSON.parse(readFileSync(join(app.workspaceDir, 'secrets.json'), 'utf8')) as Record<string, string>
    const good = secrets['demo.centra.token']
    await page.getByTestId('centra-token-value').fill('a-wrong-token-123456')
    await page.getByTestId('settings-centra-save').click()
    await expect.poll(() => page.getByTestId('settings-centra-result').innerText(), { timeout: 10_000 }).toMatch(/^Saved/)
    expect(await page.getByTestId('centra-token-value').inputValue()).toBe('')
    expect(await page.getByTestId('centra-token-state').innerText()).toBe('Set')
    await page.getByTestId('connection-test-centra').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Needs attention')
    expect(await page.getByTestId('settings-centra').getByTestId('connection-test-results').innerText()).toMatch(/token/i)

    await page.getByTestId('centra-token-value').fill(good)
    await page.getByTestId('settings-centra-save').click()
    await expect.poll(() => page.getByTestId('settings-centra-result').innerText(), { timeout: 10_000 }).toMatch(/^Saved/)
    await page.getByTestId('connection-test-centra').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Working')
    const html = await page.content()
    expect(html).not.toContain(good)
    expect(html).not.toContain('a-wrong-token-123456')
    expect(JSON.stringify(workspaceFile())).not.toContain(good)
  })

  it('refuses a schedule out of range in plain words, then applies a new interval at once', async () => {
    await page.getByTestId('schedule-orders-every').fill('5000')
    await page.getByTestId('settings-schedule-save').click()
    await expect
      .poll(() => page.getByTestId('settings-schedule-result').innerText(), { timeout: 10_000 })
      .toBe('Order sync: “runs every” must be at most 1440 minutes.')
    expect(workspaceFile().schedule.ordersEveryMinutes).toBe(5)

    await page.getByTestId('schedule-orders-every').fill('45')
    await page.getByTestId('schedule-orders-stale').fill('120')
    await page.getByTestId('settings-schedule-save').click()
    await expect.poll(() => page.getByTestId('settings-schedule-result').innerText(), { timeout: 10_000 }).toMatch(/^Saved/)
    expect(workspaceFile().schedule).toMatchObject({ ordersEveryMinutes: 45, ordersStaleAfterMinutes: 120 })

    // In force without a restart: the Overview's next order sync is now about 45 minutes away.
    await page.getByTestId('nav-overview').click()
    await ordersHealth().waitFor()
    await expect.poll(() => ordersHealth().innerText(), { timeout: 15_000 }).toMatch(/in (44|45) minutes/)
  })

  it('changes a rounding tolerance; it is saved, shown again and listed in the recent changes', async () => {
    await openSettings()
    await page.getByTestId('tolerance-order').fill('7')
    await page.getByTestId('settings-tolerances-save').click()
    await expect.poll(() => page.getByTestId('settings-tolerances-result').innerText(), { timeout: 10_000 }).toMatch(/^Saved/)
    expect(workspaceFile().orders.varianceTolerance).toEqual({ perLineMinor: 1, perOrderMinor: 7 })

    // Leave the screen and come back: the form reads the saved value afresh.
    await page.getByTestId('nav-overview').click()
    await ordersHealth().waitFor()
    await openSettings()
    await expect.poll(() => page.getByTestId('tolerance-order').inputValue(), { timeout: 10_000 }).toBe('7')
    const history = await page.getByTestId('settings-history-list').innerText()
    expect(history).toContain('orders.varianceTolerance.perOrderMinor: 2 → 7')
    expect(history).toContain('schedule.ordersEveryMinutes: 5 → 45')
    expect(history).toContain('Maja Operations')
    expect(history).toContain('Centra API token replaced')
  })
})
