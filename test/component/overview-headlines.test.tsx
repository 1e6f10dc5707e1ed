import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ReconStatus } from '@shared/contract'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { HeadlineCards } from '../../src/renderer/src/features/dashboard/HeadlineCards'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

// The month-end card reads the period's status and the figures its last summary found.
const status: ReconStatus = {
  period: new Date().toISOString().slice(0, 7),
  status: 'open',
  signedOffBy: null,
  signedOffAt: null,
  lastSummary: {
    at: new Date().toISOString(),
    undecided: 9,
    checks: 2,
    failedChecks: [{ id: 'check_stuck', label: 'Nothing stuck in posting', offenders: 2 }],
  },
}

describe('Overview headlines', () => {
  it("shows this month's month-end and the stock drift, each opening its screen", async () => {
    const navigate = vi.fn()
    const fake = createFakeTransport({
      'reconciliation.status': () => status,
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
    expect(fake.callsOf('reconciliation.status')).toEqual([{ period: new Date().toISOString().slice(0, 7) }])
    expect((await screen.findByTestId('overview-drift-total')).textContent).toBe('12 size(s) differ, 31 unit(s) apart')
    expect(screen.getByTestId('overview-drift').textContent).toMatch(/risk of overselling.*Worst: HO1012BLKXL — Centra 9, ERP 2/)
    fireEvent.click(screen.getByTestId('overview-open-month-end'))
    fireEvent.click(screen.getByTestId('overview-open-stock'))
    expect(navigate.mock.calls).toEqual([['reconciliation'], ['stock']])
  })

  it('says so when no stock sync has run yet', async () => {
    const fake = createFakeTransport({
      'reconciliation.status': () => ({ ...status, lastSummary: { ...status.lastSummary!, undecided: 0, failedChecks: [] } }),
      'inventory.drift': () => ({ takenAt: null, rows: [], total: 0, units: 0, oversell: { sizes: 0, units: 0 } }),
    })
    renderWithApi(<HeadlineCards />, fake)
    expect(await screen.findByText('No stock sync has run yet.')).toBeTruthy()
    expect((await screen.findByTestId('overview-month-end-variances')).textContent).toBe('No variance left to explain or accept')
  })
})
