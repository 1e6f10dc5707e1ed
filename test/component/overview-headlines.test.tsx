import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ReconSummary } from '@shared/contract'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { HeadlineCards } from '../../src/renderer/src/features/dashboard/HeadlineCards'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

// Only the parts of the month-end summary the card reads.
const summary = {
  status: 'open',
  causes: [
    { cause: 'missing_in_erp', label: 'Missing in the ERP', count: 3, undecided: 3 },
    { cause: 'rounding', label: 'Rounding within tolerance', count: 9, undecided: 6 },
  ],
  checks: [
    { id: 'check_accounted', label: 'Every Centra order is posted or held by an open exception', passed: true, offenders: 0, unexplained: 0, sample: [] },
    { id: 'check_stuck', label: 'Nothing stuck in posting', passed: false, offenders: 2, unexplained: 2, sample: [] },
  ],
} as unknown as ReconSummary

describe('Overview headlines', () => {
  it("shows this month's month-end and the stock drift, each opening its screen", async () => {
    const navigate = vi.fn()
    const fake = createFakeTransport({
      'reconciliation.summary': () => summary,
      'inventory.drift': () => ({
        takenAt: new Date().toISOString(),
        rows: [{ sku: 'HO1012BLKXL', warehouseId: 0, erpQty: 2, centraQty: 9, drift: 7 }],
        total: 12,
        units: 31,
        oversell: { sizes: 4, units: 18 },
      }),
    })
    renderWithApi(
      <NavigationContext.Provider value={navigate}>
        <HeadlineCards />
      </NavigationContext.Provider>,
      fake,
    )
    expect((await screen.findByTestId('overview-month-end-variances')).textContent).toBe('9 variance item(s) to explain or accept')
    expect(screen.getByTestId('overview-month-end-checks').textContent).toBe('1 of 2 in-step checks fail: Nothing stuck in posting')
    expect(fake.callsOf('reconciliation.summary')).toEqual([{ period: new Date().toISOString().slice(0, 7) }])
    expect((await screen.findByTestId('overview-drift-total')).textContent).toBe('12 size(s) differ, 31 unit(s) apart')
    expect(screen.getByTestId('overview-drift').textContent).toMatch(/risk of overselling.*Worst: HO1012BLKXL — Centra 9, ERP 2/)
    fireEvent.click(screen.getByTestId('overview-open-month-end'))
    fireEvent.click(screen.getByTestId('overview-open-stock'))
    expect(navigate.mock.calls).toEqual([['reconciliation'], ['stock']])
  })

  it('says so when no stock sync has run yet', async () => {
    const fake = createFakeTransport({
      'reconciliation.summary': () => ({ ...summary, causes: [], checks: [] }) as unknown as ReconSummary,
      'inventory.drift': () => ({ takenAt: null, rows: [], total: 0, units: 0, oversell: { sizes: 0, units: 0 } }),
    })
    renderWithApi(<HeadlineCards />, fake)
    expect(await screen.findByText('No stock sync has run yet.')).toBeTruthy()
    expect((await screen.findByTestId('overview-month-end-variances')).textContent).toBe('No variance left to explain or accept')
  })
})
