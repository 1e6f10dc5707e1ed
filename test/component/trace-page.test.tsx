import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { OrderTrace } from '@shared/contract'
import { TracePage } from '../../src/renderer/src/features/trace/TracePage'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const posted: OrderTrace = {
  order: {
    centraId: 'c1',
    number: 1042,
    status: 'CONFIRMED',
    orderDate: '2026-11-26T09:00:00.000Z',
    market: 'Sweden',
    country: 'SE',
    currency: 'SEK',
    conversionRate: '1',
    taxMode: 'included',
    customerName: 'Ann',
    lineValuesMinor: 20000,
    discountsMinor: 0,
    shippingMinor: 0,
    handlingMinor: 0,
    taxMinor: 4000,
    grandTotalMinor: 20000,
    firstSeenAt: '2026-11-26T09:05:00.000Z',
    updatedAt: '2026-11-26T09:05:00.000Z',
    lines: [{ lineId: 1, kind: 'product', sku: 'A', productName: 'Tee', quantity: 2, cancelledQuantity: 0, taxPercent: '25', unitPriceMinor: 10000, lineValueMinor: 20000, erpItemNumber: '1000' }],
  },
  posting: {
    state: 'posted',
    idempotencyKey: 'CENTRA-1042',
    attempts: 1,
    erpNumber: 'SO-1042',
    lastError: null,
    createdAt: '2026-11-26T09:05:00.000Z',
    updatedAt: '2026-11-26T10:32:00.000Z',
    postedAt: '2026-11-26T10:32:00.000Z',
    notBefore: null,
    plan: { lines: [{ kind: 'item', number: '1000', description: 'Tee', quantity: 2, unitPriceMinor: 10000, discountMinor: 0, taxPercent: '25', taxCode: null, expectedTaxMinor: 4000 }] },
  },
  erpDocument: null,
  variances: [],
  exceptions: [],
  shipments: [],
  returns: [],
  lag: { now: '2026-11-26T11:00:00.000Z', sincePlacedMinutes: 120, sinceChangedMinutes: 115, lastSuccessfulSyncAt: '2026-11-26T10:55:00.000Z', sinceLastSyncMinutes: 5 },
  summary: 'This order is in the ERP as SO-1042 since 2026-11-26 10:32 UTC. Not shipped yet.',
}

describe('Order trace page', () => {
  it('finds an order by number and tells where it is in plain words, with its ERP number, lag and the empty shipping slot', async () => {
    const fake = createFakeTransport({ 'trace.getOrder': ({ number }) => (number === 1042 ? posted : null) })
    renderWithApi(<TracePage />, fake)
    fireEvent.change(screen.getByTestId('trace-search'), { target: { value: '#1042' } })
    fireEvent.click(screen.getByTestId('trace-go'))
    await waitFor(() => expect(screen.getByTestId('trace-summary').textContent).toBe(posted.summary))
    expect(fake.callsOf('trace.getOrder')).toEqual([{ number: 1042 }])
    expect(screen.getByTestId('trace-erp-number').textContent).toBe('SO-1042')
    expect(screen.getByTestId('trace-last-sync').textContent).toBe('5 min ago')
    expect(screen.getByTestId('trace-shipments').textContent).toContain('Not shipped yet.')

    fireEvent.change(screen.getByTestId('trace-search'), { target: { value: '77' } })
    fireEvent.click(screen.getByTestId('trace-go'))
    await waitFor(() => expect(screen.getByTestId('trace-not-found').textContent).toContain('Instep has no Centra order 77'))
  })

  it('lists the order\'s returns, a deleted one marked, and says they are not sent to the ERP', async () => {
    const withReturns: OrderTrace = {
      ...posted,
      returns: [
        { returnId: '7', status: 'completed', createdAt: '2026-11-27T09:00:00.000Z', completedAt: '2026-11-27T10:00:00.000Z', deletedAt: null, currency: 'SEK', units: 1, linesMinor: 10000, shippingMinor: 4900, handlingMinor: 0, voucherMinor: 0, totalMinor: 14900, comment: 'Too small', lines: [{ sku: 'TEE-M', quantity: 1, valueMinor: 10000 }] },
        { returnId: '8', status: 'pending', createdAt: '2026-11-27T11:00:00.000Z', completedAt: null, deletedAt: '2026-11-27T12:00:00.000Z', currency: 'SEK', units: 1, linesMinor: 10000, shippingMinor: 0, handlingMinor: 0, voucherMinor: 0, totalMinor: 10000, comment: null, lines: [{ sku: 'TEE-M', quantity: 1, valueMinor: 10000 }] },
      ],
    }
    renderWithApi(<TracePage />, createFakeTransport({ 'trace.getOrder': () => withReturns }))
    fireEvent.change(screen.getByTestId('trace-search'), { target: { value: '1042' } })
    fireEvent.click(screen.getByTestId('trace-go'))
    await waitFor(() => expect(screen.getAllByTestId('trace-return')).toHaveLength(2))
    const [done, deleted] = screen.getAllByTestId('trace-return').map((e) => e.textContent ?? '')
    expect(done).toContain('Completed')
    expect(done).toMatch(/Return 7: 1 unit\(s\) worth 149\.00 SEK/)
    expect(done).toContain('1 × TEE-M')
    expect(deleted).toContain('Deleted in Centra')
    expect(screen.getByTestId('trace-returns').textContent).toContain('not sent to the ERP')
  })
})
