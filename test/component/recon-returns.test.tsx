import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ReconSummary, ReturnedOrder } from '@shared/contract'
import { ReturnsSection } from '../../src/renderer/src/features/reconciliation/ReturnsSection'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const returns: ReconSummary['returns'] = {
  label: 'Returns made in Centra this month (not posted: finance credits them in the ERP)',
  byMarket: [
    { key: 'Germany', currency: 'EUR', returns: 1, orders: 1, units: 1, valueMinor: 9999 },
    { key: 'Sweden', currency: 'SEK', returns: 2, orders: 1, units: 2, valueMinor: 23690 },
  ],
  byCurrency: [
    { key: 'EUR', currency: 'EUR', returns: 1, orders: 1, units: 1, valueMinor: 9999 },
    { key: 'SEK', currency: 'SEK', returns: 2, orders: 1, units: 2, valueMinor: 23690 },
  ],
}
const summary = { period: '2026-11', returns } as ReconSummary

const order = (n: number): ReturnedOrder => ({
  orderNumber: n,
  market: 'Sweden',
  currency: 'SEK',
  orderDate: '2026-11-01T00:00:00.000Z',
  orderTotalMinor: 24690,
  erpNumber: `SO${n}`,
  erpTotalMinor: 24690,
  returns: 1,
  units: 1,
  returnedMinor: 12345,
  netAfterReturnsMinor: 12345,
})

describe('Month-end returns card', () => {
  it('shows returns per market and currency, then each order with its net after returns, paged', async () => {
    const all = Array.from({ length: 30 }, (_, i) => order(1000 + i))
    const fake = createFakeTransport({ 'reconciliation.returns': ({ limit = 50, offset = 0 }) => ({ rows: all.slice(offset, offset + limit), total: all.length }) })
    renderWithApi(<ReturnsSection s={summary} />, fake)
    const rows = screen.getAllByTestId('recon-returns-row').map((r) => r.textContent)
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatch(/^Germany \(EUR\).*99\.99 EUR$/)
    expect(rows[1]).toMatch(/^Sweden \(SEK\).*236\.90 SEK$/)
    expect(rows[3]).toMatch(/^All markets in SEK.*236\.90 SEK$/)
    await waitFor(() => expect(screen.getAllByTestId('recon-returns-order')).toHaveLength(25))
    expect(screen.getAllByTestId('recon-returns-order')[0].textContent).toContain('SO1000')
    expect(screen.getAllByTestId('recon-returns-order')[0].textContent).toContain('123.45 SEK')
    fireEvent.click(screen.getByRole('button', { name: '2' }))
    await waitFor(() => expect(screen.getAllByTestId('recon-returns-order')).toHaveLength(5))
    expect(fake.callsOf('reconciliation.returns').at(-1)).toEqual({ period: '2026-11', limit: 25, offset: 25 })
  })

  it('says so when no returns were made in the month', () => {
    renderWithApi(<ReturnsSection s={{ ...summary, returns: { ...returns, byMarket: [], byCurrency: [] } }} />, createFakeTransport({ 'reconciliation.returns': () => ({ rows: [], total: 0 }) }))
    expect(screen.getByTestId('recon-returns-none').textContent).toBe('No returns were made in Centra this month.')
  })
})
