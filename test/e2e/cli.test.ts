/** The instep command as a script or a server would use it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'

const root = resolve(__dirname, '../..')

function instep(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', 'instep.mjs'), ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

let demo: DemoEnvironment
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'instep-cli-'))
  demo = await startDemoEnvironment(dir)
})

afterAll(async () => {
  await demo?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('instep CLI', () => {
  it('documents each command with --help', async () => {
    const top = await instep(['--help'])
    expect(top.code).toBe(0)
    for (const cmd of ['start', 'serve', 'sync', 'sim']) expect(top.stdout).toContain(cmd)
    for (const args of [['serve', '--help'], ['sync', 'orders', '--help'], ['sim', 'centra', '--help'], ['sim', 'bc', '--help']]) {
      const r = await instep(args)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/Usage: instep/)
    }
  })

  it('runs a headless order sync and prints a JSON summary', async () => {
    const r = await instep(['sync', 'orders', '--workspace', dir, '--json'])
    expect(r.stderr).toBe('')
    const run = JSON.parse(r.stdout)
    expect(run.status).toBe('partial') // the demo's unmapped SKU blocks its orders on purpose
    expect(run.counters.fetched).toBeGreaterThan(50)
    expect(run.counters.posted).toBeGreaterThan(50)
    expect(run.counters.blocked).toBeGreaterThan(0)

    const again = await instep(['sync', 'orders', '--workspace', dir])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Run \d+ partial: \d+ read, 0 new or changed, 0 posted/)
  })

  it('fails with one clear line and a non-zero exit code', async () => {
    const missing = await instep(['sync', 'orders', '--workspace', join(dir, 'nope')])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toMatch(/^instep: No workspace at/)

    const badPort = await instep(['serve', '--port', 'seventy'])
    expect(badPort.code).not.toBe(0)
    expect(badPort.stderr).toMatch(/port/)
  })
})
