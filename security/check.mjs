#!/usr/bin/env node
/**
 * Electron security gate: `node security/check.mjs [--input src] [--sarif file.sarif] [--online]`.
 * Exit 0: no HIGH or MEDIUM finding outside security/electronegativity-allowlist.json.
 * Exit 1: at least one such finding (or a source file could not be scanned). Exit 2: the tool failed.
 */
import { readFileSync } from 'node:fs'
import console from 'node:console'
import process from 'node:process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluate, formatTable, loadAllowlist, scan } from './gate.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

async function main() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const electronVersion = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[^\d]*/, '') || undefined
  const input = opt('input') ?? 'src'
  const allowlistPath = join(root, 'security', 'electronegativity-allowlist.json')
  const allowlist = loadAllowlist(allowlistPath)

  const { findings, parseErrors } = await scan({ root, input, electronVersion, sarif: opt('sarif'), online: args.includes('--online') })
  const { rows, failures, stale } = evaluate(findings, allowlist)

  console.log(`Electronegativity on ${input}/ (Electron ${electronVersion ?? 'unknown'}): ${findings.length} finding(s)\n`)
  if (rows.length) console.log(formatTable(rows) + '\n')
  for (const e of parseErrors) console.log(`NOT SCANNED ${e.file}: ${e.message}`)
  // Stale entries only mean something when the app's own sources were scanned.
  for (const s of input === 'src' ? stale : []) console.log(`stale allowlist entry (no longer found, remove it): ${s.check} in ${s.file}`)

  if (failures.length || parseErrors.length) {
    console.log(
      `\nFAILED: ${failures.length} HIGH/MEDIUM finding(s) not in security/electronegativity-allowlist.json` +
        (parseErrors.length ? `, ${parseErrors.length} file(s) could not be scanned` : '') +
        '.\nFix the code, or add an entry with the check id, the file and the reason it is safe (see docs/security.md).',
    )
    process.exitCode = 1
  } else {
    console.log(`OK: no HIGH/MEDIUM finding outside the allowlist (${rows.filter((r) => r.verdict === 'allowed').length} allowed, ${rows.filter((r) => r.verdict === 'note').length} notes).`)
  }
}

main().catch((error) => {
  console.error(`The security check could not run: ${error?.stack ?? error}`)
  process.exitCode = 2
})
