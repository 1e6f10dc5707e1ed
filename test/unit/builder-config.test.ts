import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// js-yaml, minimatch and app-builder-lib come with electron-builder / electron-updater; they have
// no types here, so they are loaded through require with the narrow shapes this test needs.
const require = createRequire(import.meta.url)
const yaml = require('js-yaml') as { load(text: string): unknown }
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, options?: { dot?: boolean }): boolean }

interface BuilderConfig {
  appId: string
  productName: string
  directories: { output: string; buildResources: string }
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  publish: { provider: string; url: string }
  linux: { target: string[] }
  win: { target: string[] }
  mac: { target: string[] }
  electronFuses: Record<string, boolean>
}

const root = resolve(import.meta.dirname, '../..')
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig

/** electron-builder's rule: a path is packaged if it matches an include and no later exclude. */
function isPackaged(path: string): boolean {
  let included = false
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) included = false
    } else if (minimatch(path, pattern, { dot: true })) {
      included = true
    }
  }
  return included
}

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder itself accepts', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app and writes installers to release/ with resources from resources/', () => {
    expect(config.productName).toBe('Instep')
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/)
    expect(config.directories).toEqual({ output: 'release', buildResources: 'resources' })
  })

  it('builds AppImage and deb on Linux, an NSIS installer on Windows and a dmg on macOS', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toContain('dmg')
    // the macOS updater installs from the zip, so without it mac users would never update
    expect(config.mac.target).toContain('zip')
  })

  it('publishes a generic update feed whose URL is supplied at build time, so latest*.yml are produced', () => {
    expect(config.publish.provider).toBe('generic')
    expect(config.publish.url).toBe('${env.INSTEP_UPDATE_URL}')
  })

  it('packs the app in an asar archive with the native SQLite module unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(true)
    const unpacked = (p: string) => config.asarUnpack.some((pattern) => minimatch(p, pattern, { dot: true }))
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true)
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(true)
    expect(unpacked('out/main/index.js')).toBe(false)
  })

  it('flips the Electron fuses that would let someone run the packaged app as Node or load other code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('packages only the build output and package.json — never sources, simulators, tests or docs', () => {
    expect(isPackaged('out/main/index.js')).toBe(true)
    expect(isPackaged('out/main/core.js')).toBe(true)
    expect(isPackaged('out/preload/index.cjs')).toBe(true)
    expect(isPackaged('out/renderer/index.html')).toBe(true)
    expect(isPackaged('package.json')).toBe(true)

    for (const path of [
      'src/main/index.ts',
      'src/sim/centra/server.ts',
      'out/main/sim/bc-server.js',
      'test/unit/money.test.ts',
      'out/main/money.test.js',
      'docs/README.md',
      'bench/index.ts',
      'scripts/setup.sh',
      'out/main/index.js.map',
      'electron-builder.yml',
    ]) {
      expect(isPackaged(path), path).toBe(false)
    }
  })
})
