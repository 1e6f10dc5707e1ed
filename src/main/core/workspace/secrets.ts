/**
 * Resolves secret references for CLI and browser mode: from an environment variable, or from
 * the workspace's secrets.json, which must be readable by its owner only. (The desktop app
 * keeps them with the OS keyring instead.) Resolved values stay in core and are never logged.
 */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { SecretRef } from './config'
import { SECRETS_FILE } from './paths'

export interface SecretResolver {
  resolve(ref: SecretRef, label: string): string
}

export function secretsFile(workspaceDir: string): string {
  return join(workspaceDir, SECRETS_FILE)
}

function readSecretsFile(workspaceDir: string): Record<string, string> {
  const file = secretsFile(workspaceDir)
  if (!existsSync(file)) return {}
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777
    if (mode & 0o077) {
      throw new AppError(
        'auth',
        `The secrets file ${file} can be read by other users (permissions ${mode.toString(8)}). Run: chmod 600 "${file}"`,
      )
    }
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new AppError('invalid_input', `The secrets file ${file} must be a JSON object of name → value.`)
  }
  return data as Record<string, string>
}

/**
 * `provided`: secrets handed over in memory (the desktop app decrypts its vault in main and
 * passes them to core); they are looked at before the workspace's secrets file.
 */
export function createSecretResolver(workspaceDir: string, env: NodeJS.ProcessEnv = process.env, provided: Record<string, string> = {}): SecretResolver {
  return {
    resolve(ref, label) {
      if ('env' in ref) {
        const value = env[ref.env]
        if (!value) throw new AppError('auth', `${label} is expected in the environment variable ${ref.env}, which is not set.`)
        return value
      }
      if (provided[ref.secret]) return provided[ref.secret]
      const value = readSecretsFile(workspaceDir)[ref.secret]
      if (!value) throw new AppError('auth', `${label} is missing from ${secretsFile(workspaceDir)} (key "${ref.secret}").`)
      return value
    },
  }
}

/** Stores secrets with owner-only permissions, atomically. */
export function writeSecrets(workspaceDir: string, values: Record<string, string>): void {
  const file = secretsFile(workspaceDir)
  const merged = { ...(existsSync(file) ? readSecretsFile(workspaceDir) : {}), ...values }
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, JSON.stringify(merged, null, 2) + '\n', { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
}

/** Where new secrets go: the OS keyring in the desktop app, an owner-only file in browser mode and CLI. */
export interface SecretStore {
  status(): Promise<SecretProtection>
  put(key: string, value: string, options: { allowWeak?: boolean }): Promise<SecretProtection>
}

export interface SecretProtection {
  protection: 'keyring' | 'weak' | 'unavailable' | 'file'
  message: string
}

export function fileSecretStore(workspaceDir: string): SecretStore {
  const status: SecretProtection = {
    protection: 'file',
    message: `Secrets are kept in ${secretsFile(workspaceDir)}, readable by your user account only. In the desktop app they are encrypted with the operating system keyring instead.`,
  }
  return {
    status: async () => status,
    put: async (key, value) => {
      writeSecrets(workspaceDir, { [key]: value })
      return status
    },
  }
}
