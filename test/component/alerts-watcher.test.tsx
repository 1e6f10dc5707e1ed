import { act, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '@shared/contract'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { AlertsWatcher } from '../../src/renderer/src/features/monitoring/AlertsWatcher'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const alert = (key: string, over: Partial<Alert> = {}): Alert => ({
  key,
  kind: 'exception',
  team: 'ecommerce',
  title: `Alert ${key}`,
  detail: 'Map it, then retry.',
  at: new Date().toISOString(),
  exceptionId: 7,
  runId: null,
  desktop: true,
  ...over,
})

function setup(desktopShell = false) {
  const fake = createFakeTransport({})
  const navigate = vi.fn()
  renderWithApi(
    <NavigationContext.Provider value={navigate}>
      <AlertsWatcher desktopShell={desktopShell} />
    </NavigationContext.Provider>,
    fake,
  )
  return { fake, navigate }
}

class FakeNotification {
  static permission: NotificationPermission = 'granted'
  static requestPermission = vi.fn(async () => FakeNotification.permission)
  static made: FakeNotification[] = []
  onclick: (() => void) | null = null
  closed = false
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this)
  }
  close() {
    this.closed = true
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  FakeNotification.made = []
  FakeNotification.requestPermission.mockClear()
  localStorage.clear()
})

describe('alerts pushed by the core', () => {
  it('become browser notifications when allowed; a click opens the screen behind the alert', () => {
    FakeNotification.permission = 'granted'
    vi.stubGlobal('Notification', FakeNotification)
    const { fake, navigate } = setup()
    act(() => fake.emit('alerts.raised', { alerts: [alert('a'), alert('b', { kind: 'stock_held', team: 'operations' })] }))
    expect(FakeNotification.made.map((n) => [n.title, n.options.tag])).toEqual([
      ['Alert a', 'a'],
      ['Alert b', 'b'],
    ])
    act(() => FakeNotification.made[1].onclick!())
    expect(navigate).toHaveBeenCalledWith('stock')
    expect(FakeNotification.made[1].closed).toBe(true)
    expect(screen.queryByTestId('in-app-alert')).toBeNull()
  })

  it('asks the browser once for permission and meanwhile shows the alert in the app, newest first', async () => {
    FakeNotification.permission = 'default'
    vi.stubGlobal('Notification', FakeNotification)
    const { fake, navigate } = setup()
    act(() => fake.emit('alerts.raised', { alerts: [alert('a'), alert('b', { kind: 'sync_failed', team: 'operations' })] }))
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1)
    expect(FakeNotification.made).toEqual([])
    expect(screen.getAllByTestId('in-app-alert').map((n) => n.textContent)).toEqual([
      expect.stringContaining('Alert b'),
      expect.stringContaining('Alert a'),
    ])
    act(() => fake.emit('alerts.raised', { alerts: [alert('c')] }))
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1) // not asked again
    expect(screen.getAllByTestId('in-app-alert')).toHaveLength(3)

    fireEvent.click(screen.getAllByText('Open')[1]) // "Alert b", a failed sync
    expect(navigate).toHaveBeenCalledWith('overview')
    expect(screen.getAllByTestId('in-app-alert')).toHaveLength(2)
  })

  it('shows alerts in the app when the browser has no notifications or they were refused', () => {
    FakeNotification.permission = 'denied'
    vi.stubGlobal('Notification', FakeNotification)
    const { fake } = setup()
    act(() => fake.emit('alerts.raised', { alerts: [alert('a')] }))
    expect(FakeNotification.made).toEqual([])
    expect(screen.getByTestId('in-app-alert').textContent).toMatch(/Alert a/)
    fireEvent.click(screen.getByLabelText('Dismiss alert'))
    expect(screen.queryByTestId('in-app-alert')).toBeNull()
  })

  it('stays quiet in the desktop app, where the system notifies, and follows a clicked notification there', () => {
    vi.stubGlobal('Notification', FakeNotification)
    const { fake, navigate } = setup(true)
    act(() => fake.emit('alerts.raised', { alerts: [alert('a')] }))
    expect(FakeNotification.made).toEqual([])
    expect(screen.queryByTestId('in-app-alert')).toBeNull()
    act(() => fake.emit('alerts.opened', { route: 'exceptions' }))
    expect(navigate).toHaveBeenCalledWith('exceptions')
  })
})
