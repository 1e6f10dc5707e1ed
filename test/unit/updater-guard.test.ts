/**
 * The sync guard the updater asks before restarting, wired exactly as in the app: the real
 * CoreHost hands main a MessagePort to a real core (temp workspace, in-memory connectors) and
 * the guard follows `sync.jobs`, `sync.progress` and `sync.finished` over it. Electron's
 * utilityProcess and MessageChannelMain are stood in for by an in-process core and Node's
 * MessageChannel, shaped like MessagePortMain ({ data } events).
 */
import { EventEmitter } from 'node:events'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCore, type Core } from '../../src/main/core/core'
import { openConnection } from '../../src/main/core/transports/connection'
import { UpdateController, type Updater } from '../../src/main/updater/controller'
import { CoreSyncGuard, viaCoreHost } from '../../src/main/updater/core-sync-guard'
import type { UpdateState } from '../../src/main/updater/state'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace'

/** Node's MessagePort delivers the message itself; Electron's MessagePortMain delivers { data }. */
class PortMain {
  constructor(private readonly port: MessagePort) {}
  on(_event: 'message', listener: (e: { data: unknown }) => void) {
    this.port.on('message', (data) => listener({ data }))
  }
  postMessage(message: unknown) {
    this.port.postMessage(message)
  }
  start() {
    this.port.start()
  }
  close() {
    this.port.close()
  }
}

const fixture = vi.hoisted(() => ({ connectors: null as null | (() => unknown), cores: [] as unknown[], children: [] as { emit(e: string, ...a: unknown[]): boolean }[] }))

vi.mock('electron', () => {
  class MessageChannelMain {
    port1: PortMain
    port2: PortMain
    constructor() {
      const { port1, port2 } = new MessageChannel()
      this.port1 = new PortMain(port1)
      this.port2 = new PortMain(port2)
    }
  }
  /** An in-process "utility process" speaking utility-entry's protocol. */
  const utilityProcess = {
    fork() {
      const child = new EventEmitter() as EventEmitter & { postMessage(msg: unknown, ports?: PortMain[]): void; kill(): void }
      let core: Core | null = null
      fixture.children.push(child)
      child.postMessage = (msg: unknown, ports?: PortMain[]) => {
        const m = msg as { type: string; workspaceDir?: string }
        if (m.type === 'start') {
          core = createCore({ workspaceDir: m.workspaceDir!, mode: 'test', connectors: fixture.connectors as never })
          fixture.cores.push(core)
          setImmediate(() => child.emit('message', { type: 'ready' }))
        } else if (m.type === 'connect' && core && ports?.[0]) {
          const port = ports[0]
          const conn = openConnection(core, (out) => port.postMessage(out))
          port.on('message', (e) => conn.receive(e.data))
          port.start()
        } else if (m.type === 'stop') {
          void core?.close().then(() => child.emit('exit', 0))
        }
      }
      child.kill = () => child.emit('exit', 1)
      return child
    },
  }
  // The host reads the workspace's keyring vault at start; no keyring in this test.
  const safeStorage = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' }
  return { MessageChannelMain, utilityProcess, safeStorage }
})

const { CoreHost } = await import('../../src/main/core-host')

let ws: TempWorkspace | null = null
let host: InstanceType<typeof CoreHost> | null = null
afterEach(async () => {
  await host?.stop()
  host = null
  ws?.cleanup()
  ws = null
})

function fakeUpdater(): Updater & { emit(event: string, ...args: unknown[]): boolean; quitAndInstall: ReturnType<typeof vi.fn> } {
  const emitter = new EventEmitter()
  return Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    logger: null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    downloadUpdate: vi.fn(async () => []),
    quitAndInstall: vi.fn(),
  }) as never
}

describe('restart to update, asking the real core whether a sync runs', () => {
  it('defers the restart while an order sync runs and restarts when it has finished', async () => {
    const orders = Array.from({ length: 4 }, (_, i) => storeOrder(8000 + i, [{ sku: 'TS1001BLKM' }]))
    const erp = new FakeErp([item('TS1001BLKM')])
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    erp.beforeCreate = async () => {
      if (erp.createCalls === 2) await gate
    }
    fixture.connectors = () => ({ store: new FakeCentra(orders), erp })
    ws = tempWorkspace()
    host = new CoreHost(ws.dir)
    host.start()

    const guard = new CoreSyncGuard(viaCoreHost(host))
    const updater = fakeUpdater()
    const states: UpdateState[] = []
    const controller = new UpdateController({
      updater,
      feed: { kind: 'packaged' },
      sync: guard,
      currentVersion: '1.0.0',
      onState: (s) => states.push(s),
      logger: { info() {}, warn() {}, error() {} },
    })
    updater.emit('update-downloaded', { version: '1.1.0', releaseNotes: null, files: [], path: '', sha512: '', releaseDate: '' })
    expect(controller.getState().state).toBe('ready')

    // Start a sync through the core, as the UI or the scheduler would, and hold it mid-run.
    const core = await vi.waitFor(() => {
      expect(fixture.cores).toHaveLength(1)
      return fixture.cores[0] as Core
    })
    const started = await core.dispatch('sync.runNow', { job: 'orders' })
    expect(started.ok).toBe(true)
    await vi.waitFor(() => expect(erp.createCalls).toBe(2))
    await vi.waitFor(() => expect(guard.isSyncRunning()).toBe(true))

    const restarted = controller.restartToUpdate()
    expect(controller.getState()).toMatchObject({ state: 'ready', restartPending: true })
    await new Promise((r) => setTimeout(r, 100))
    expect(updater.quitAndInstall).not.toHaveBeenCalled()

    release()
    await restarted
    expect(erp.documents).toHaveLength(4) // the sync finished its work before the restart
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, true)
    expect(states.at(-1)).toEqual({ state: 'installing', version: '1.1.0' })
    controller.dispose()
  })

  it('counts a sync as over when the core crashes mid-run, and follows the restarted core', async () => {
    const erp = new FakeErp([item('TS1001BLKM')])
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    erp.beforeCreate = () => gate
    fixture.connectors = () => ({ store: new FakeCentra([storeOrder(9001, [{ sku: 'TS1001BLKM' }])]), erp })
    fixture.cores.length = 0
    fixture.children.length = 0
    ws = tempWorkspace()
    host = new CoreHost(ws.dir)
    host.start()
    const guard = new CoreSyncGuard(viaCoreHost(host))
    const first = await vi.waitFor(() => {
      expect(fixture.cores).toHaveLength(1)
      return fixture.cores[0] as Core
    })
    await vi.waitFor(async () => {
      await guard.refresh()
      expect(guard.isSyncRunning()).toBe(false)
    })

    await first.dispatch('sync.runNow', { job: 'orders' })
    await vi.waitFor(() => expect(guard.isSyncRunning()).toBe(true))
    const idle = guard.waitForIdle()

    // The utility process dies: CoreHost reports "starting" and forks a new core.
    fixture.children[0].emit('exit', 1)
    await idle
    expect(guard.isSyncRunning()).toBe(false)
    await vi.waitFor(() => expect(fixture.cores).toHaveLength(2))
    await vi.waitFor(async () => {
      await guard.refresh()
      expect(guard.isSyncRunning()).toBe(false)
    })

    release()
    await first.runner.wait(1)
    await first.close()
  })
})
