/**
 * Every contract method refuses malformed and oversized input with a clear error, through the
 * same dispatcher every transport uses; nothing crashes and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
beforeAll(() => {
  t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
})
afterAll(() => t.close())

const MALFORMED: [string, unknown][] = [
  ['a string', 'DROP TABLE exceptions'],
  ['a number', 42],
  ['an array', [1, 2, 3]],
  ['unknown fields', { __proto__polluted: true, evil: 'x'.repeat(10) }],
  ['wrongly typed fields', { id: 'one', ids: 'all', limit: 'many', job: 123, period: {}, value: 7 }],
]

describe('contract input validation', () => {
  for (const method of METHOD_NAMES) {
    it(`${method} refuses malformed and oversized input with a clear error`, async () => {
      for (const [what, input] of MALFORMED) {
        const r = await t.core.dispatch(method, input)
        // Methods without input fields accept nothing but {}: every malformed input is refused.
        if (r.ok) {
          expect.soft(what, `${method} accepted ${what}`).toBe('refused')
          continue
        }
        expect(r.error.code).toBe('invalid_input')
        expect(r.error.message).toMatch(/^Invalid input/)
      }
      const oversized = await t.core.dispatch(method, { search: 'x'.repeat(300_000), note: 'x'.repeat(300_000), value: 'x'.repeat(300_000) })
      expect(oversized.ok).toBe(false)
    })
  }

  it('still answers normally afterwards', async () => {
    const r = await t.core.dispatch('system.info', {})
    expect(r.ok).toBe(true)
  })
})
