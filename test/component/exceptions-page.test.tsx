import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
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
      const matching = all.filter(
        (r) =>
          (!input.status || input.status.includes(r.status)) &&
          (!input.team || input.team.includes(r.team)) &&
          (!input.severity || input.severity.includes(r.severity)),
      )
      const offset = input.offset ?? 0
      return { rows: matching.slice(offset, offset + (input.limit ?? 50)), total: matching.length }
    },
    'exceptions.get': ({ id }) => ({
      exception: all.find((r) => r.id === id)!,
      events: [],
      affectedOrders: [],
      variances:
        id === 2
          ? [{ kind: 'mismatch' as const, field: 'total', lineRef: null, currency: 'SEK', centraMinor: 49_900, erpMinor: 49_800, diffMinor: -100, explanation: 'The ERP total is lower' }]
          : [],
    }),
    'exceptions.addNote': ({ id, actor, note }) => ({ id: 99, at: '2026-11-26T13:00:00.000Z', kind: 'note', actor, fromStatus: null, toStatus: null, note, exceptionId: id }),
    'exceptions.acknowledge': ({ ids }) => ({ changed: ids.length }),
    'exceptions.ignore': ({ ids }) => ({ changed: ids.length }),
    'exceptions.bulkByFilter': () => ({ matched: all.length, changed: all.length }),
    'exceptions.markets': () => ['Germany', 'Sweden'],
  })
}

const rows = () => screen.queryAllByTestId('exception-row')

beforeEach(() => localStorage.clear())

describe('Exceptions page', () => {
  it('asks for open and acknowledged exceptions first and shows how many match', async () => {
    const fake = fakeCore(Array.from({ length: 12 }, (_, i) => row(i + 1)))
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    expect(fake.callsOf('exceptions.list')[0]).toEqual({ limit: 5, offset: 0, status: ['open', 'acknowledged'] })
    expect(screen.getByTestId('exceptions-total').textContent).toBe('12 exceptions match')
    expect(within(screen.getByTestId('exceptions-table')).getByText('SKU SKU-1 has no ERP item')).toBeTruthy()
  })

  it('filters by team and severity in the query', async () => {
    const fake = fakeCore(Array.from({ length: 12 }, (_, i) => row(i + 1, { severity: i % 3 ? 'high' : 'low' })))
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Finance' }))
    await waitFor(() => expect(screen.getByTestId('exceptions-total').textContent).toBe('6 exceptions match'))
    expect(fake.callsOf('exceptions.list')).toContainEqual({ limit: 5, offset: 0, status: ['open', 'acknowledged'], team: ['finance'] })
    fireEvent.click(screen.getByRole('checkbox', { name: 'High' }))
    await waitFor(() => expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ team: ['finance'], severity: ['high'] }))
  })

  it('says so plainly when nothing needs attention', async () => {
    const fake = fakeCore([])
    renderWithApi(<ExceptionsPage />, fake)
    expect((await screen.findByTestId('exceptions-empty')).textContent).toMatch(/Nothing needs attention/)
    expect(screen.queryByTestId('exceptions-table')).toBeNull()
  })

  it('opens the detail of a row in a drawer and adds a note under the name given once', async () => {
    const fake = fakeCore([row(1), row(2)])
    renderWithApi(<ExceptionsPage />, fake)
    await waitFor(() => expect(rows()).toHaveLength(2))
    fireEvent.change(screen.getByTestId('actor-name'), { target: { value: 'Ann' } })
    fireEvent.click(screen.getByTestId('actor-save'))
    expect(localStorage.getItem('instep.actorName')).toBe('Ann')
    fireEvent.click(rows()[1])
    expect(await screen.findByTestId('exception-detail')).toBeTruthy()
    expect(screen.getByTestId('exception-detail').textContent).toBe('Centra SKU SKU-2 matches no ERP item, so its orders cannot be posted.')
    await waitFor(() => expect(fake.callsOf('exceptions.get')).toEqual([{ id: 2 }]))
    const sideBySide = (await screen.findByTestId('exception-variances')).textContent!
    expect(sideBySide).toMatch(/Order total/)
    expect(sideBySide).toMatch(/The ERP total is lower/)
    fireEvent.change(screen.getByTestId('note-input'), { target: { value: 'Asked the ERP team' } })
    fireEvent.click(screen.getByTestId('note-add'))
    await waitFor(() => expect(fake.callsOf('exceptions.addNote')).toEqual([{ id: 2, actor: 'Ann', note: 'Asked the ERP team' }]))
    fireEvent.click(screen.getByTestId('action-ignore'))
    expect((screen.getByTestId('action-confirm') as HTMLButtonElement).disabled).toBe(true) // a reason is required
    fireEvent.change(screen.getByTestId('action-reason'), { target: { value: 'Test product' } })
    fireEvent.click(screen.getByTestId('action-confirm'))
    await waitFor(() => expect(fake.callsOf('exceptions.ignore')).toEqual([{ ids: [2], actor: 'Ann', reason: 'Test product' }]))
  })

  it('applies an action to every matching exception after confirming the count', async () => {
    localStorage.setItem('instep.actorName', 'Bo')
    const fake = fakeCore(Array.from({ length: 40 }, (_, i) => row(i + 1)))
    renderWithApi(<ExceptionsPage pageSize={10} />, fake)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Finance' }))
    await waitFor(() => expect(screen.getByTestId('exceptions-total').textContent).toBe('20 exceptions match'))
    fireEvent.click(screen.getByTestId('select-all-matching'))
    expect(screen.getByTestId('selected-count').textContent).toBe('20 selected')
    fireEvent.click(screen.getByTestId('bulk-ignore'))
    expect((await screen.findByTestId('bulk-count')).textContent).toMatch(/20 exceptions/)
    fireEvent.change(screen.getByTestId('bulk-reason'), { target: { value: 'Samples' } })
    fireEvent.click(screen.getByTestId('bulk-confirm-button'))
    await waitFor(() =>
      expect(fake.callsOf('exceptions.bulkByFilter')).toEqual([
        { filter: { status: ['open', 'acknowledged'], team: ['finance'] }, action: 'ignore', actor: 'Bo', note: 'Samples' },
      ]),
    )
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

  it('filters by a market picked from those the exceptions are about', async () => {
    const fake = fakeCore(Array.from({ length: 3 }, (_, i) => row(i + 1)))
    renderWithApi(<ExceptionsPage pageSize={5} />, fake)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.click(screen.getByTestId('filter-market'))
    fireEvent.click(await screen.findByRole('option', { name: 'Sweden' }))
    await waitFor(() => expect(fake.callsOf('exceptions.list').at(-1)).toMatchObject({ market: ['Sweden'] }))
    expect(screen.queryByRole('option', { name: 'Norway' })).toBeNull()
  })
})
