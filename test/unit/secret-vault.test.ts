import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SecretVault, VAULT_FILE, type SafeStorageLike } from '../../src/main/os/secret-vault'

/** Stands in for Electron's safeStorage: reversible, but nothing like the plain text. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a).reverse()),
    decryptString: (enc) => Buffer.from([...enc].reverse().map((b) => b ^ 0x5a)).toString('utf8'),
  }
}

const dirs: string[] = []
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'instep-vault-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('secret vault (desktop app)', () => {
  it('stores secrets encrypted, owner-only, and gives them back decrypted', () => {
    const d = dir()
    const vault = new SecretVault(d, fakeSafeStorage('gnome_libsecret'), 'linux')
    expect(vault.status().protection).toBe('keyring')
    vault.put('centra.token', 'super-secret-token-123')
    const onDisk = readFileSync(join(d, VAULT_FILE), 'utf8')
    expect(onDisk).not.toContain('super-secret-token-123')
    expect(statSync(join(d, VAULT_FILE)).mode & 0o077).toBe(0)
    expect(new SecretVault(d, fakeSafeStorage('gnome_libsecret'), 'linux').readAll()).toEqual({ 'centra.token': 'super-secret-token-123' })
  })

  it('refuses to store without a keyring (Linux basic_text) unless the user agreed, and says why', () => {
    const d = dir()
    const vault = new SecretVault(d, fakeSafeStorage('basic_text'), 'linux')
    expect(vault.status()).toMatchObject({ protection: 'weak', message: expect.stringContaining('No keyring') })
    expect(() => vault.put('erp.clientSecret', 'a-client-secret')).toThrow(/No keyring/)
    expect(vault.put('erp.clientSecret', 'a-client-secret', { allowWeak: true }).protection).toBe('weak')
    expect(vault.readAll()['erp.clientSecret']).toBe('a-client-secret')
  })

  it('refuses when the OS cannot encrypt at all', () => {
    const vault = new SecretVault(dir(), fakeSafeStorage('unknown', false), 'win32')
    expect(() => vault.put('centra.token', 'x'.repeat(10), { allowWeak: true })).toThrow(/environment variables/)
  })
})
