/**
 * Settings on a computer without a keyring: the screen says so, warns when a credential is typed,
 * sends the person's consent only when given, and forgets the typed value once it is submitted.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MethodInput, SettingsView } from '@shared/contract'
import { SettingsPage } from '../../src/renderer/src/features/settings/SettingsPage'
import { createFakeTransport, FakeError } from './fake-transport'
import { renderWithApi } from './render'

const view: SettingsView = {
  centra: { url: 'https://shop.example.com/graphql', timeoutMs: 30_000, token: { set: true, source: 'store', name: 'centra.token', problem: null } },
  erp: {
    kind: 'business-central',
    baseUrl: 'https://bc.example.com/api/v2.0',
    tokenUrl: 'https://login.example.com/token',
    companyId: null,
    companyName: 'CRONUS',
    clientId: 'app-1',
    timeoutMs: 60_000,
    clientSecret: { set: false, source: 'environment', name: 'BC_CLIENT_SECRET', problem: 'The Business Central client secret is expected in the environment variable BC_CLIENT_SECRET, which is not set.' },
  },
  schedule: [{ job: 'orders', everyMinutes: 5, staleAfterMinutes: 60 }],
  tolerances: { perLineMinor: 1, perOrderMinor: 2 },
  charges: { shippingAccount: '6110', handlingAccount: null, shippingLineType: 'account', handlingLineType: 'account' },
  taxCodes: [],
  taxCodesByMarket: [],
  teams: [],
}

const WEAK = 'No keyring (such as GNOME Keyring or KWallet) is running, so secrets could only be stored obfuscated, not encrypted.'

function fakeCore() {
  return createFakeTransport({
    'settings.get': () => view,
    'settings.history': () => [],
    'connections.secretStorage': () => ({ protection: 'weak', message: WEAK }),
    'monitoring.alertSettings': () => ({ desktop: { finance: true, operations: true, ecommerce: true, cx: false } }),
    'settings.setCentra': (input: MethodInput<'settings.setCentra'>) => {
      if (input.token && !input.allowWeakStorage) throw new FakeError({ code: 'invalid_input', message: 'This computer has no keyring … Nothing was saved.', retryable: false })
      return view
    },
  })
}

beforeEach(() => localStorage.setItem('instep.actorName', 'Maja'))

describe('Settings without a keyring', () => {
  it('says how secrets are kept here and which credential is missing, without any value', async () => {
    renderWithApi(<SettingsPage />, fakeCore())
    expect((await screen.findByTestId('secret-storage')).textContent).toMatch('No keyring')
    expect((await screen.findByTestId('centra-token-state')).textContent).toBe('Set')
    expect(screen.getByTestId('bc-secret-state').textContent).toBe('Not set')
    screen.getByText(/environment variable BC_CLIENT_SECRET, which is not set/)
  })

  it('warns when a credential is typed, sends consent only when ticked, and empties the field on every submit', async () => {
    const core = fakeCore()
    renderWithApi(<SettingsPage />, core)
    const section = within(await screen.findByTestId('settings-centra'))
    const field = () => screen.getByTestId('centra-token-value') as HTMLInputElement

    fireEvent.change(field(), { target: { value: 'typed-token-0001' } })
    expect(section.getByTestId('secret-storage-warning').textContent).toMatch(/environment variable/)
    fireEvent.click(section.getByTestId('settings-centra-save'))
    await waitFor(() => expect(section.getByTestId('settings-centra-result').textContent).toMatch('Nothing was saved'))
    expect(core.callsOf('settings.setCentra')[0]).toMatchObject({ token: 'typed-token-0001', allowWeakStorage: false })
    expect(field().value).toBe('')

    fireEvent.change(field(), { target: { value: 'typed-token-0002' } })
    fireEvent.click(section.getByTestId('secret-allow-weak'))
    fireEvent.click(section.getByTestId('settings-centra-save'))
    await waitFor(() => expect(section.getByTestId('settings-centra-result').textContent).toMatch(/^Saved/))
    expect(core.callsOf('settings.setCentra')[1]).toMatchObject({ token: 'typed-token-0002', allowWeakStorage: true })
    expect(field().value).toBe('')
    expect(document.body.innerHTML).not.toContain('typed-token-000')
  })

  it('leaves the stored token alone when the field is empty', async () => {
    const core = fakeCore()
    renderWithApi(<SettingsPage />, core)
    const section = within(await screen.findByTestId('settings-centra'))
    fireEvent.click(section.getByTestId('settings-centra-save'))
    await waitFor(() => expect(core.callsOf('settings.setCentra')).toHaveLength(1))
    expect(core.callsOf('settings.setCentra')[0]).toEqual({ actor: 'Maja', url: 'https://shop.example.com/graphql', timeoutMs: 30_000 })
  })
})
