/** "Test connection" against the simulators: what works, and what is missing, in plain words. */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'
import { loadConfig, saveConfig } from '../../src/main/core/workspace/config'
import { writeSecrets } from '../../src/main/core/workspace/secrets'
import { createCore } from '../../src/main/core/core'
import type { ConnectionReport } from '../../src/shared/contract'

const dirs: string[] = []
const envs: DemoEnvironment[] = []
afterAll(async () => {
  for (const e of envs) await e.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function testConnections(dir: string): Promise<ConnectionReport[]> {
  const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
  try {
    const r = await core.dispatch('connections.test', {})
    if (!r.ok) throw new Error(r.error.message)
    return r.data as ConnectionReport[]
  } finally {
    await core.close()
  }
}

async function demo(erp?: 'file-exchange') {
  const dir = mkdtempSync(join(tmpdir(), 'instep-probe-'))
  dirs.push(dir)
  envs.push(await startDemoEnvironment(dir, { erp }))
  return dir
}

describe('connections.test', () => {
  it('passes every check on a healthy workspace and shows where secrets are kept, never their value', async () => {
    const dir = await demo()
    const reports = await testConnections(dir)
    expect(reports.map((r) => [r.system, r.ok])).toEqual([
      ['centra', true],
      ['business-central', true],
    ])
    expect(reports[0].checks.find((c) => c.name === 'Rate limits')?.detail).toMatch(/per 10 s/)
    const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
    const view = await core.dispatch('connections.get', {})
    await core.close()
    expect(view.ok && view.data).toMatchObject({ centra: { token: { kind: 'secrets-file' } }, erp: { clientSecret: { kind: 'secrets-file' } } })
    expect(JSON.stringify(view)).not.toMatch(/[0-9a-f]{48}/) // the generated secrets are 48 hex characters
  }, 60_000)

  it('says the token was refused and stops there, and names a missing secret', async () => {
    const dir = await demo()
    writeSecrets(dir, { 'demo.centra.token': 'wrong-token-000000' })
    const [centra, erp] = await testConnections(dir)
    expect(centra.ok).toBe(false)
    expect(centra.checks).toHaveLength(1)
    expect(centra.checks[0].detail).toMatch(/token/i)
    expect(erp.ok).toBe(true)

    const config = loadConfig(dir)
    saveConfig(dir, { ...config, centra: { ...config.centra, token: { env: 'INSTEP_NOT_SET_ANYWHERE' } } })
    const missing = await testConnections(dir)
    expect(missing[0].checks[0]).toMatchObject({ ok: false, detail: expect.stringContaining('INSTEP_NOT_SET_ANYWHERE') })
  }, 60_000)

  it('checks the exchange folders of a file-exchange ERP', async () => {
    const dir = await demo('file-exchange')
    const reports = await testConnections(dir)
    expect(reports[1].system).toBe('file-exchange')
    expect(reports[1].ok).toBe(true)
    expect(reports[1].checks.find((c) => c.name.startsWith('Outbox'))?.detail).toMatch(/will be created|is ready/)
    rmSync(join(dir, 'exchange'), { recursive: true, force: true })
    const gone = await testConnections(dir)
    expect(gone[1]).toMatchObject({ ok: false, checks: [{ name: 'Exchange folder', detail: expect.stringContaining('does not exist') }] })
  }, 60_000)
})
