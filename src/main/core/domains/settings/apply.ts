/**
 * One settings change, the same way for every section: read the workspace file fresh (a hand
 * edit since start is kept), change one section, check the whole file against the rules it is
 * loaded with, store a new secret if there is one, write the file atomically, apply it live and
 * record it in the settings history; answers with the settings as the screen then shows them.
 * Nothing is written when any step before the write fails.
 */
import type { SettingsSection, SettingsView } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { HandlerContext } from '../../rpc/handlers'
import { loadConfig, saveConfig, WorkspaceConfig } from '../../workspace/config'
import { appendHistory, describeChanges } from './history'
import { plainIssue } from './plain-issue'
import { settingsView } from './view'

export interface NewSecret {
  /** the secret store's entry name; the config then refers to it as { secret: key } */
  key: string
  value: string
  /** for the history: "Centra API token" */
  label: string
}

export interface SettingsChangeRequest {
  section: SettingsSection
  actor: string
  /** which top-level parts of the config the history compares */
  parts: readonly (keyof WorkspaceConfig)[]
  /** changes the draft in place; throws AppError('invalid_input') for a rule of its own */
  edit: (draft: WorkspaceConfig) => void
  secret?: NewSecret
  allowWeakStorage?: boolean
}

/** The risk of storing without a keyring, and the way around it, said before anything is stored. */
export const WEAK_STORAGE_REFUSAL =
  'This computer has no keyring (such as GNOME Keyring or KWallet), so Instep could only store the secret obfuscated, not encrypted: ' +
  'anyone who can read your files could recover it. Nothing was saved. Tick “Store it anyway” to accept that, start a keyring and try again, ' +
  'or keep the secret in an environment variable named in the workspace file instead.'

export async function applySettingsChange(ctx: HandlerContext, req: SettingsChangeRequest): Promise<SettingsView> {
  const before = loadConfig(ctx.workspaceDir)
  const draft = structuredClone(before)
  req.edit(draft)
  const checked = WorkspaceConfig.safeParse(draft)
  if (!checked.success) throw new AppError('invalid_input', plainIssue(checked.error.issues[0]))

  if (req.secret) {
    const storage = await ctx.secrets.status()
    if (storage.protection === 'unavailable') throw new AppError('invalid_input', storage.message)
    if (storage.protection === 'weak' && !req.allowWeakStorage) throw new AppError('invalid_input', WEAK_STORAGE_REFUSAL)
    try {
      await ctx.secrets.put(req.secret.key, req.secret.value, req.allowWeakStorage === true)
    } catch (e) {
      throw new AppError('auth', `The ${req.secret.label} was not saved: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  saveConfig(ctx.workspaceDir, checked.data)
  ctx.reloadConfig()

  const changes = req.parts.flatMap((part) => describeChanges(before[part], checked.data[part], String(part)))
  if (req.secret) changes.push(`${req.secret.label} replaced`)
  if (changes.length) appendHistory(ctx.workspaceDir, { at: ctx.clock().toISOString(), actor: req.actor, section: req.section, changes })
  return settingsView(ctx.config, ctx.secrets)
}
