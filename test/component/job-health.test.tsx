import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { JobState } from '@shared/contract'
import { JobHealth } from '../../src/renderer/src/features/monitoring/JobHealth'
import { createFakeTransport, FakeError } from './fake-transport'
import { renderWithApi } from './render'

const at = new Date().toISOString()
const job = (name: JobState['job'], runningRunId: number | null): JobState => ({
  job: name,
  everyMinutes: 5,
  staleAfterMinutes: 30,
  lastSuccessAt: at,
  nextRunAt: at,
  runningRunId,
  stale: false,
})

describe('sync health per job', () => {
  it('starts one job now, shows a running job’s progress and cancels it', async () => {
    const fake = createFakeTransport({
      'sync.jobs': () => [job('orders', 5), job('fulfilment', null)],
      'sync.runNow': () => ({ runId: 6 }),
      'sync.cancel': () => ({ cancelling: true }),
    })
    renderWithApi(<JobHealth />, fake)
    const rows = await screen.findAllByTestId('job-health-row')
    const [orders, shipments] = rows
    expect(within(orders).getByTestId('job-progress').textContent).toBe('Running…')
    act(() => fake.emit('sync.progress', { runId: 5, job: 'orders', phase: 'posting', done: 3, total: 10, message: '' }))
    expect(within(orders).getByTestId('job-progress').textContent).toBe('3 of 10')

    fireEvent.click(within(shipments).getByTestId('job-sync-now'))
    await waitFor(() => expect(fake.callsOf('sync.runNow')).toEqual([{ job: 'fulfilment' }]))
    fireEvent.click(within(orders).getByTestId('job-cancel'))
    await waitFor(() => expect(fake.callsOf('sync.cancel')).toEqual([{ runId: 5 }]))
  })

  it('says why a job could not start', async () => {
    const fake = createFakeTransport({
      'sync.jobs': () => [job('stock', null)],
      'sync.runNow': () => {
        throw new FakeError({ code: 'unavailable', message: 'This workspace has no stock source configured.', retryable: false })
      },
    })
    renderWithApi(<JobHealth />, fake)
    const [row] = await screen.findAllByTestId('job-health-row')
    expect(row.textContent).toContain('Stock ERP → Centra (changes)')
    fireEvent.click(within(row).getByTestId('job-sync-now'))
    expect((await screen.findByTestId('job-action-error')).textContent).toBe('Stock ERP → Centra (changes): This workspace has no stock source configured.')
  })
})
