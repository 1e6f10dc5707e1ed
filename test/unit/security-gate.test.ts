/**
 * The Electronegativity gate (security/check.mjs): its verdicts, its allowlist rules, and real
 * scans — of the app's sources (must pass with the checked-in allowlist) and of a deliberately
 * unsafe window (must fail).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { evaluate, formatTable, loadAllowlist, scan, type Finding } from '../../security/gate.mjs'

const root = resolve(import.meta.dirname, '../..')
const allowlistPath = join(root, 'security/electronegativity-allowlist.json')
const electronVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron
const tmp = mkdtempSync(join(tmpdir(), 'instep-security-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const finding = (over: Partial<Finding>): Finding => ({
  check: 'SANDBOX_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'src/main/windows/main-window.ts',
  line: 10,
  description: 'Use sandbox for untrusted origins',
  manualReview: false,
  ...over,
})

describe('security gate verdicts', () => {
  it('fails HIGH and MEDIUM findings, lets allowlisted ones through, and only notes LOW ones', () => {
    const allow = [{ check: 'PRELOAD_JS_CHECK', file: 'src/main/windows/main-window.ts', reason: 'Reviewed: exposes only window.instep.' }]
    const { rows, failures, stale } = evaluate(
      [
        finding({ check: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
        finding({ check: 'PRELOAD_JS_CHECK' }),
        finding({ check: 'PRELOAD_JS_CHECK', file: 'src/main/other-window.ts' }),
        finding({ check: 'CSP_GLOBAL_CHECK', severity: 'LOW' }),
        finding({ check: 'X', severity: 'INFORMATIONAL' }),
      ],
      allow,
    )
    expect(failures.map((f) => `${f.check} ${f.file}`)).toEqual([
      'CONTEXT_ISOLATION_JS_CHECK src/main/windows/main-window.ts',
      'PRELOAD_JS_CHECK src/main/other-window.ts', // an allowlist entry covers one file, not the check everywhere
    ])
    expect(rows.map((r) => r.verdict)).toEqual(['FAIL', 'FAIL', 'allowed', 'note', 'note'])
    expect(stale).toEqual([])
    expect(formatTable(rows)).toMatch(/allowed +PRELOAD_JS_CHECK +MEDIUM\/FIRM +src\/main\/windows\/main-window\.ts:10 +allowed: Reviewed/)
  })

  it('reports allowlist entries that no longer match anything', () => {
    const entry = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/gone.ts', reason: 'Only https links, checked before the call.' }
    expect(evaluate([], [entry]).stale).toEqual([entry])
  })

  it('refuses allowlist entries without a check, a file or a real reason', () => {
    const write = (data: unknown) => {
      const p = join(tmp, `allow-${Math.random()}.json`)
      writeFileSync(p, JSON.stringify(data))
      return p
    }
    expect(() => loadAllowlist(write({ entries: [{ check: 'A', file: 'b.ts' }] }))).toThrow(/non-empty "reason"/)
    expect(() => loadAllowlist(write({ entries: [{ check: 'A', file: 'b.ts', reason: 'ok' }] }))).toThrow(/real reason/)
    expect(() => loadAllowlist(write({ nope: true }))).toThrow(/entries/)
  })

  it('the checked-in allowlist is well-formed', () => {
    expect(loadAllowlist(allowlistPath).length).toBeGreaterThan(0)
  })
})

describe('security gate scans (Electronegativity, offline)', () => {
  it('passes on the app sources with the checked-in allowlist, and every entry is still needed', async () => {
    const { findings, parseErrors } = await scan({ root, input: 'src', electronVersion })
    expect(parseErrors).toEqual([])
    const { failures, stale } = evaluate(findings, loadAllowlist(allowlistPath))
    expect(failures.map((f) => `${f.check} ${f.file}:${f.line} ${f.description}`)).toEqual([])
    expect(stale).toEqual([])
  }, 60_000)

  it('fails, exit code 1, on a window that turns the protections off', async () => {
    const dir = mkdtempSync(join(tmp, 'bad-'))
    writeFileSync(
      join(dir, 'bad-window.ts'),
      [
        "import { BrowserWindow } from 'electron'",
        'export function open(): BrowserWindow {',
        '  return new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })',
        '}',
      ].join('\n'),
    )
    const sarif = join(dir, 'report.sarif')
    const result = await promisify(execFile)(process.execPath, [join(root, 'security/check.mjs'), '--input', dir, '--sarif', sarif], { cwd: root }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/FAIL +CONTEXT_ISOLATION_JS_CHECK +HIGH/)
    expect(result.stdout).toMatch(/FAIL +SANDBOX_JS_CHECK +MEDIUM/)
    expect(result.stdout).toMatch(/FAILED: \d+ HIGH\/MEDIUM finding/)
    const report = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] }
    expect(report.runs[0].results.map((r) => r.ruleId)).toContain('CONTEXT_ISOLATION_JS_CHECK')
  }, 60_000)
})
