import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreStatus, InstepBridge } from '@shared/bridge'
import { createBridgeTransport } from '../../src/renderer/src/api'
import { App } from '../../src/renderer/src/app/App'
import { createFakeTransport } from './fake-transport'

const info = {
  appVersion: '0.1.0',
  workspaceName: 'Acme Nordics',
  workspaceDir: '/tmp/w',
  demo: true,
  mode: 'browser' as const,
  schemaVersion: 2,
  erpKind: 'business-central' as const,
}

function workingCore() {
  return createFakeTransport({
    'system.info': () => info,
    'dashboard.summary': () => ({
      ordersSynced: 1234,
      ordersPosted: 1200,
      ordersBlocked: 4,
      ordersWithRounding: 0,
      ordersWithMismatch: 0,
      openExceptions: 3,
      openExceptionsByTeam: { finance: 1, operations: 0, ecommerce: 2, cx: 0 },
      lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      offlineSince: null,
      lastRunStatus: 'succeeded',
      runningRunId: null,
    }),
    'sync.listRuns': () => [],
    'exceptions.list': () => ({ rows: [], total: 0 }),
  })
}

afterEach(() => {
  delete window.instep
})

describe('App shell', () => {
  it('shows the workspace, the demo badge and the headline numbers', async () => {
    render(<App transport={workingCore()} mantineEnv="test" />)
    expect((await screen.findByTestId('workspace-name')).textContent).toBe('Acme Nordics')
    expect(screen.getByTestId('demo-badge').textContent).toBe('Demo workspace')
    expect((await screen.findByTestId('stat-orders-synced')).textContent).toBe('1,234')
    expect(screen.getByTestId('stat-orders-posted').textContent).toBe('1,200')
    expect(screen.getByTestId('stat-open-exceptions').textContent).toBe('3')
    expect(screen.getByTestId('stat-last-sync').textContent).toBe('5 minutes ago')
    expect(screen.getByText('No syncs have run yet. Use Sync now to run the first one.')).toBeTruthy()
  })

  it('moves between screens from the navbar', async () => {
    render(<App transport={workingCore()} mantineEnv="test" />)
    fireEvent.click(screen.getByTestId('nav-exceptions'))
    expect(await screen.findByTestId('exceptions-empty')).toBeTruthy()
    expect(screen.getByTestId('nav-exceptions').getAttribute('aria-current')).toBe('page')
    fireEvent.click(screen.getByTestId('nav-overview'))
    expect(await screen.findByTestId('sync-now')).toBeTruthy()
    fireEvent.click(await screen.findByRole('button', { name: 'See exceptions' }))
    expect(await screen.findByTestId('exceptions-empty')).toBeTruthy()
  })

  it('shows a calm banner while reconnecting and refreshes once back', async () => {
    const core = workingCore()
    render(<App transport={core} mantineEnv="test" />)
    await screen.findByTestId('stat-orders-synced')
    const before = core.callsOf('dashboard.summary').length
    act(() => core.setLink({ state: 'reconnecting', attempt: 1 }))
    expect(screen.getByTestId('reconnecting').textContent).toMatch(/Reconnecting to Instep…/)
    act(() => core.setLink({ state: 'ready' }))
    expect(screen.queryByTestId('reconnecting')).toBeNull()
    await waitFor(() => expect(core.callsOf('dashboard.summary').length).toBeGreaterThan(before))
  })

  it('browser mode: a failed connection shows the error screen with what to do', () => {
    const core = createFakeTransport()
    core.setLink({ state: 'failed', message: 'Instep could not be reached at this address.' })
    render(<App transport={core} mantineEnv="test" />)
    const screenEl = screen.getByTestId('core-error')
    expect(screenEl.textContent).toMatch(/Instep could not be reached/)
    expect(screenEl.textContent).toMatch(/instep serve/)
  })

  it("Electron: the engine's failure to start shows the error screen with its message", () => {
    let report: (status: CoreStatus) => void = () => {}
    const bridge: InstepBridge = {
      call: () => new Promise(() => {}),
      on(event, listener) {
        if (event === 'core.status') {
          report = listener as (status: CoreStatus) => void
          report({ state: 'starting' })
        }
        return () => {}
      },
    }
    window.instep = bridge
    render(<App transport={createBridgeTransport(bridge)} mantineEnv="test" />)
    expect(screen.queryByTestId('core-error')).toBeNull()
    act(() => report({ state: 'failed', message: 'The database file is locked by another program.' }))
    const el = screen.getByTestId('core-error')
    expect(el.textContent).toMatch(/Instep's engine could not start/)
    expect(el.textContent).toMatch(/The database file is locked by another program./)
  })
})
