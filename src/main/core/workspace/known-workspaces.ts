/**
 * The workspaces this computer knows: every folder under the workspaces root that holds a
 * workspace file, plus the ones opened recently from elsewhere (`--workspace`, the switcher). The
 * recent list is a small JSON file in the app's home folder, never in a workspace's database, so
 * it survives a workspace being moved or deleted and is the same for every workspace.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { CONFIG_FILE, RECENT_WORKSPACES_FILE } from './paths'
import { loadConfig } from './config'

const KEEP = 20

const RecentFile = z.object({ recent: z.array(z.object({ dir: z.string(), openedAt: z.string() })) })
type Recent = z.infer<typeof RecentFile>['recent']

export interface WorkspaceLocations {
  /** the app's home folder (holds the recent list) */
  home: string
  /** where new workspaces are created by default */
  root: string
}

export interface KnownWorkspace {
  dir: string
  name: string
  demo: boolean
  current: boolean
  lastOpenedAt: string | null
  /** why it cannot be opened now (missing, unreadable settings), or null */
  problem: string | null
}

export function readRecent(home: string): Recent {
  try {
    const parsed = RecentFile.safeParse(JSON.parse(readFileSync(join(home, RECENT_WORKSPACES_FILE), 'utf8')))
    return parsed.success ? parsed.data.recent : []
  } catch {
    // no list yet, or a damaged one: start a new list rather than refuse to start
    return []
  }
}

/** Puts a workspace at the top of the recent list; written atomically so a crash never leaves half a file. */
export function recordOpened(home: string, dir: string, at: Date = new Date()): void {
  const abs = resolve(dir)
  const recent = [{ dir: abs, openedAt: at.toISOString() }, ...readRecent(home).filter((r) => r.dir !== abs)].slice(0, KEEP)
  mkdirSync(home, { recursive: true })
  const file = join(home, RECENT_WORKSPACES_FILE)
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, JSON.stringify({ recent }, null, 2) + '\n')
  renameSync(tmp, file)
}

function foldersUnder(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, CONFIG_FILE)))
      .map((d) => join(root, d.name))
  } catch {
    return []
  }
}

function describe(dir: string, currentDir: string, lastOpenedAt: string | null): KnownWorkspace {
  const base = { dir, current: dir === currentDir, lastOpenedAt }
  try {
    const config = loadConfig(dir)
    return { ...base, name: config.name, demo: config.demo, problem: null }
  } catch (e) {
    return { ...base, name: dir.split(/[\\/]/).filter(Boolean).pop() ?? dir, demo: false, problem: e instanceof Error ? e.message : String(e) }
  }
}

/** Recently opened first (newest first), then the rest of the workspaces folder by name; the open one always included. */
export function listKnownWorkspaces(where: WorkspaceLocations, currentDir: string): KnownWorkspace[] {
  const current = resolve(currentDir)
  const recent = readRecent(where.home)
  const seen = new Set<string>()
  const out: KnownWorkspace[] = []
  for (const r of recent) {
    if (seen.has(r.dir)) continue
    seen.add(r.dir)
    out.push(describe(r.dir, current, r.openedAt))
  }
  for (const dir of [current, ...foldersUnder(where.root)]) {
    if (seen.has(dir)) continue
    seen.add(dir)
    out.push(describe(dir, current, null))
  }
  return out.sort((a, b) => {
    if ((a.lastOpenedAt === null) !== (b.lastOpenedAt === null)) return a.lastOpenedAt === null ? 1 : -1
    if (a.lastOpenedAt && b.lastOpenedAt && a.lastOpenedAt !== b.lastOpenedAt) return a.lastOpenedAt < b.lastOpenedAt ? 1 : -1
    return a.name.localeCompare(b.name)
  })
}
