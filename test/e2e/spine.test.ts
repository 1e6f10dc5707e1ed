/**
 * The first vertical slice, driven through the real UI in Chromium against browser mode on
 * the demo workspace: dashboard with demo data, Sync now with progress, the unmapped-SKU
 * exception, and Cancel stopping a slow sync cleanly.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useDemoApp, type RunningApp } from '../helpers/browser-mode'

const demo = useDemoApp()
let app: RunningApp
let page: Page
beforeAll(() => {
  app = demo.app
  page = demo.page
})

function simOrigins(output: string): { centra: string; bc: string } {
  const centra = output.match(/Demo Centra simulator:\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1]
  const bc = output.match(/Demo Business Central:\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1]
  if (!centra || !bc) throw new Error(`simulator addresses not printed:\n${output}`)
  return { centra, bc }
}

async function admin(origin: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${origin}/__admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`admin ${path} answered ${res.status}: ${await res.text()}`)
}

const statNumber = async (testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ''))


describe('Instep in the browser on the demo workspace', () => {
  it('opens on a dashboard that already shows synced orders, open exceptions and the last sync', async () => {
    await page.getByTestId('stat-orders-synced').waitFor()
    await expect.poll(() => statNumber('stat-orders-synced'), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await statNumber('stat-orders-posted')).toBeGreaterThan(0)
    expect(await statNumber('stat-open-exceptions')).toBeGreaterThan(0)
    expect((await page.getByTestId('stat-last-sync').innerText()).length).toBeGreaterThan(0)
    // The address bar no longer carries the token once the page has read it.
    expect(page.url()).not.toContain('token=')
  })

  it('lists the exception the demo data provokes on purpose: a SKU with no ERP item', async () => {
    await page.getByTestId('nav-exceptions').click()
    await page.getByTestId('exceptions-table').waitFor()
    const row = page.getByTestId('exception-row').filter({ hasText: /has no ERP item/ })
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await row.first().click()
    await expect.poll(() => page.getByText(/matches no ERP item/).first().isVisible()).toBe(true)
    await page.keyboard.press('Escape')
  })

  it('runs Sync now with a live progress bar and completes with the new orders posted', async () => {
    const { centra, bc } = simOrigins(app.output())
    await page.getByTestId('nav-overview').click()
    const postedBefore = await statNumber('stat-orders-posted')
    await admin(centra, 'orders', { count: 12 })
    await admin(bc, 'faults', { spec: 'latency:120' }) // slow enough to watch the bar move
    await page.getByTestId('sync-now').click()
    await page.getByTestId('sync-progress').waitFor({ timeout: 15_000 })
    await expect.poll(async () => Number(await page.getByTestId('sync-progress').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('sync-status').innerText(), { timeout: 60_000 }).toMatch(/Succeeded|Completed/)
    await admin(bc, 'faults', { spec: '' })
    await expect.poll(() => statNumber('stat-orders-posted'), { timeout: 10_000 }).toBeGreaterThanOrEqual(postedBefore + 11)
  })

  it('cancels a slow sync cleanly and a later sync finishes the work', async () => {
    const { centra, bc } = simOrigins(app.output())
    await admin(centra, 'orders', { count: 40 })
    await admin(bc, 'faults', { spec: 'latency:250' })
    await page.getByTestId('sync-now').click()
    await expect.poll(async () => Number(await page.getByTestId('sync-progress').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0)
    await page.getByTestId('sync-cancel').click()
    await expect.poll(() => page.getByTestId('sync-status').innerText(), { timeout: 30_000 }).toMatch(/Cancelled/)
    const postedAfterCancel = await statNumber('stat-orders-posted')
    await admin(bc, 'faults', { spec: '' })
    await page.getByTestId('sync-now').click()
    await expect.poll(() => page.getByTestId('sync-status').innerText(), { timeout: 60_000 }).toMatch(/Succeeded|Completed/)
    await expect.poll(() => statNumber('stat-orders-posted'), { timeout: 10_000 }).toBeGreaterThan(postedAfterCancel)
  })
})
