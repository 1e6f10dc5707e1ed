import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('dispatcher', () => {
  it('answers a known method with data that matches the contract', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const info = await t.call('system.info', {})
    expect(info.workspaceName).toBe('Test workspace')
    expect(info.mode).toBe('test')
    expect(info.schemaVersion).toBeGreaterThan(0)
  })

  it('refuses an unknown method with a clear error instead of throwing', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const r = await t.core.dispatch('system.dropEverything', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    const r2 = await t.core.dispatch({ not: 'a name' }, {})
    expect(r2).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
  })

  it('rejects input that does not match the schema, naming the field', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const r = await t.core.dispatch('exceptions.list', { limit: 100000 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input')
      expect(r.error.message).toContain('limit')
    }
    const extra = await t.core.dispatch('sync.runNow', { job: 'orders', sneaky: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const wrongJob = await t.core.dispatch('sync.runNow', { job: 'payroll' })
    expect(wrongJob).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('emits data.changed after a mutation', async () => {
    const erp = new FakeErp([])
    t = testCore(() => ({ store: new FakeCentra([]), erp }))
    const { runId } = await t.call('sync.runNow', { job: 'orders' })
    await t.core.runner.wait(runId)
    expect(t.events.some((e) => e.event === 'data.changed')).toBe(true)
  })
})
