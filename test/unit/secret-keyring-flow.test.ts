/**
 * A credential typed into Settings in the desktop app, end to end without an Electron binary:
 * the engine (a real core) asks main through its parent port, main's CoreHost stores it in the
 * vault with safeStorage. Only `electron` is faked — safeStorage (here: Linux without a keyring,
 * backend `basic_text`), utilityProcess (a child whose messages are wired to the core's port) and
 * MessageChannelMain. The fake goes into Node's require cache before core-host is loaded, so
 * every `electron` import sees it.
 */
import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CoreHost as CoreHostClass } from '../../src/main/core-host'
import { createCore, type Core } from '../../src/main/core/core'
import { keyringSecretStore } from '../../src/main/core/workspace/keyring-secret-store'
import { SecretVault, VAULT_FILE } from '../../src/main/os/secret-vault'
import type { SettingsView } from '../../src/shared/contract'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace'

const require = createRequire(import.meta.url)

let backend = 'basic_text'
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  // Reversible but nothing like the plain text, as basic_text's fixed key would be.
  encryptString: (plain: string) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a).reverse()),
  decryptString: (enc: Buffer) => Buffer.from([...enc].reverse().map((b) => b ^ 0x5a)).toString('utf8'),
}

/** The forked engine as main sees it; `toCore` is the engine's parent port. */
const toCore = new EventEmitter()
class FakeChild extends EventEmitter {
  postMessage(message: unknown): void {
    queueMicrotask(() => toCore.emit('message', { data: message }))
  }
  kill(): void {
    this.emit('exit', 0)
  }
}
let child: FakeChild | null = null
const fakeElectron = {
  safeStorage,
  utilityProcess: {
    fork: () => (child = new FakeChild()),
  },
  MessageChannelMain: class {
    port1 = {}
    port2 = {}
  },
}
const electronPath = require.resolve('electron')
require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron, children: [], paths: [] } as unknown as NodeJS.Module

let CoreHost: typeof CoreHostClass
beforeAll(async () => {
  CoreHost = (await import('../../src/main/core-host')).CoreHost
})

let ws: TempWorkspace | undefined
let core: Core | undefined
afterEach(async () => {
  await core?.close()
  ws?.cleanup()
  toCore.removeAllListeners()
  core = ws = undefined
  child = null
  backend = 'basic_text'
})

const SECRET = 'bc-client-secret-typed-in-settings-4471'

/** Main's CoreHost started on the workspace, and a core whose secret store talks to it. */
function desktop(dir: string): Core {
  const host = new CoreHost(dir)
  host.start()
  const engine = child!
  engine.emit('message', { type: 'ready' }) // the handshake, so main's start timeout is cleared
  const port = {
    on: (_: 'message', listener: (e: { data: unknown }) => void) => void toCore.on('message', listener),
    postMessage: (message: unknown) => queueMicrotask(() => engine.emit('message', message)),
  }
  return createCore({
    workspaceDir: dir,
    mode: 'test',
    secrets: { provided: {}, store: keyringSecretStore(port) },
    connectors: () => ({ store: new FakeCentra([]), erp: new FakeErp([]) }),
  })
}

const erpInput = (allowWeakStorage?: boolean) => ({
  actor: 'Maja',
  erp: {
    kind: 'business-central' as const,
    baseUrl: 'https://bc.example.com/api/v2.0',
    tokenUrl: 'https://login.example.com/token',
    clientId: 'app-1',
    timeoutMs: 60_000,
    clientSecret: SECRET,
  },
  ...(allowWeakStorage === undefined ? {} : { allowWeakStorage }),
})

describe.runIf(process.platform === 'linux')('desktop app on Linux without a keyring (safeStorage basic_text)', () => {
  it('says so, refuses to store a secret without consent, and stores it only obfuscated in the vault after consent', async () => {
    ws = tempWorkspace()
    core = desktop(ws.dir)
    const status = await core.dispatch('connections.secretStorage', {})
    expect(status).toMatchObject({ ok: true, data: { protection: 'weak', message: expect.stringContaining('No keyring') } })

    const refused = await core.dispatch('settings.setErp', erpInput())
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.error.message).toMatch(/no keyring.*Nothing was saved.*environment variable/s)
    expect(readdirSync(ws.dir)).not.toContain(VAULT_FILE)

    const saved = await core.dispatch('settings.setErp', erpInput(true))
    expect(saved.ok).toBe(true)
    expect(saved.ok && (saved.data as SettingsView).erp).toMatchObject({ clientSecret: { set: true, source: 'store', name: 'erp.clientSecret', problem: null } })
    expect(readFileSync(join(ws.dir, VAULT_FILE), 'utf8')).not.toContain(SECRET)
    expect(new SecretVault(ws.dir, safeStorage, 'linux').readAll()).toEqual({ 'erp.clientSecret': SECRET })
    for (const f of readdirSync(ws.dir)) expect(readFileSync(join(ws.dir, f)).includes(SECRET), f).toBe(false)
  })

  it('stores without asking when a keyring is running', async () => {
    backend = 'gnome_libsecret'
    ws = tempWorkspace()
    core = desktop(ws.dir)
    const saved = await core.dispatch('settings.setErp', erpInput())
    expect(saved.ok).toBe(true)
    expect(new SecretVault(ws.dir, safeStorage, 'linux').readAll()).toEqual({ 'erp.clientSecret': SECRET })
  })
})
