/**
 * Business Central online is set up by tenant and environment: typing them fills in both
 * addresses, an address typed in full shows its tenant and environment, and other addresses
 * (on-premises, the simulator) are left as they are.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MethodInput, SettingsView } from '@shared/contract'
import { SettingsPage } from '../../src/renderer/src/features/settings/SettingsPage'
import { onlineAddresses, tenantAndEnvironment } from '../../src/renderer/src/features/settings/bc-addresses'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const view: SettingsView = {
  centra: { url: 'https://shop.example.com/graphql', timeoutMs: 30_000, token: { set: true, source: 'store', name: 'centra.token', problem: null } },
  erp: {
    kind: 'business-central',
    baseUrl: 'http://127.0.0.1:4010/v2.0/sim-tenant/Production/api/v2.0',
    tokenUrl: 'http://127.0.0.1:4010/sim-tenant/oauth2/v2.0/token',
    companyId: null,
    companyName: 'CRONUS',
    clientId: 'app-1',
    timeoutMs: 60_000,
    clientSecret: { set: true, source: 'store', name: 'erp.clientSecret', problem: null },
  },
  schedule: [{ job: 'orders', everyMinutes: 5, staleAfterMinutes: 60 }],
  tolerances: { perLineMinor: 1, perOrderMinor: 2 },
  charges: { shippingAccount: '6110', handlingAccount: null, shippingLineType: 'account', handlingLineType: 'account' },
  taxCodes: [],
  taxCodesByMarket: [],
  teams: [],
}

function fakeCore() {
  return createFakeTransport({
    'settings.get': () => view,
    'settings.history': () => [],
    'connections.secretStorage': () => ({ protection: 'file', message: 'Secrets are kept in a file readable by your user account only.' }),
    'monitoring.alertSettings': () => ({ desktop: { finance: true, operations: true, ecommerce: true, cx: false } }),
    'settings.setErp': (_input: MethodInput<'settings.setErp'>) => view,
  })
}

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value

beforeEach(() => localStorage.setItem('instep.actorName', 'Maja'))

describe('Business Central online addresses', () => {
  it('reads the tenant and environment from an online address and builds both addresses from them', () => {
    expect(tenantAndEnvironment('https://api.businesscentral.dynamics.com/v2.0/contoso.com/Sandbox-2/api/v2.0')).toEqual({ tenant: 'contoso.com', environment: 'Sandbox-2' })
    expect(tenantAndEnvironment('http://127.0.0.1:4010/v2.0/sim-tenant/Production/api/v2.0')).toBeNull()
    expect(onlineAddresses({ tenant: ' contoso.com ', environment: 'Production' })).toEqual({
      baseUrl: 'https://api.businesscentral.dynamics.com/v2.0/contoso.com/Production/api/v2.0',
      tokenUrl: 'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token',
    })
  })

  it('leaves other addresses alone, fills both in once tenant and environment are typed, and saves them', async () => {
    const core = fakeCore()
    renderWithApi(<SettingsPage />, core)
    const section = within(await screen.findByTestId('settings-erp'))
    expect(value('bc-tenant')).toBe('')
    expect(value('bc-base-url')).toBe(view.erp.kind === 'business-central' ? view.erp.baseUrl : '')

    fireEvent.change(screen.getByTestId('bc-tenant'), { target: { value: 'contoso.com' } })
    // one of the two is not enough: the addresses stay as they were
    expect(value('bc-base-url')).toMatch(/^http:\/\/127\.0\.0\.1/)
    fireEvent.change(screen.getByTestId('bc-environment'), { target: { value: 'Production' } })
    expect(value('bc-base-url')).toBe('https://api.businesscentral.dynamics.com/v2.0/contoso.com/Production/api/v2.0')
    expect(value('bc-token-url')).toBe('https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token')

    fireEvent.click(section.getByTestId('settings-erp-save'))
    await waitFor(() => expect(core.callsOf('settings.setErp')).toHaveLength(1))
    expect(core.callsOf('settings.setErp')[0].erp).toMatchObject({
      kind: 'business-central',
      baseUrl: 'https://api.businesscentral.dynamics.com/v2.0/contoso.com/Production/api/v2.0',
      tokenUrl: 'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token',
    })
  })

  it('shows the tenant and environment of an online API address typed in full', async () => {
    renderWithApi(<SettingsPage />, fakeCore())
    await screen.findByTestId('settings-erp')
    fireEvent.change(screen.getByTestId('bc-base-url'), { target: { value: 'https://api.businesscentral.dynamics.com/v2.0/fabrikam.onmicrosoft.com/Sandbox/api/v2.0' } })
    expect(value('bc-tenant')).toBe('fabrikam.onmicrosoft.com')
    expect(value('bc-environment')).toBe('Sandbox')
  })
})
