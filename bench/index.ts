/**
 * npm run bench — runs every benchmark in this folder one after the other and prints their
 * figures. Each can also be run alone with its own arguments, e.g.
 *   node bin/run-ts.mjs bench/orders-e2e.ts 10000 50 4
 * Pass names to run a subset: npm run bench -- recon orders-e2e
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const wanted = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort()

let failed = 0
for (const name of benches) {
  process.stdout.write(`\n=== ${name} ===\n`)
  const started = Date.now()
  const r = spawnSync(process.execPath, [join(root, 'bin', 'run-ts.mjs'), join(here, `${name}.ts`)], { cwd: root, stdio: 'inherit' })
  process.stdout.write(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s${r.status === 0 ? '' : `, exit ${r.status}`})\n`)
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
