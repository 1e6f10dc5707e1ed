import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunCounters } from '@shared/contract'
import { SyncPanel } from '../../src/renderer/src/features/dashboard/SyncPanel'
import { createFakeTransport, deferred, FakeError } from './fake-transport'
import { dashboardSummary } from './fixtures'
import { renderWithApi } from './render'

const counters: RunCounters = { fetched: 12, stored: 12, posted: 11, alreadyInErp: 0, blocked: 1, failed: 0 }

const progress = (runId: number, done: number, total: number | null, phase: 'fetching' | 'posting' | 'finishing' = 'posting') => ({
  runId,
  job: 'orders' as const,
  phase,
  done,
  total,
  message: `Posted ${done} orders`,
})

describe('Sync panel', () => {
  it('shows the last outcome on load and no progress bar while idle', () => {
    const fake = createFakeTransport()
    renderWithApi(<SyncPanel summary={dashboardSummary({ lastRunStatus: 'failed' })} />, fake)
    expect(screen.getByTestId('sync-status').textContent).toBe('Failed')
    expect(screen.queryByTestId('sync-progress')).toBeNull()
    expect(screen.getByTestId('sync-now')).toBeTruthy()
  })

  it('reads Offline, not Failed, for a run that could not reach Centra or the ERP', async () => {
    const fake = createFakeTransport({ 'sync.runNow': () => ({ runId: 8 }) })
    renderWithApi(<SyncPanel summary={dashboardSummary({ lastRunStatus: 'failed', offlineSince: '2026-11-27T01:00:00.000Z' })} />, fake)
    expect(screen.getByTestId('sync-status').textContent).toBe('Offline')

    fireEvent.click(screen.getByTestId('sync-now'))
    await waitFor(() => expect(fake.callsOf('sync.runNow')).toEqual([{ job: 'orders' }]))
    const error = 'Instep cannot reach Centra at example.centra.com (ENOTFOUND) — check the network or VPN; Instep will try again every minute.'
    act(() => fake.emit('sync.finished', { runId: 8, job: 'orders', status: 'failed', counters, error, offline: true }))
    expect(screen.getByTestId('sync-status').textContent).toBe('Offline')
    expect(screen.getByTestId('sync-offline-note').textContent).toMatch(/^Instep cannot reach Centra at example\.centra\.com \(ENOTFOUND\)/)

    fireEvent.click(screen.getByTestId('sync-now'))
    act(() => fake.emit('sync.finished', { runId: 9, job: 'orders', status: 'failed', counters, error: 'Centra refused the API token (401).', offline: false }))
    expect(screen.getByTestId('sync-status').textContent).toBe('Failed')
    expect(screen.queryByTestId('sync-offline-note')).toBeNull()
  })

  it('turns progress events into the bar value, then shows the outcome when the run finishes', async () => {
    const fake = createFakeTransport({ 'sync.runNow': () => ({ runId: 7 }) })
    renderWithApi(<SyncPanel summary={dashboardSummary()} />, fake)

    fireEvent.click(screen.getByTestId('sync-now'))
    // Running at once, before the core answers, so nobody clicks twice.
    expect(screen.getByTestId('sync-status').textContent).toBe('Running')
    await waitFor(() => expect(fake.callsOf('sync.runNow')).toEqual([{ job: 'orders' }]))

    const bar = () => screen.getByTestId('sync-progress')
    act(() => fake.emit('sync.progress', progress(7, 0, null, 'fetching')))
    expect(bar().getAttribute('aria-valuenow')).toBeNull() // no total yet: indeterminate
    expect(screen.getByText('Reading orders from Centra')).toBeTruthy()

    act(() => fake.emit('sync.progress', progress(7, 3, 12)))
    expect(bar().getAttribute('aria-valuenow')).toBe('3')
    expect(bar().getAttribute('aria-valuemax')).toBe('12')
    expect(screen.getByText('3 of 12 orders')).toBeTruthy()

    act(() => fake.emit('sync.progress', progress(7, 12, 12)))
    expect(bar().getAttribute('aria-valuenow')).toBe('12')

    act(() => fake.emit('sync.finished', { runId: 7, job: 'orders', status: 'partial', counters, error: null }))
    expect(screen.getByTestId('sync-status').textContent).toBe('Completed with exceptions')
    expect(screen.queryByTestId('sync-progress')).toBeNull()
    expect(screen.getByText(/11 posted to the ERP/)).toBeTruthy()
    expect(screen.getByText(/1 order is waiting on a fix/)).toBeTruthy()
  })

  it('Cancel asks the core to stop that run and the outcome reads Cancelled', async () => {
    const fake = createFakeTransport({ 'sync.runNow': () => ({ runId: 9 }), 'sync.cancel': () => ({ cancelling: true }) })
    renderWithApi(<SyncPanel summary={dashboardSummary()} />, fake)
    fireEvent.click(screen.getByTestId('sync-now'))
    act(() => fake.emit('sync.progress', progress(9, 2, 40)))
    await waitFor(() => expect((screen.getByTestId('sync-cancel') as HTMLButtonElement).disabled).toBe(false))

    fireEvent.click(screen.getByTestId('sync-cancel'))
    await waitFor(() => expect(fake.callsOf('sync.cancel')).toEqual([{ runId: 9 }]))
    expect(screen.getByTestId('sync-cancel').textContent).toContain('Stopping')

    act(() => fake.emit('sync.finished', { runId: 9, job: 'orders', status: 'cancelled', counters, error: null }))
    expect(screen.getByTestId('sync-status').textContent).toBe('Cancelled')
    expect(screen.getByTestId('sync-now')).toBeTruthy()
  })

  it('shows a failed run with the error text', async () => {
    const fake = createFakeTransport({ 'sync.runNow': () => ({ runId: 3 }) })
    renderWithApi(<SyncPanel summary={dashboardSummary()} />, fake)
    fireEvent.click(screen.getByTestId('sync-now'))
    await waitFor(() => expect(fake.callsOf('sync.runNow')).toHaveLength(1))
    act(() =>
      fake.emit('sync.finished', { runId: 3, job: 'orders', status: 'failed', counters, error: 'Business Central refused the sign-in.' }),
    )
    expect(screen.getByTestId('sync-status').textContent).toBe('Failed')
    expect(screen.getByText('Business Central refused the sign-in.')).toBeTruthy()
  })

  it('shows a run already in progress when the page opens, and can cancel it', async () => {
    const fake = createFakeTransport({ 'sync.cancel': () => ({ cancelling: true }) })
    renderWithApi(<SyncPanel summary={dashboardSummary({ runningRunId: 42 })} />, fake)
    expect(screen.getByTestId('sync-status').textContent).toBe('Running')
    expect(screen.getByTestId('sync-progress')).toBeTruthy()
    act(() => fake.emit('sync.progress', progress(42, 5, 10)))
    expect(screen.getByTestId('sync-progress').getAttribute('aria-valuenow')).toBe('5')
    fireEvent.click(screen.getByTestId('sync-cancel'))
    await waitFor(() => expect(fake.callsOf('sync.cancel')).toEqual([{ runId: 42 }]))
  })

  it('copes with a short run that finishes before sync.runNow answers', async () => {
    const answer = deferred<{ runId: number }>()
    const fake = createFakeTransport({ 'sync.runNow': () => answer.promise })
    renderWithApi(<SyncPanel summary={dashboardSummary()} />, fake)
    fireEvent.click(screen.getByTestId('sync-now'))
    act(() => fake.emit('sync.progress', progress(5, 1, 1)))
    act(() => fake.emit('sync.finished', { runId: 5, job: 'orders', status: 'succeeded', counters, error: null }))
    await act(async () => answer.resolve({ runId: 5 }))
    expect(screen.getByTestId('sync-status').textContent).toBe('Succeeded')
    expect(screen.queryByTestId('sync-progress')).toBeNull()
  })

  it('explains when the sync cannot start', async () => {
    const fake = createFakeTransport({
      'sync.runNow': () => {
        throw new FakeError({ code: 'conflict', message: 'An order sync is already running.', retryable: false })
      },
    })
    renderWithApi(<SyncPanel summary={dashboardSummary()} />, fake)
    fireEvent.click(screen.getByTestId('sync-now'))
    expect(await screen.findByText('The sync could not start: An order sync is already running.')).toBeTruthy()
    expect(screen.getByTestId('sync-now')).toBeTruthy()
    expect(screen.getByTestId('sync-status').textContent).toBe('Succeeded')
  })
})
