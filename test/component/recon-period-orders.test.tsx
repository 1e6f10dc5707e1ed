import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PeriodOrder } from '@shared/contract'
import { PeriodOrders } from '../../src/renderer/src/features/reconciliation/PeriodOrders'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const order = (n: number, over: Partial<PeriodOrder> = {}): PeriodOrder => ({
  orderNumber: n,
  status: 'CONFIRMED',
  market: 'Sweden',
  currency: 'SEK',
  centraMinor: 10_000,
  posting: 'posted',
  erpNumber: `SO${n}`,
  erpMinor: 10_000,
  ...over,
})

describe('orders behind a totals line', () => {
  it('lists them with both sides and the difference, pages through them, and marks the cancelled ones', async () => {
    const all = [order(1), order(2, { erpMinor: 9_950 }), order(3, { status: 'CANCELLED', erpNumber: null, erpMinor: null, posting: 'withdrawn' }), ...Array.from({ length: 60 }, (_, i) => order(10 + i))]
    const fake = createFakeTransport({
      'reconciliation.orders': ({ limit = 50, offset = 0 }) => ({ rows: all.slice(offset, offset + limit), total: all.length }),
    })
    renderWithApi(<PeriodOrders period="2026-11" drill={{ title: 'Orders of Sweden (SEK)', market: 'Sweden', currency: 'SEK' }} onClose={() => {}} />, fake)
    expect((await screen.findByTestId('recon-orders-total')).textContent).toMatch(/^63 orders/)
    const rows = screen.getAllByTestId('recon-order-row')
    expect(rows).toHaveLength(50)
    expect(rows[1].textContent).toMatch(/-0\.50/)
    expect(within(rows[2]).getByText('Cancelled')).toBeTruthy()
    expect(rows[2].textContent).toMatch(/not in the ERP \(withdrawn\)/)
    expect(fake.callsOf('reconciliation.orders')[0]).toEqual({ period: '2026-11', market: 'Sweden', currency: 'SEK', limit: 50, offset: 0 })
    fireEvent.click(within(screen.getByTestId('recon-orders-pages')).getByRole('button', { name: '2' }))
    await waitFor(() => expect(screen.getAllByTestId('recon-order-row')).toHaveLength(13))
    expect(fake.callsOf('reconciliation.orders').at(-1)).toMatchObject({ offset: 50 })
  })
})
