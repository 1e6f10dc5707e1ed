import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { KnownWorkspace } from '@shared/contract'
import { WorkspaceSwitcher } from '../../src/renderer/src/app/WorkspaceSwitcher'
import { createFakeTransport, FakeError } from './fake-transport'
import { renderWithApi } from './render'

const ws = (dir: string, name: string, over: Partial<KnownWorkspace> = {}): KnownWorkspace => ({
  dir,
  name,
  demo: false,
  current: false,
  lastOpenedAt: null,
  problem: null,
  ...over,
})

function fakeCore() {
  return createFakeTransport({
    'system.workspaces': () => ({
      workspacesRoot: '/home/a/Instep/workspaces',
      switchable: true,
      workspaces: [
        ws('/w/nordic', 'Nordic store', { current: true }),
        ws('/w/us', 'US store', { lastOpenedAt: new Date().toISOString() }),
        ws('/w/broken', 'broken', { problem: 'The workspace file is not valid JSON' }),
      ],
    }),
    'system.openWorkspace': ({ dir }) => {
      if (dir === '/w/us') return { dir, name: 'US store' }
      throw new FakeError({ code: 'unavailable', message: `The workspace at ${dir} could not be opened: no such folder. You are still in "Nordic store".`, retryable: false })
    },
  })
}

describe('workspace switcher', () => {
  it('lists the other workspaces, opens one and reloads the screens on it', async () => {
    const fake = fakeCore()
    const reload = vi.fn()
    renderWithApi(<WorkspaceSwitcher name="Nordic store" reload={reload} />, fake)
    expect(screen.getByTestId('workspace-name').textContent).toBe('Nordic store')
    fireEvent.click(screen.getByTestId('workspace-switcher'))
    const rows = await screen.findAllByTestId('workspace-option')
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('US store'), expect.stringContaining('not valid JSON')])
    // a workspace that cannot open is not offered
    expect((rows[1].querySelector('button') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(rows[0].querySelector('button')!)
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1))
    expect(fake.callsOf('system.openWorkspace')).toEqual([{ dir: '/w/us' }])
  })

  it('says why a folder could not be opened and stays where it is', async () => {
    const fake = fakeCore()
    const reload = vi.fn()
    renderWithApi(<WorkspaceSwitcher name="Nordic store" reload={reload} />, fake)
    fireEvent.click(screen.getByTestId('workspace-switcher'))
    await screen.findAllByTestId('workspace-option')
    fireEvent.change(screen.getByTestId('workspace-path'), { target: { value: '/nowhere' } })
    fireEvent.click(screen.getByTestId('workspace-path-open'))
    expect((await screen.findByTestId('workspace-switch-error')).textContent).toMatch(/could not be opened: no such folder\. You are still in "Nordic store"/)
    expect(reload).not.toHaveBeenCalled()
    expect(screen.getByTestId('workspace-name').textContent).toBe('Nordic store')
  })
})
