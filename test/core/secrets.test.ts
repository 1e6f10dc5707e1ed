import { afterEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

const SECRET = 'centra-token-that-must-never-leak-7781'

/** Every file of the workspace (database, config, logs): the secret may only be in the owner-only secrets file. */
function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir).filter((f) => readFileSync(join(dir, f)).includes(needle))
}

describe('secrets in browser mode and CLI', () => {
  it('keeps a new secret only in the owner-only secrets file and refers to it from the config', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    expect((await t.call('connections.secretStorage', {})).protection).toBe('file')
    const result = await t.call('connections.setSecret', { secret: 'centra.token', value: SECRET })
    expect(result.protection).toBe('file')
    await t.call('sync.runNow', { job: 'orders' }) // write something to the database too

    expect(filesContaining(t.ws.dir, SECRET)).toEqual(['secrets.json'])
    expect(statSync(join(t.ws.dir, 'secrets.json')).mode & 0o077).toBe(0)
    const config = JSON.parse(readFileSync(join(t.ws.dir, 'instep.workspace.json'), 'utf8'))
    expect(config.centra.token).toEqual({ secret: 'centra.token' })
    const view = await t.call('connections.get', {})
    expect(JSON.stringify(view)).not.toContain(SECRET)
    expect(view.centra.token).toEqual({ kind: 'secrets-file', name: 'centra.token' })
  })

  it('refuses a value too short to be a real credential, naming the field', async () => {
    t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
    const r = await t.core.dispatch('connections.setSecret', { secret: 'centra.token', value: 'short' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('value') } })
  })
})
