/**
 * Which run is running is told per job: the stock row of sync health must not show (and offer
 * to cancel) the order sync's run, and the Overview's order sync panel follows only its own.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('running run per job', () => {
  it('names the running order sync on its own row only, and on the summary', async () => {
    const centra = new FakeCentra([storeOrder(1, [{ sku: 'A' }])])
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    centra.beforePage = () => gate
    t = testCore(() => ({ store: centra, erp: new FakeErp([item('A')]) }))
    const { runId } = await t.call('sync.runNow', { job: 'orders' })

    const jobs = await t.call('sync.jobs', {})
    expect(jobs.find((j) => j.job === 'orders')?.runningRunId).toBe(runId)
    expect(jobs.filter((j) => j.job !== 'orders').map((j) => j.runningRunId)).toEqual(jobs.filter((j) => j.job !== 'orders').map(() => null))
    expect(jobs.length).toBeGreaterThan(1)
    expect((await t.call('dashboard.summary', {})).runningRunId).toBe(runId)

    release()
    await t.core.runner.wait(runId)
    expect((await t.call('sync.jobs', {})).every((j) => j.runningRunId === null)).toBe(true)
  })
})
