/**
 * Where workspaces live by default: the OS's per-user application-data folder, as Electron's
 * app.getPath('appData') would answer, computed here without Electron so CLI and browser mode
 * agree with the desktop app.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
}

/**
 * The app's own folder in app data: the workspaces folder and the list of recently opened
 * workspaces live here. INSTEP_HOME replaces both with one folder (tests, portable set-ups).
 */
export function appHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INSTEP_HOME ?? join(appDataDir(env), 'Instep')
}

export function defaultWorkspacesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.INSTEP_HOME ?? join(appHomeDir(env), 'workspaces')
}

export function defaultDemoWorkspace(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultWorkspacesRoot(env), 'demo')
}

export const CONFIG_FILE = 'instep.workspace.json'
export const SECRETS_FILE = 'secrets.json'
export const DATABASE_FILE = 'instep.db'
export const RECENT_WORKSPACES_FILE = 'recent-workspaces.json'
