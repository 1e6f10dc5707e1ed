import { afterEach, describe, expect, it, vi } from 'vitest'
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'
import { contract, METHOD_NAMES } from '../../src/shared/contract'

let t: TestCore
afterEach(() => t?.close())

const SECRET = 'centra-token-that-must-never-leak-7781'

/** Every file of the workspace (database, config, logs): the secret may only be in the owner-only secrets file. */
function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile() && readFileSync(join(dir, f)).includes(needle))
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

describe('secrets typed into Settings (browser mode and CLI)', () => {
  it('appear nowhere but the owner-only secrets file: not in the config, the database, the history, logs, exports or any answer', async () => {
    const token = 'centra-token-typed-in-settings-5521'
    const clientSecret = 'bc-client-secret-typed-in-settings-9034'
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    try {
      t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
      const answers: unknown[] = []
      answers.push(await t.call('settings.setCentra', { actor: 'Maja', url: 'https://shop.example.com/graphql', timeoutMs: 30_000, token }))
      answers.push(
        await t.call('settings.setErp', {
          actor: 'Maja',
          erp: { kind: 'business-central', baseUrl: 'https://bc.example.com/api/v2.0', tokenUrl: 'https://login.example.com/token', clientId: 'app-1', timeoutMs: 60_000, clientSecret },
        }),
      )
      await t.call('sync.runNow', { job: 'orders' })
      // A refused change echoes nothing of what was typed either.
      answers.push(await t.core.dispatch('settings.setCentra', { actor: 'Maja', url: 'not an address', timeoutMs: 30_000, token }))

      // Every read method that takes no arguments, as the UI or CLI would call it.
      for (const method of METHOD_NAMES) {
        if (contract[method].mutates || !contract[method].input.safeParse({}).success) continue
        answers.push(await t.core.dispatch(method, {}))
      }
      const exportDir = join(t.ws.dir, 'exports')
      mkdirSync(exportDir)
      for (const format of ['csv', 'xlsx', 'pdf'] as const) {
        answers.push(await t.core.dispatch('reconciliation.export', { period: '2026-11', format, directory: join(exportDir, format) }))
      }
      answers.push(await t.core.dispatch('mapping.exportCsv', {}))

      const history = await t.call('settings.history', {})
      expect(history.map((h) => h.changes).flat()).toEqual(expect.arrayContaining(['Centra API token replaced', 'Business Central client secret replaced']))
      expect(await t.call('settings.get', {})).toMatchObject({
        centra: { token: { set: true, source: 'store', name: 'centra.token' } },
        erp: { clientSecret: { set: true, source: 'store', name: 'erp.clientSecret' } },
      })

      for (const secret of [token, clientSecret]) {
        expect(filesContaining(t.ws.dir, secret)).toEqual(['secrets.json'])
        for (const format of ['csv', 'xlsx', 'pdf']) {
          const dir = join(exportDir, format)
          expect(readdirSync(dir).length, `the ${format} export wrote files`).toBeGreaterThan(0)
          expect(filesContaining(dir, secret)).toEqual([])
        }
        expect(JSON.stringify(answers)).not.toContain(secret)
        expect(logged.join('\n')).not.toContain(secret)
      }
      expect(statSync(join(t.ws.dir, 'secrets.json')).mode & 0o077).toBe(0)
    } finally {
      vi.restoreAllMocks()
    }
  })
})
