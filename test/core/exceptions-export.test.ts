import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
let out: string
afterEach(async () => {
  await t?.close()
  rmSync(out, { recursive: true, force: true })
})

describe('exporting the exception queue', () => {
  it('writes exactly the rows the filter matches to a CSV file, and never overwrites an earlier export', async () => {
    out = mkdtempSync(join(tmpdir(), 'instep-exceptions-export-'))
    t = testCore(() => ({
      store: new FakeCentra([storeOrder(1, [{ sku: 'X' }]), storeOrder(2, [{ sku: 'Y, "the big one"' }]), storeOrder(3, [{ sku: 'A' }])]),
      erp: new FakeErp([item('A')]),
    }))
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    const listed = await t.call('exceptions.list', { team: ['ecommerce'], limit: 50, offset: 0 })
    expect(listed.total).toBe(2)

    const first = await t.call('exceptions.exportCsv', { filter: { team: ['ecommerce'] }, directory: out })
    expect(first.rows).toBe(2)
    const [head, ...rows] = parse(readFileSync(first.file, 'utf8')) as string[][]
    expect(head.slice(0, 6)).toEqual(['Id', 'Problem', 'Team', 'Kind', 'Severity', 'Status'])
    expect(rows.map((r) => [Number(r[0]), r[1], r[2]])).toEqual(listed.rows.map((e) => [e.id, e.title, 'ecommerce']))
    expect(rows.map((r) => r[7])).toContain('Y, "the big one"') // a comma and quotes survive the round trip

    const none = await t.call('exceptions.exportCsv', { filter: { team: ['finance'] }, directory: out })
    expect(none.rows).toBe(0)
    expect(basename(none.file)).toMatch(/^exceptions-\d{4}-\d{2}-\d{2}-2\.csv$/)
    expect(readFileSync(first.file, 'utf8').split('\n').length).toBe(4) // the first file is untouched

    const relative = await t.core.dispatch('exceptions.exportCsv', { filter: {}, directory: 'exports' })
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/full folder path/) } })
  })

  it('offers the markets of orders that have an exception for the market filter', async () => {
    out = mkdtempSync(join(tmpdir(), 'instep-exceptions-export-'))
    const erp = new FakeErp([item('A')])
    erp.failCreate = (call) => (call === 1 ? 'invalid' : 'none')
    t = testCore(() => ({ store: new FakeCentra([storeOrder(1, [{ sku: 'A' }]), storeOrder(2, [{ sku: 'X' }])]), erp }))
    await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
    const kinds = (await t.call('exceptions.list', { limit: 50, offset: 0 })).rows.map((e) => e.objectType).sort()
    expect(kinds).toEqual(['order', 'sku']) // a rejected order, and a SKU exception that has no market
    expect(await t.call('exceptions.markets', {})).toEqual(['Sweden'])
    expect((await t.call('exceptions.list', { market: ['Sweden'], limit: 50, offset: 0 })).rows.map((e) => e.objectType)).toEqual(['order'])
  })
})
