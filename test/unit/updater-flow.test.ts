/**
 * The updater end to end without an Electron binary: the real electron-updater AppImageUpdater
 * with its generic provider and ElectronHttpExecutor, against a real HTTP feed on 127.0.0.1.
 *
 * Only `electron` itself is faked — app (version, paths, quit), `net.request` (served by Node's
 * http, which is what ElectronHttpExecutor drives through the same ClientRequest events),
 * `session` and `autoUpdater`. vi.mock('electron') would not reach electron-updater's own
 * require('electron'), so the fake is put in Node's require cache before electron-updater
 * constructs anything.
 */
import { createHash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Updater } from '../../src/main/updater/controller'
import { UpdateController, type SyncGuard } from '../../src/main/updater/controller'
import { chooseFeed } from '../../src/main/updater/feed'
import { startUpdater } from '../../src/main/updater'
import type { UpdateState } from '../../src/main/updater/state'

const require = createRequire(import.meta.url)

// ---- the fake `electron` module -------------------------------------------------------------

const root = mkdtempSync(join(tmpdir(), 'instep-updater-'))
const appEvents = new EventEmitter()
const quit = vi.fn()
const fakeApp = {
  getVersion: () => '1.0.0',
  getName: () => 'Instep',
  isPackaged: true,
  getAppPath: () => join(root, 'resources', 'app.asar'),
  getPath: (name: string) => join(root, 'paths', name),
  whenReady: () => Promise.resolve(),
  quit,
  relaunch: vi.fn(),
  on: appEvents.on.bind(appEvents),
  once: appEvents.once.bind(appEvents),
}
const fakeElectron = {
  app: fakeApp,
  autoUpdater: new EventEmitter(),
  session: { fromPartition: () => ({}) },
  net: {
    // Electron's net.request takes URL parts plus `session`/`redirect`; Node's http gets the parts.
    request(options: { protocol?: string; hostname?: string; port?: string | number; path?: string; method?: string; headers?: Record<string, string> }) {
      if (options.protocol !== 'http:' || options.hostname !== '127.0.0.1') throw new Error(`test net: only http://127.0.0.1 (got ${options.protocol}//${options.hostname})`)
      return httpRequest({ protocol: 'http:', hostname: options.hostname, port: options.port, path: options.path, method: options.method ?? 'GET', headers: options.headers })
    },
  },
}
const electronPath = require.resolve('electron')
require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron, children: [], paths: [] } as unknown as NodeJS.Module

const { AppImageUpdater } = require('electron-updater') as { AppImageUpdater: new () => Updater }

// ---- the feed --------------------------------------------------------------------------------

const channelFile = process.arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${process.arch}.yml`
const marker = join(root, 'new-version-started')
/** The "new AppImage": a script that proves it was started, padded so the download takes a while. */
const artifact = Buffer.from(`#!/bin/sh\necho 1.1.0 > "${marker}"\nexit 0\n#${'x'.repeat(256 * 1024)}\n`)
const OLD_APPIMAGE = Buffer.from('#!/bin/sh\necho old version\n')
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64')

let server: Server
let base: string
let feedYaml = ''
let dropDownload = false
const requests: string[] = []

function latestYml(checksum: string): string {
  return [
    'version: 1.1.0',
    'files:',
    '  - url: Instep-1.1.0.AppImage',
    `    sha512: ${checksum}`,
    `    size: ${artifact.length}`,
    'path: Instep-1.1.0.AppImage',
    `sha512: ${checksum}`,
    "releaseDate: '2026-11-20T10:00:00.000Z'",
    "releaseNotes: '<p>Orders sync faster.</p><p>Clearer exception messages.</p>'",
    '',
  ].join('\n')
}

function serve(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  requests.push(path)
  if (path === `/${channelFile}`) {
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(feedYaml)
  } else if (path === '/Instep-1.1.0.AppImage') {
    // Half now, half after more than a second: electron-updater reports progress once a second.
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(artifact.length) })
    const half = Math.floor(artifact.length / 2)
    res.write(artifact.subarray(0, half))
    // dropDownload: the connection dies half-way, as on a flaky network
    setTimeout(() => (dropDownload ? res.destroy() : res.end(artifact.subarray(half))), dropDownload ? 50 : 1100)
  } else {
    res.writeHead(404).end()
  }
}

// ---- per-test setup --------------------------------------------------------------------------

const savedEnv = { APPIMAGE: process.env.APPIMAGE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME }
const savedResourcesPath = (process as { resourcesPath?: string }).resourcesPath
const silent = { info: () => {}, warn: () => {}, error: () => {} }
const appImage = join(root, 'Instep.AppImage')
const cacheDir = join(root, 'cache', 'instep-updater')

beforeAll(async () => {
  server = createServer(serve)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  // What electron-builder writes into a packaged app's resources (publish config + cache dir name).
  mkdirSync(join(root, 'resources'), { recursive: true })
  writeFileSync(join(root, 'resources', 'app-update.yml'), `provider: generic\nurl: ${base}\nupdaterCacheDirName: instep-updater\n`)
  ;(process as { resourcesPath?: string }).resourcesPath = join(root, 'resources')
  process.env.XDG_CACHE_HOME = join(root, 'cache')
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  ;(process as { resourcesPath?: string }).resourcesPath = savedResourcesPath
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  rmSync(root, { recursive: true, force: true })
})

beforeEach(() => {
  feedYaml = latestYml(sha512(artifact))
  dropDownload = false
  requests.length = 0
  quit.mockClear()
  // each updater registers an install-on-quit handler once it has a download; keep only this test's
  appEvents.removeAllListeners('quit')
  rmSync(cacheDir, { recursive: true, force: true })
  rmSync(marker, { force: true })
  writeFileSync(appImage, OLD_APPIMAGE, { mode: 0o755 })
  process.env.APPIMAGE = appImage
})

let controllers: UpdateController[] = []
afterEach(() => {
  for (const c of controllers) c.dispose()
  controllers = []
})

class FakeSync implements SyncGuard {
  running = false
  private waiters: (() => void)[] = []
  isSyncRunning() {
    return this.running
  }
  waitForIdle() {
    return this.running ? new Promise<void>((r) => this.waiters.push(r)) : Promise.resolve()
  }
  finish() {
    this.running = false
    for (const w of this.waiters.splice(0)) w()
  }
}

function setup(options: { url?: string; sync?: SyncGuard; autoDownload?: boolean } = {}) {
  const states: UpdateState[] = []
  const controller = new UpdateController({
    updater: new AppImageUpdater(),
    feed: chooseFeed({ env: { INSTEP_UPDATE_URL: options.url ?? base } }),
    sync: options.sync ?? new FakeSync(),
    currentVersion: '1.0.0',
    autoDownload: options.autoDownload,
    onState: (s) => states.push(s),
    logger: silent,
  })
  controllers.push(controller)
  return { controller, states }
}

/** Files electron-updater left in its cache, excluding its own bookkeeping. */
function cachedFiles(): string[] {
  const pending = join(cacheDir, 'pending')
  return existsSync(pending) ? readdirSync(pending).filter((f) => f !== 'update-info.json') : []
}

// ---- the behaviour ---------------------------------------------------------------------------

describe('updates through the real electron-updater against a local feed', () => {
  it('finds a newer version, downloads it with progress, verifies its sha512 and is ready to restart', async () => {
    const { controller, states } = setup()

    await controller.check()
    expect(controller.getState()).toEqual({ state: 'available', version: '1.1.0', releaseNotes: 'Orders sync faster.\nClearer exception messages.' })
    expect(requests).toContain(`/${channelFile}`)

    await controller.download()
    const ready = controller.getState()
    expect(ready).toMatchObject({ state: 'ready', version: '1.1.0', restartPending: false })

    const sequence = states.map((s) => s.state)
    expect(sequence[0]).toBe('checking')
    expect(sequence).toContain('available')
    expect(sequence.indexOf('downloading')).toBeGreaterThan(sequence.indexOf('available'))
    expect(sequence.at(-1)).toBe('ready')
    const percents = states.flatMap((s) => (s.state === 'downloading' ? [s.percent] : []))
    expect(percents[0]).toBe(0)
    // at least one report in the middle of the transfer, and the final 100 %
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true)
    expect(percents.at(-1)).toBe(100)

    // the verified file sits in the updater's cache; nothing is installed until restart
    expect(cachedFiles()).toEqual(['Instep-1.1.0.AppImage'])
    expect(readFileSync(join(cacheDir, 'pending', 'Instep-1.1.0.AppImage')).equals(artifact)).toBe(true)
    expect(readFileSync(appImage).equals(OLD_APPIMAGE)).toBe(true)
    expect(quit).not.toHaveBeenCalled()
  })

  it('reports that Instep is up to date when the feed has no newer version', async () => {
    feedYaml = latestYml(sha512(artifact)).replace('version: 1.1.0', 'version: 1.0.0')
    const { controller } = setup()
    await controller.check()
    expect(controller.getState()).toMatchObject({ state: 'idle', message: 'Instep is up to date (version 1.0.0).' })
    expect(requests).not.toContain('/Instep-1.1.0.AppImage')
  })

  it('throws away a download whose sha512 does not match the feed and installs nothing', async () => {
    feedYaml = latestYml(sha512(Buffer.from('a different build')))
    const { controller } = setup()
    await controller.check()
    await controller.download()

    const state = controller.getState()
    expect(state).toMatchObject({ state: 'error', code: 'checksum_mismatch' })
    expect(state.state === 'error' && state.message).toMatch(/did not match its published fingerprint \(sha512\).*nothing was installed/)
    expect(requests).toContain('/Instep-1.1.0.AppImage')
    expect(cachedFiles()).toEqual([])

    await controller.restartToUpdate()
    expect(quit).not.toHaveBeenCalled()
    expect(readFileSync(appImage).equals(OLD_APPIMAGE)).toBe(true)
  })

  it('says the download was interrupted when the connection drops half-way, and offers it again', async () => {
    dropDownload = true
    const { controller } = setup()
    await controller.check()
    await controller.download()
    expect(controller.getState()).toMatchObject({
      state: 'error',
      code: 'download_failed',
      message: 'Instep could not download the update: the connection to the update server was lost. You can keep working; it will try again later.',
    })
    expect(cachedFiles()).toEqual([])
    expect(readFileSync(appImage).equals(OLD_APPIMAGE)).toBe(true)

    dropDownload = false
    await controller.download()
    expect(controller.getState()).toMatchObject({ state: 'ready', version: '1.1.0' })
  })

  it('installs a downloaded update when Instep is quit normally, without "restart to update"', async () => {
    const { controller } = setup({ autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'), { timeout: 10_000 })
    expect(readFileSync(appImage).equals(OLD_APPIMAGE)).toBe(true)
    // Electron's app emits 'quit' with the exit code; electron-updater installs silently then
    appEvents.emit('quit', {}, 0)
    expect(readFileSync(appImage).equals(artifact)).toBe(true)
    expect(readFileSync(marker, 'utf8').trim()).toBe('1.1.0')
  }, 20_000)

  it('says the update server did not answer when the feed is unreachable, and keeps working', async () => {
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`
    await new Promise<void>((done) => closed.close(() => done()))

    const { controller } = setup({ url: deadUrl })
    // electron-updater retries a refused connection three times (0 + 1 + 2 s) before giving up
    await controller.check()
    expect(controller.getState()).toEqual({
      state: 'error',
      code: 'feed_unreachable',
      message: 'Instep could not check for updates: the update server did not answer. You can keep working; it will try again later.',
    })
  }, 20_000)

  it('says so when the feed has no release information for this system', async () => {
    const { controller } = setup({ url: `${base}nothing-here/` })
    await controller.check()
    expect(controller.getState()).toMatchObject({ state: 'error', code: 'feed_missing' })
  })

  it('waits for a running sync before restarting, then installs the verified AppImage and starts it', async () => {
    const sync = new FakeSync()
    const { controller, states } = setup({ sync, autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'), { timeout: 10_000 })

    sync.running = true
    const restarted = controller.restartToUpdate()
    expect(controller.getState()).toMatchObject({
      state: 'ready',
      restartPending: true,
      message: 'The update is ready. Instep will restart to install it when the sync that is running now finishes.',
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(quit).not.toHaveBeenCalled()
    expect(readFileSync(appImage).equals(OLD_APPIMAGE)).toBe(true)

    sync.finish()
    await restarted
    expect(states.at(-1)).toEqual({ state: 'installing', version: '1.1.0' })
    // AppImageUpdater replaced the running AppImage in place, started the new one and quit the app
    expect(readFileSync(appImage).equals(artifact)).toBe(true)
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1))
    await vi.waitFor(() => expect(readFileSync(marker, 'utf8').trim()).toBe('1.1.0'), { timeout: 5_000 })
  }, 20_000)

  it('starts the platform updater from startUpdater, with the feed from INSTEP_UPDATE_URL', async () => {
    const states: UpdateState[] = []
    const controller = startUpdater({
      currentVersion: '1.0.0',
      env: { INSTEP_UPDATE_URL: base },
      onState: (s) => states.push(s),
      logger: silent,
    })
    controllers.push(controller)
    await vi.waitFor(() => expect(controller.getState().state).toBe('available'))
    // electron-updater's own choice for Linux without a package-type file
    expect(states.map((s) => s.state)).toEqual(['checking', 'available'])
    expect(requests).toContain(`/${channelFile}`)
  })
})
