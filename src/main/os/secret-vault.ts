/**
 * Secrets of the desktop app, encrypted at rest with the OS keyring through Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). Only main can
 * use safeStorage: it decrypts at core start and hands the values to the core process in
 * memory; the renderer never receives them.
 *
 * On Linux without a keyring safeStorage falls back to `basic_text`, a fixed key that protects
 * nothing; the vault then refuses to store unless the user agreed, and says why.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The part of Electron's safeStorage the vault uses (injected, so it is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export interface VaultStatus {
  /** 'keyring': encrypted with the OS keyring; 'weak': only obfuscated (Linux basic_text); 'unavailable': cannot encrypt */
  protection: 'keyring' | 'weak' | 'unavailable'
  message: string
}

export const VAULT_FILE = 'secrets.vault.json'

interface VaultFile {
  version: 1
  entries: Record<string, string>
}

export class SecretVault {
  private readonly file: string

  constructor(
    workspaceDir: string,
    private readonly safe: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = join(workspaceDir, VAULT_FILE)
  }

  status(): VaultStatus {
    if (!this.safe.isEncryptionAvailable()) {
      return { protection: 'unavailable', message: 'This computer offers no way to encrypt secrets. Use environment variables for the API credentials instead.' }
    }
    if (this.platform === 'linux' && this.safe.getSelectedStorageBackend?.() === 'basic_text') {
      return {
        protection: 'weak',
        message:
          'No keyring (such as GNOME Keyring or KWallet) is running, so secrets could only be stored obfuscated, not encrypted. ' +
          'Anyone who can read your files could recover them. Start a keyring, or agree explicitly to store them this way.',
      }
    }
    return { protection: 'keyring', message: 'Secrets are encrypted with the operating system keyring.' }
  }

  /** Stores one secret. Refuses without a keyring unless the user agreed to weak storage. */
  put(key: string, value: string, options: { allowWeak?: boolean } = {}): VaultStatus {
    const status = this.status()
    if (status.protection === 'unavailable') throw new Error(status.message)
    if (status.protection === 'weak' && !options.allowWeak) throw new Error(status.message)
    const data = this.read()
    data.entries[key] = this.safe.encryptString(value).toString('base64')
    this.write(data)
    return status
  }

  remove(key: string): void {
    const data = this.read()
    delete data.entries[key]
    this.write(data)
  }

  /** Every secret, decrypted, for the core process. An entry that no longer decrypts is left out. */
  readAll(): Record<string, string> {
    const out: Record<string, string> = {}
    if (!this.safe.isEncryptionAvailable()) return out
    for (const [key, value] of Object.entries(this.read().entries)) {
      try {
        out[key] = this.safe.decryptString(Buffer.from(value, 'base64'))
      } catch {
        // Encrypted by another user or machine: the user re-enters it in Settings.
      }
    }
    return out
  }

  private read(): VaultFile {
    if (!existsSync(this.file)) return { version: 1, entries: {} }
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as VaultFile
    return { version: 1, entries: parsed.entries ?? {} }
  }

  private write(data: VaultFile): void {
    const tmp = `${this.file}.tmp-${process.pid}`
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 })
    chmodSync(tmp, 0o600)
    renameSync(tmp, this.file)
  }
}
