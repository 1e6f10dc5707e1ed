import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { HeldPushes } from '../../src/renderer/src/features/inventory/HeldPushes'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const push = { id: 7, mode: 'full' as const, state: 'held' as const, reason: '300 of 1000 sizes would drop to zero', sizesTotal: 1000, sizesChanged: 400, toZero: 300, calls: 0, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' }

describe('held stock pushes', () => {
  it('shows the numbers; discarding needs a reason and sends it, approving sends the push id', async () => {
    const core = createFakeTransport({
      'inventory.pushes': () => [push],
      'inventory.discardPush': () => ({ ...push, state: 'discarded' }),
      'inventory.approvePush': () => ({ ...push, state: 'pushing' }),
      'inventory.pushRows': () => [{ sku: 'TEE-M', warehouseId: 1, beforeQty: null, afterQty: 0, urgent: true, state: 'pending' as const, stockChangeIds: [], error: null }],
    })
    renderWithApi(<HeldPushes />, core)
    expect(await screen.findByText('Push 7: 400 of 1000 sizes, 300 to zero')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Show sizes' }))
    expect(await screen.findByText('TEE-M')).toBeTruthy()
    expect(screen.getByText('not known')).toBeTruthy()
    expect(screen.getByText('The first 25 of 400, most urgent first.')).toBeTruthy()
    expect(core.calls.find((c) => c.method === 'inventory.pushRows')?.input).toEqual({ pushId: 7, limit: 25 })
    fireEvent.click(screen.getByRole('button', { name: 'Discard…' }))
    const discard = screen.getByRole('button', { name: 'Discard push' }) as HTMLButtonElement
    expect(discard.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'stock count running' } })
    fireEvent.click(discard)
    await waitFor(() => expect(core.calls.find((c) => c.method === 'inventory.discardPush')?.input).toEqual({ pushId: 7, reason: 'stock count running' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }))
    await waitFor(() => expect(core.calls.find((c) => c.method === 'inventory.approvePush')?.input).toEqual({ pushId: 7 }))
  })
})
