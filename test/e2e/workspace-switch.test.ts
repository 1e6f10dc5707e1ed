/**
 * Switching workspace in browser mode, as a user does it: the header lists the other workspaces
 * on this computer, one that cannot open says why and nothing changes, and opening a good one
 * reloads the screens on it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDemoApp } from '../helpers/browser-mode'

const demo = useDemoApp()

describe('workspace switcher', () => {
  it('refuses a folder that is not a workspace, then opens another workspace in place of the demo', async () => {
    const { page, app } = demo
    // In these tests INSTEP_HOME is the demo's folder, so it is also the workspaces folder.
    const config = JSON.parse(readFileSync(join(app.workspaceDir, 'instep.workspace.json'), 'utf8')) as Record<string, unknown>
    const second = join(app.workspaceDir, 'second-store')
    mkdirSync(second)
    writeFileSync(join(second, 'instep.workspace.json'), JSON.stringify({ ...config, name: 'Second store', demo: false }, null, 2))

    await expect.poll(() => page.getByTestId('workspace-name').innerText(), { timeout: 15_000 }).not.toBe('')
    const before = await page.getByTestId('workspace-name').innerText()
    await page.getByTestId('workspace-switcher').click()
    const option = page.getByTestId('workspace-option').filter({ hasText: 'Second store' })
    await option.waitFor()

    await page.getByTestId('workspace-path').fill(join(app.workspaceDir, 'no-such-folder'))
    await page.getByTestId('workspace-path-open').click()
    await expect.poll(() => page.getByTestId('workspace-switch-error').innerText(), { timeout: 10_000 }).toMatch(/cannot be opened: .*You are still in/)
    expect(await page.getByTestId('workspace-name').innerText()).toBe(before)

    await option.getByRole('button', { name: 'Open' }).click()
    await expect.poll(() => page.getByTestId('workspace-name').innerText(), { timeout: 20_000 }).toBe('Second store')
    await expect.poll(() => page.getByTestId('demo-badge').count()).toBe(0)
    expect(app.output()).toContain(`Workspace: ${second}`)
  })
})
