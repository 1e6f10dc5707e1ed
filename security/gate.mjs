/**
 * The Electron security gate's logic: run Electronegativity over the sources, sort findings into
 * failures / allowed / notes against the allowlist, print a table. `check.mjs` is the command.
 *
 * Electronegativity 1.10's CLI cannot start here (it expects commander 2 and finds the app's
 * commander 14), so its programmatic runner is used; that is the same scan the CLI runs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { relative, resolve } from 'node:path'

const require = createRequire(import.meta.url)

/** Severities that fail the gate unless allowlisted. LOW and INFORMATIONAL are shown as notes. */
export const BLOCKING = new Set(['HIGH', 'MEDIUM'])

/**
 * Needs the network (it downloads Electron's release list) so its answer changes with the
 * outside world; `--online` turns it on. The Electron version is kept current by dependency
 * updates instead (docs/security.md, item 16).
 */
const ONLINE_ONLY_CHECKS = ['availablesecurityfixesglobalcheck']

/**
 * @param {{ root: string, input: string, electronVersion?: string, sarif?: string, online?: boolean, quiet?: boolean }} options
 * @returns {Promise<{ findings: Finding[], parseErrors: { file: string, message: string }[] }>}
 */
export async function scan(options) {
  const run = require('@doyensec/electronegativity/dist/runner.js')
  const input = resolve(options.root, options.input)
  // Electronegativity talks a lot (translations fetch, release fetch); keep the gate's output short.
  // (globalThis.console: the one it writes to, even where a test runner swaps the global console.)
  const out = globalThis.console
  const log = out.log
  if (options.quiet !== false) out.log = () => {}
  let result
  try {
    result = await run({
      input,
      isRelative: true,
      output: options.sarif ? resolve(options.root, options.sarif) : undefined,
      isSarif: Boolean(options.sarif),
      customScan: [],
      excludeFromScan: options.online ? [] : ONLINE_ONLY_CHECKS,
      electronVersionOverride: options.electronVersion,
      severitySet: undefined,
      confidenceSet: undefined,
    })
  } finally {
    out.log = log
  }
  const prefix = relative(options.root, input)
  const findings = result.issues.map((i) => ({
    check: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file === 'N/A' ? 'N/A' : [prefix, i.file].filter(Boolean).join('/'),
    line: i.location?.line ?? 0,
    description: i.description,
    manualReview: Boolean(i.manualReview),
  }))
  const parseErrors = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(options.root, e.file), message: e.message }))
  return { findings, parseErrors }
}

/**
 * @typedef {{ check: string, severity: string, confidence: string, file: string, line: number, description: string, manualReview: boolean }} Finding
 * @typedef {{ check: string, file: string, reason: string }} AllowEntry
 */

/** Reads and checks the allowlist: every entry names a check, a file and why it is acceptable. */
export function loadAllowlist(path) {
  const data = JSON.parse(readFileSync(path, 'utf8'))
  const entries = Array.isArray(data) ? data : data.entries
  if (!Array.isArray(entries)) throw new Error(`${path}: expected { "entries": [...] }`)
  entries.forEach((e, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e?.[key] !== 'string' || e[key].trim().length === 0) throw new Error(`${path}: entry ${i + 1} needs a non-empty "${key}"`)
    }
    if (e.reason.trim().length < 20) throw new Error(`${path}: entry ${i + 1} (${e.check}) needs a real reason, not "${e.reason}"`)
  })
  return /** @type {AllowEntry[]} */ (entries)
}

/**
 * @param {Finding[]} findings
 * @param {AllowEntry[]} allowlist
 */
export function evaluate(findings, allowlist) {
  const used = new Set()
  const rows = findings.map((f) => {
    const entry = allowlist.find((a) => a.check === f.check && a.file === f.file)
    if (entry) used.add(entry)
    const blocking = BLOCKING.has(f.severity)
    const verdict = !blocking ? 'note' : entry ? 'allowed' : 'FAIL'
    return { ...f, verdict, reason: entry?.reason ?? null }
  })
  const order = { FAIL: 0, allowed: 1, note: 2 }
  const rank = (s) => ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].indexOf(s)
  rows.sort((a, b) => order[a.verdict] - order[b.verdict] || rank(a.severity) - rank(b.severity) || a.file.localeCompare(b.file) || a.line - b.line)
  return {
    rows,
    failures: rows.filter((r) => r.verdict === 'FAIL'),
    /** allowlist entries no finding matched: the code changed, so the entry should go */
    stale: allowlist.filter((a) => !used.has(a)),
  }
}

/** A plain-text table that reads well in a CI log. */
export function formatTable(rows) {
  const head = ['result', 'check', 'severity', 'where', 'why']
  const body = rows.map((r) => [
    r.verdict,
    r.check,
    `${r.severity}/${r.confidence}`,
    `${r.file}:${r.line}`,
    truncate(r.verdict === 'allowed' ? `allowed: ${r.reason}` : r.description, 90),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

function truncate(text, max) {
  const one = String(text).replace(/\s+/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}
