import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ExceptionRow, MethodInput } from '@shared/contract'
import { ExceptionsPage } from '../../src/renderer/src/features/exceptions/ExceptionsPage'
import { createFakeTransport, type FakeTransport } from './fake-transport'
import { renderWithApi } from './render'

function row(id: number, over: Partial<ExceptionRow> = {}): ExceptionRow {
  return {
    id,
    traceKey: `sku:SKU-${id}`,
    category: 'unmapped_sku',
    team: id % 2 ? 'ecommerce' : 'finance',
    severity: 'high',
    status: 'open',
    objectType: 'sku',
    objectRef: `SKU-${id}`,
    title: `SKU SKU-${id} has no ERP item`,
    detail: `Centra SKU SKU-${id} matches no ERP item, so its orders cannot be posted.`,
    firstSeenAt: '2026-11-26T10:00:00.000Z',
    lastSeenAt: '2026-11-26T12:00:00.000Z',
    occurrences: id,
    assignee: null,
    statusReason: null,
    ...over,
  }
}

/** A core that pages and filters like the SQL does, so the page's requests can be checked. */
function fakeCore(all: ExceptionRow[]): FakeTransport {
  return createFakeTransport({
    'exceptions.list': (input: MethodInput<'exceptions.list'>) => {
      const matching = all.filter((r) => (!input.status || input.status.includes(r.status)) && (!input.team || input.team.includes(r.team)))
      const offset = input.offset ?? 0
      return { rows: matching.slice(offset, offset + (input.limit ?? 50)), total: matching.length }
    },
    'exceptions.get': ({ id }) => ({ exception: all.find((r) => r.id === id)!, events: [], affectedOrders: [] }),
  })
}

const rows = () => screen.queryAllByTestId('exception-row')

describe('Exceptions page', () => {
  it('asks for open and acknowledged exceptions, one page at a time, and shows the total', async () => {
    const fake = fakeCore(Array.from({ length: 12 }, (_, i) => row(i + 1)))
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)

    await waitFor(() => expect(rows()).toHaveLength(5))
    expect(fake.callsOf('exceptions.list')[0]).toEqual({ limit: 5, offset: 0, status: ['open', 'acknowledged'] })
    expect(screen.getByTestId('exceptions-total').textContent).toBe('Showing 1–5 of 12')
    expect(within(screen.getByTestId('exceptions-table')).getByText('SKU SKU-1 has no ERP item')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(screen.getByTestId('exceptions-total').textContent).toBe('Showing 6–10 of 12'))
    expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ limit: 5, offset: 5 })
    expect(screen.getByText('SKU SKU-6 has no ERP item')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Page 3' }))
    await waitFor(() => expect(rows()).toHaveLength(2))
    expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ offset: 10 })
    expect(screen.getByTestId('exceptions-total').textContent).toBe('Showing 11–12 of 12')
  })

  it('filters by team in the query and goes back to the first page', async () => {
    const fake = fakeCore(Array.from({ length: 12 }, (_, i) => row(i + 1)))
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)
    await waitFor(() => expect(rows()).toHaveLength(5))
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ offset: 5 }))

    fireEvent.click(screen.getByRole('checkbox', { name: 'Finance' }))
    await waitFor(() => expect(screen.getByTestId('exceptions-total').textContent).toBe('Showing 1–5 of 6'))
    expect(fake.callsOf('exceptions.list').at(-1)).toEqual({ limit: 5, offset: 0, status: ['open', 'acknowledged'], team: ['finance'] })
  })

  it('says so plainly when nothing needs attention', async () => {
    const fake = fakeCore([])
    renderWithApi(<ExceptionsPage />, fake)
    expect((await screen.findByTestId('exceptions-empty')).textContent).toMatch(/Nothing needs attention/)
    expect(screen.queryByTestId('exceptions-table')).toBeNull()
  })

  it('opens the detail of a row in a drawer', async () => {
    const fake = fakeCore([row(1), row(2)])
    renderWithApi(<ExceptionsPage />, fake)
    await waitFor(() => expect(rows()).toHaveLength(2))
    fireEvent.click(rows()[1])
    expect(await screen.findByTestId('exception-detail')).toBeTruthy()
    expect(screen.getByTestId('exception-detail').textContent).toBe('Centra SKU SKU-2 matches no ERP item, so its orders cannot be posted.')
    await waitFor(() => expect(fake.callsOf('exceptions.get')).toEqual([{ id: 2 }]))
  })

  it('fetches again when the core reports that exceptions changed', async () => {
    const all = [row(1)]
    const fake = fakeCore(all)
    renderWithApi(<ExceptionsPage />, fake)
    await waitFor(() => expect(rows()).toHaveLength(1))
    all.push(row(2))
    act(() => fake.emit('data.changed', { areas: ['orders'] }))
    act(() => fake.emit('data.changed', { areas: ['exceptions'] }))
    await waitFor(() => expect(rows()).toHaveLength(2))
    expect(fake.callsOf('exceptions.list')).toHaveLength(2) // 'orders' alone did not refetch
  })

  it('steps back to the last page when exceptions were resolved meanwhile', async () => {
    const all = Array.from({ length: 12 }, (_, i) => row(i + 1))
    const fake = fakeCore(all)
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)
    await waitFor(() => expect(rows()).toHaveLength(5))
    fireEvent.click(screen.getByRole('button', { name: 'Page 3' }))
    await waitFor(() => expect(rows()).toHaveLength(2))
    all.splice(6)
    act(() => fake.emit('data.changed', { areas: ['exceptions'] }))
    await waitFor(() => expect(screen.getByTestId('exceptions-total').textContent).toBe('Showing 6–6 of 6'))
    expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ offset: 5 })
  })
})
