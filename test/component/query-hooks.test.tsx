import { act, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { CoreStatus, InstepBridge } from '@shared/bridge'
import { ApiProvider, createBridgeTransport, useQuery, type LinkState } from '../../src/renderer/src/api'
import { createFakeTransport, deferred, FakeError } from './fake-transport'

function Runs({ limit }: { limit: number }) {
  const q = useQuery('sync.listRuns', { limit }, { refreshOn: ['sync'] })
  return (
    <div>
      <span data-testid="data">{q.data ? q.data.map((r) => r.id).join(',') : 'none'}</span>
      <span data-testid="loading">{String(q.loading)}</span>
      <span data-testid="error">{q.error?.message ?? ''}</span>
    </div>
  )
}

const run = (id: number) => ({
  id,
  job: 'orders' as const,
  status: 'succeeded' as const,
  trigger: 'manual' as const,
  startedAt: '2026-11-27T00:00:00Z',
  finishedAt: '2026-11-27T00:00:05Z',
  counters: { fetched: 0, stored: 0, posted: 0, alreadyInErp: 0, blocked: 0, failed: 0 },
  error: null,
})

describe('useQuery', () => {
  it('drops an answer that arrives after a newer one (out of order)', async () => {
    const slow = deferred<ReturnType<typeof run>[]>()
    const fake = createFakeTransport({ 'sync.listRuns': ({ limit }) => (limit === 1 ? slow.promise : [run(2), run(3)]) })
    let setLimit: (n: number) => void = () => {}
    function Host() {
      const [limit, set] = useState(1)
      setLimit = set
      return <Runs limit={limit} />
    }
    render(
      <ApiProvider transport={fake}>
        <Host />
      </ApiProvider>,
    )
    act(() => setLimit(2))
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('2,3'))
    await act(async () => slow.resolve([run(1)]))
    expect(screen.getByTestId('data').textContent).toBe('2,3')
    expect(screen.getByTestId('loading').textContent).toBe('false')
  })

  it('refetches only for the areas it declares', async () => {
    const fake = createFakeTransport({ 'sync.listRuns': () => [run(1)] })
    render(
      <ApiProvider transport={fake}>
        <Runs limit={5} />
      </ApiProvider>,
    )
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('1'))
    act(() => fake.emit('data.changed', { areas: ['exceptions'] }))
    expect(fake.callsOf('sync.listRuns')).toHaveLength(1)
    fake.handlers['sync.listRuns'] = () => [run(1), run(2)]
    act(() => fake.emit('data.changed', { areas: ['sync', 'dashboard'] }))
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('1,2'))
  })

  it("shows the core's error message and keeps the last good data", async () => {
    const fake = createFakeTransport({ 'sync.listRuns': () => [run(1)] })
    render(
      <ApiProvider transport={fake}>
        <Runs limit={5} />
      </ApiProvider>,
    )
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('1'))
    fake.handlers['sync.listRuns'] = () => {
      throw new FakeError({ code: 'unavailable', message: 'The engine restarted; please try again.', retryable: true })
    }
    act(() => fake.emit('data.changed', { areas: ['sync'] }))
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('The engine restarted; please try again.'))
    expect(screen.getByTestId('data').textContent).toBe('1')
  })
})

describe('Electron bridge transport', () => {
  it('reports the core as connecting, ready, restarting (reconnecting) and failed', () => {
    let report: (status: CoreStatus) => void = () => {}
    const bridge: InstepBridge = {
      call: async () => ({ ok: true, data: null }),
      on(event, listener) {
        if (event === 'core.status') {
          report = listener as (status: CoreStatus) => void
          report({ state: 'starting' })
        }
        return () => {}
      },
    }
    const states: LinkState[] = []
    createBridgeTransport(bridge).onLinkState((s) => states.push(s))
    report({ state: 'ready' })
    report({ state: 'starting' })
    report({ state: 'ready' })
    report({ state: 'failed', message: 'It crashed three times.' })
    expect(states).toEqual([
      { state: 'connecting' },
      { state: 'ready' },
      { state: 'reconnecting', attempt: 1 },
      { state: 'ready' },
      { state: 'failed', message: 'It crashed three times.' },
    ])
  })
})
