#!/usr/bin/env node
// Builds the app (main, preload, renderer) when any source is newer than the last build, so
// `npm start` and the e2e tests always run what is in src/ without rebuilding every time.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

export function ensureBuild() {
  const marker = join(root, 'out', 'renderer', 'index.html')
  const sources = Math.max(newest(join(root, 'src', 'renderer')), newest(join(root, 'src', 'shared')), newest(join(root, 'src', 'main')), newest(join(root, 'src', 'preload')))
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return false
  process.stdout.write('Building the user interface…\n')
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
  return true
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureBuild()
