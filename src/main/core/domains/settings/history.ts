/**
 * The settings history: who changed which section when, and what changed. Kept as one JSON line
 * per change in the workspace folder (settings-history.jsonl), next to the file it describes, and
 * only ever appended to. It is built from the workspace config, which holds secret references
 * only, so no secret can end up in it; a replaced secret is noted as "replaced".
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SettingsChange } from '../../../../shared/contract'

export const HISTORY_FILE = 'settings-history.jsonl'

export function appendHistory(workspaceDir: string, entry: SettingsChange): void {
  appendFileSync(join(workspaceDir, HISTORY_FILE), JSON.stringify(entry) + '\n', { mode: 0o644 })
}

export function readHistory(workspaceDir: string, limit: number): SettingsChange[] {
  const file = join(workspaceDir, HISTORY_FILE)
  if (!existsSync(file)) return []
  const out: SettingsChange[] = []
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
    if (!lines[i].trim()) continue
    try {
      out.push(JSON.parse(lines[i]) as SettingsChange)
    } catch {
      // a line cut short by a crash: skip it, keep the rest readable
    }
  }
  return out
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value))
  }
}

/** "schedule.ordersEveryMinutes: 5 → 15" for every leaf that differs between two config sections. */
export function describeChanges(before: unknown, after: unknown, prefix: string): string[] {
  const a = new Map<string, string>()
  const b = new Map<string, string>()
  flatten(before, prefix, a)
  flatten(after, prefix, b)
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort()
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? '(none)'} → ${b.get(k) ?? '(none)'}`)
}
