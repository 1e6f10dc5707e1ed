import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ExceptionRow, MethodInput } from '@shared/contract'
import { ExceptionsPage } from '../../src/renderer/src/features/exceptions/ExceptionsPage'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

const TOTAL = 100_000

function row(i: number): ExceptionRow {
  return {
    id: i + 1,
    traceKey: `order:${i}`,
    category: 'erp_rejected',
    team: 'finance',
    severity: 'medium',
    status: 'open',
    objectType: 'order',
    objectRef: String(100_000 + i),
    title: `Order ${100_000 + i} was refused by the ERP`,
    detail: 'The ERP refused it.',
    firstSeenAt: '2026-11-26T10:00:00.000Z',
    lastSeenAt: '2026-11-26T12:00:00.000Z',
    occurrences: 1,
    assignee: null,
    statusReason: null,
  }
}

describe('Exceptions grid with 100 000 rows', () => {
  it('keeps only a window of rows in the page and loads the pages scrolled to', async () => {
    const fake = createFakeTransport({
      // a core that never builds the whole list: each page is made on request
      'exceptions.list': (input: MethodInput<'exceptions.list'>) => {
        const offset = input.offset ?? 0
        const limit = input.limit ?? 50
        return { rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, k) => row(offset + k)), total: TOTAL }
      },
    })
    renderWithApi(<ExceptionsPage pageSize={100} gridHeight={440} />, fake)
    await waitFor(() => expect(screen.getAllByTestId('exception-row').length).toBeGreaterThan(0))
    expect(screen.getByTestId('exceptions-total').textContent).toBe('100,000 exceptions match')
    const inDom = screen.getAllByTestId('exception-row').length
    expect(inDom).toBeLessThan(40) // 440 px of 44 px rows plus overscan, not 100 000
    expect(fake.callsOf('exceptions.list').map((c) => c.offset)).toEqual([0])

    const grid = screen.getByTestId('exceptions-table')
    grid.scrollTop = 44 * 90_000
    fireEvent.scroll(grid)
    await waitFor(() => expect(screen.getByText('Order 190000 was refused by the ERP')).toBeTruthy())
    expect(fake.callsOf('exceptions.list').map((c) => c.offset)).toContain(90_000)
    expect(fake.callsOf('exceptions.list').length).toBeLessThan(5)
    expect(screen.getAllByTestId('exception-row').length).toBeLessThan(40)
  })
})
