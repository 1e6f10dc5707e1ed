/**
 * The update state machine's own rules, with a stand-in for electron-updater (its real
 * behaviour is covered in updater-flow.test.ts): feed choice, messages people read, and the
 * restart that never interrupts a sync.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { UpdateController, type SyncGuard, type Updater } from '../../src/main/updater/controller'
import { chooseFeed } from '../../src/main/updater/feed'
import { describeUpdateError, releaseNotesText, type UpdateState } from '../../src/main/updater/state'

const info = (version = '1.1.0') => ({ version, files: [], path: '', sha512: '', releaseDate: '2026-11-20T10:00:00Z', releaseNotes: 'Faster.' })

function fakeUpdater() {
  const emitter = new EventEmitter()
  const updater = Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    logger: null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => {
      updater.emit('update-available', info())
      return { isUpdateAvailable: true, updateInfo: info(), versionInfo: info() }
    }),
    downloadUpdate: vi.fn(async () => {
      updater.emit('download-progress', { percent: 42.44, transferred: 42, total: 100, delta: 42, bytesPerSecond: 1 })
      updater.emit('update-downloaded', { ...info(), downloadedFile: '/tmp/x' })
      return ['/tmp/x']
    }),
    quitAndInstall: vi.fn(),
  })
  return updater
}

function make(options: { sync?: SyncGuard; autoDownload?: boolean; feed?: ReturnType<typeof chooseFeed>; updater?: ReturnType<typeof fakeUpdater> } = {}) {
  const updater = options.updater ?? fakeUpdater()
  const states: UpdateState[] = []
  const controller = new UpdateController({
    updater: updater as unknown as Updater,
    feed: options.feed ?? { kind: 'url', url: 'https://updates.example.com/instep/' },
    sync: options.sync ?? { isSyncRunning: () => false, waitForIdle: async () => {} },
    currentVersion: '1.0.0',
    autoDownload: options.autoDownload,
    onState: (s) => states.push(s),
    now: () => new Date('2026-11-27T09:00:00Z'),
  })
  return { controller, updater, states }
}

describe('update feed', () => {
  it('takes INSTEP_UPDATE_URL over the setting, and the packaged app-update.yml when neither is set', () => {
    expect(chooseFeed({ env: { INSTEP_UPDATE_URL: 'https://a.example.com/x' }, setting: 'https://b.example.com/' })).toEqual({ kind: 'url', url: 'https://a.example.com/x/' })
    expect(chooseFeed({ env: {}, setting: 'https://b.example.com/feed/' })).toEqual({ kind: 'url', url: 'https://b.example.com/feed/' })
    expect(chooseFeed({ env: {} })).toEqual({ kind: 'packaged' })
  })

  it('refuses plain http except to this machine, and addresses with credentials', () => {
    expect(chooseFeed({ env: { INSTEP_UPDATE_URL: 'http://updates.example.com/' } })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('https://') })
    expect(chooseFeed({ env: { INSTEP_UPDATE_URL: 'http://127.0.0.1:8080/' } })).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080/' })
    expect(chooseFeed({ env: { INSTEP_UPDATE_URL: 'https://u:p@updates.example.com/' } }).kind).toBe('invalid')
    expect(chooseFeed({ env: { INSTEP_UPDATE_URL: 'not a url' } }).kind).toBe('invalid')
  })

  it('configures electron-updater with a generic provider, no silent downloads, install on quit', () => {
    const { updater } = make()
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/instep/' })
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(true)
  })

  it('reports a misconfigured feed as an error without asking the network', async () => {
    const { controller, updater } = make({ feed: chooseFeed({ env: { INSTEP_UPDATE_URL: 'ftp://x' } }) })
    expect(await controller.check()).toMatchObject({ state: 'error', code: 'not_configured' })
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
  })
})

describe('update state machine', () => {
  it('goes checking → available and waits for the user before downloading', async () => {
    const { controller, updater, states } = make()
    await controller.check()
    expect(states.map((s) => s.state)).toEqual(['checking', 'available'])
    expect(updater.downloadUpdate).not.toHaveBeenCalled()
    await controller.download()
    expect(states.map((s) => s.state)).toEqual(['checking', 'available', 'downloading', 'downloading', 'ready'])
    expect(states[3]).toMatchObject({ percent: 42.4, transferredBytes: 42, totalBytes: 100 })
  })

  it('downloads at once when the autoDownload setting is on', async () => {
    const { controller } = make({ autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'))
  })

  it('does not check again while a download runs or an update waits to be installed', async () => {
    const { controller, updater } = make({ autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'))
    await controller.check()
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1)
  })

  it('says updates are off when electron-updater is inactive (not a packaged release)', async () => {
    const updater = fakeUpdater()
    updater.checkForUpdates.mockImplementation(async () => null as never)
    const { controller } = make({ updater })
    expect(await controller.check()).toMatchObject({ state: 'idle', message: expect.stringContaining('Automatic updates are off') })
  })

  it('keeps waiting when a new sync starts just as the previous one ends', async () => {
    let running = true
    let waits = 0
    const sync: SyncGuard = {
      isSyncRunning: () => running,
      waitForIdle: async () => {
        waits++
        // first wait: a scheduled run starts right after; second wait: all quiet
        if (waits === 2) running = false
      },
    }
    const { controller, updater } = make({ sync, autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'))
    await controller.restartToUpdate()
    expect(waits).toBe(2)
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('asks for one restart however often the button is pressed', async () => {
    let finish: () => void = () => {}
    const idle = new Promise<void>((r) => (finish = r))
    let running = true
    const sync: SyncGuard = { isSyncRunning: () => running, waitForIdle: () => idle }
    const { controller, updater } = make({ sync, autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'))
    const a = controller.restartToUpdate()
    const b = controller.restartToUpdate()
    running = false
    finish()
    await Promise.all([a, b])
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('turns an install failure reported by electron-updater into a readable error', async () => {
    const updater = fakeUpdater()
    updater.quitAndInstall.mockImplementation(() => updater.emit('error', new Error('EACCES: permission denied, unlink /opt/Instep.AppImage')))
    const { controller } = make({ updater, autoDownload: true })
    await controller.check()
    await vi.waitFor(() => expect(controller.getState().state).toBe('ready'))
    await controller.restartToUpdate()
    expect(controller.getState()).toMatchObject({ state: 'error', code: 'install_failed', message: expect.stringContaining('could not install the update') })
  })
})

describe('update messages', () => {
  it('recognise the packaged app’s Chromium network errors as an unreachable feed', () => {
    expect(describeUpdateError(new Error('net::ERR_CONNECTION_REFUSED'), 'check').code).toBe('feed_unreachable')
    expect(describeUpdateError(new Error('net::ERR_NAME_NOT_RESOLVED'), 'check').code).toBe('feed_unreachable')
    expect(describeUpdateError(Object.assign(new Error('503'), { statusCode: 503, code: 'HTTP_ERROR_503' }), 'check').code).toBe('feed_unreachable')
    expect(describeUpdateError(new Error('net::ERR_CONNECTION_RESET'), 'download').code).toBe('download_failed')
  })

  it('name a checksum mismatch and a foreign signature plainly', () => {
    const mismatch = describeUpdateError(Object.assign(new Error('sha512 checksum mismatch, expected a, got b'), { code: 'ERR_CHECKSUM_MISMATCH' }), 'download')
    expect(mismatch.code).toBe('checksum_mismatch')
    expect(mismatch.message).not.toMatch(/expected a, got b/)
    expect(describeUpdateError(Object.assign(new Error('New version 1.1.0 is not signed by the application owner'), { code: 'ERR_UPDATER_INVALID_SIGNATURE' }), 'download').code).toBe(
      'signature_invalid',
    )
  })

  it('keep release notes as plain text', () => {
    expect(releaseNotesText('<h2>1.1</h2><ul><li>Faster</li><li>Clearer</li></ul>')).toBe('1.1\nFaster\nClearer')
    expect(releaseNotesText([{ version: '1.1.0', note: 'Faster' }, { version: '1.0.5', note: null }])).toBe('1.1.0: Faster\n1.0.5')
    expect(releaseNotesText(null)).toBeNull()
    expect(releaseNotesText('  ')).toBeNull()
  })
})
