/** Settings → Connections in Chromium: test the connections, replace a credential, never see it again. */
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useDemoApp, type RunningApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let app: RunningApp
let page: Page
beforeAll(() => {
  app = demo.app
  page = demo.page
})


describe('Settings → Connections', () => {
  it('tests the connections and says what works', async () => {
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('connection-facts').waitFor()
    await page.getByTestId('connection-test').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Working')
    expect(await page.getByTestId('connection-business-central-status').innerText()).toBe('Working')
  })

  it('replaces the Centra token: a wrong one is reported, the right one works again, and neither is ever shown', async () => {
    const good = JSON.parse(readFileSync(join(app.workspaceDir, 'secrets.json'), 'utf8'))['demo.centra.token'] as string
    await page.getByTestId('secret-value').fill('a-wrong-token-123456')
    await page.getByTestId('secret-save').click()
    await expect.poll(() => page.getByTestId('secret-result').innerText(), { timeout: 10_000 }).toMatch(/^Saved/)
    await page.getByTestId('connection-test').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Needs attention')
    expect(await page.getByTestId('connection-test-results').innerText()).toMatch(/token/i)

    await page.getByTestId('secret-value').fill(good)
    await page.getByTestId('secret-save').click()
    await page.getByTestId('connection-test').click()
    await expect.poll(() => page.getByTestId('connection-centra-status').innerText(), { timeout: 30_000 }).toBe('Working')
    const html = await page.content()
    expect(html).not.toContain(good)
    expect(html).not.toContain('a-wrong-token-123456')
  })
})
