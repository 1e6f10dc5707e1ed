import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/core'
import { hostCoreInProcess, type InProcessHost } from '../../src/main/core/workspace/in-process-host'
import { CONFIG_FILE, DATABASE_FILE, RECENT_WORKSPACES_FILE } from '../../src/main/core/workspace/paths'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { tempWorkspace } from '../helpers/temp-workspace'

let home: string
let host: InProcessHost | null = null
afterEach(async () => {
  await host?.close()
  host = null
  rmSync(home, { recursive: true, force: true })
})

/** a copy of a valid test workspace's settings under the workspaces folder, with another name */
function workspace(root: string, folder: string, name: string): string {
  const model = tempWorkspace({ name })
  const dir = join(root, folder)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, CONFIG_FILE), readFileSync(join(model.dir, CONFIG_FILE)))
  model.cleanup()
  return dir
}

async function call(core: Core, method: string, input: unknown) {
  return core.dispatch(method, input)
}

describe('switching workspaces', () => {
  it('lists the known workspaces, refuses one that cannot open keeping the current one, and opens another in its place', async () => {
    home = mkdtempSync(join(tmpdir(), 'instep-home-'))
    const root = join(home, 'workspaces')
    const first = workspace(root, 'first', 'Nordic store')
    const second = workspace(root, 'second', 'US store')
    const broken = join(root, 'broken')
    mkdirSync(broken)
    writeFileSync(join(broken, CONFIG_FILE), '{ not json')
    // settings fine, database unreadable: only opening the engine finds out
    const damaged = workspace(home, 'elsewhere', 'Damaged store')
    writeFileSync(join(damaged, DATABASE_FILE), 'this is not a database, just text long enough to look like one'.repeat(20))
    let switched = 0
    host = hostCoreInProcess({
      workspaceDir: first,
      mode: 'test',
      workspaces: { home, root },
      connectors: () => ({ store: new FakeCentra([]), erp: new FakeErp([]) }),
      onSwitched: () => switched++,
      closeDelayMs: 0,
    })
    const start = host.current()

    const listed = await call(start, 'system.workspaces', {})
    expect(listed).toMatchObject({ ok: true, data: { workspacesRoot: root, switchable: true } })
    const rows = (listed as { data: { workspaces: { dir: string; name: string; current: boolean; problem: string | null }[] } }).data.workspaces
    expect(rows[0]).toMatchObject({ dir: first, name: 'Nordic store', current: true, problem: null }) // opened, so first
    expect(rows.find((w) => w.dir === second)).toMatchObject({ name: 'US store', current: false, problem: null })
    expect(rows.find((w) => w.dir === broken)?.problem).toMatch(/not valid JSON/)

    const refused = await call(start, 'system.openWorkspace', { dir: broken })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((refused as { error: { message: string } }).error.message).toMatch(/cannot be opened: .*not valid JSON.* You are still in "Nordic store"/)
    const failed = await call(start, 'system.openWorkspace', { dir: damaged })
    expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect((failed as { error: { message: string } }).error.message).toMatch(/"Damaged store" could not be opened: .* You are still in "Nordic store"/)
    expect(host.current()).toBe(start)
    expect(switched).toBe(0)
    expect((await call(start, 'system.info', {})) as unknown).toMatchObject({ ok: true, data: { workspaceName: 'Nordic store' } })

    const opened = await call(start, 'system.openWorkspace', { dir: second })
    expect(opened).toEqual({ ok: true, data: { dir: second, name: 'US store' } })
    expect(switched).toBe(1)
    const now = host.current()
    expect(now).not.toBe(start)
    expect(now.info()).toMatchObject({ workspaceName: 'US store', workspaceDir: second })
    const after = (await call(now, 'system.workspaces', {})) as { data: { workspaces: { dir: string; current: boolean; lastOpenedAt: string | null }[] } }
    expect(after.data.workspaces.slice(0, 2).map((w) => [w.dir, w.current])).toEqual([
      [second, true],
      [first, false],
    ])
    const recent = JSON.parse(readFileSync(join(home, RECENT_WORKSPACES_FILE), 'utf8')) as { recent: { dir: string }[] }
    expect(recent.recent.map((r) => r.dir)).toEqual([second, first])

    // asking for the open one changes nothing
    expect(await call(now, 'system.openWorkspace', { dir: second })).toEqual({ ok: true, data: { dir: second, name: 'US store' } })
    expect(switched).toBe(1)
  })

  it('cannot switch where the core is not hosted by the app (command line)', async () => {
    home = mkdtempSync(join(tmpdir(), 'instep-home-'))
    const ws = tempWorkspace()
    const other = tempWorkspace({ name: 'Other' })
    const { createCore } = await import('../../src/main/core/core')
    const core = createCore({ workspaceDir: ws.dir, mode: 'test', workspaces: { home, root: home } })
    try {
      expect(await core.dispatch('system.workspaces', {})).toMatchObject({ ok: true, data: { switchable: false } })
      const r = await core.dispatch('system.openWorkspace', { dir: other.dir })
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/--workspace/) } })
    } finally {
      await core.close()
      ws.cleanup()
      other.cleanup()
    }
  })
})
