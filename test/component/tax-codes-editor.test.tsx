/**
 * The tax code editor: the table for all markets, or a market's own picked from the markets orders
 * and settings name, with the rates that market's orders use and the code for all markets each
 * falls back to; saving sends the market's table only.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MethodInput, SettingsView } from '@shared/contract'
import { TaxCodesEditor } from '../../src/renderer/src/features/settings/TaxCodesEditor'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const view = {
  taxCodes: [{ ratePercent: '25', code: 'VAT25' }],
  taxCodesByMarket: [{ market: 'United States', codes: [{ ratePercent: '8.875', code: 'US-NY' }] }],
} as SettingsView

function fakeCore() {
  return createFakeTransport({
    'settings.get': () => view,
    'settings.setTaxCodes': () => view,
    'mapping.taxCodes': (input: MethodInput<'mapping.taxCodes'>) => ({
      rows:
        input.market === 'Germany'
          ? [
              { ratePercent: '19', erpTaxCode: null, fallbackCode: null, orderLines: 12 },
              { ratePercent: '25', erpTaxCode: null, fallbackCode: 'VAT25', orderLines: 2 },
            ]
          : [{ ratePercent: '25', erpTaxCode: 'VAT25', fallbackCode: null, orderLines: 40 }],
      markets: [
        { market: 'Germany', orderLines: 14, ownCodes: 0 },
        { market: 'United States', orderLines: 9, ownCodes: 1 },
      ],
    }),
  })
}

const rates = () => screen.getAllByTestId('tax-rate').map((e) => (e as HTMLInputElement).value)
const codes = () => screen.getAllByTestId('tax-code').map((e) => (e as HTMLInputElement).value)

beforeEach(() => localStorage.clear())

describe('TaxCodesEditor', () => {
  it('edits the codes for all markets by default and saves them without a market', async () => {
    const core = fakeCore()
    renderWithApi(<TaxCodesEditor actor="Lena" />, core)
    await waitFor(() => expect(rates()).toEqual(['25']))
    expect(codes()).toEqual(['VAT25'])
    fireEvent.click(screen.getByTestId('tax-save'))
    await waitFor(() => expect(core.callsOf('settings.setTaxCodes')).toHaveLength(1))
    expect(core.callsOf('settings.setTaxCodes')[0]).toEqual({ actor: 'Lena', codes: [{ ratePercent: '25', code: 'VAT25' }] })
  })

  it("shows a market's rates with the code for all markets they fall back to, and saves that market's own table", async () => {
    const core = fakeCore()
    renderWithApi(<TaxCodesEditor actor="Lena" />, core)
    await waitFor(() => expect(rates()).toEqual(['25']))
    fireEvent.click(screen.getByTestId('tax-market'))
    expect(screen.getByRole('option', { name: 'United States — own codes' })).toBeTruthy()
    fireEvent.click(await screen.findByRole('option', { name: 'Germany — codes for all markets' }))

    await waitFor(() => expect(rates()).toEqual(['19', '25']))
    expect(codes()).toEqual(['', ''])
    expect(screen.getAllByTestId('tax-fallback').map((e) => e.textContent)).toEqual(['—', 'VAT25'])
    screen.getByText('Order lines in Germany')
    fireEvent.change(screen.getAllByTestId('tax-code')[0], { target: { value: 'DE19' } })
    fireEvent.click(screen.getByTestId('tax-save'))
    await waitFor(() => expect(core.callsOf('settings.setTaxCodes')).toHaveLength(1))
    expect(core.callsOf('settings.setTaxCodes')[0]).toEqual({ actor: 'Lena', market: 'Germany', codes: [{ ratePercent: '19', code: 'DE19' }] })
    expect(core.callsOf('mapping.taxCodes').at(-1)).toEqual({ market: 'Germany' })
  })
})
