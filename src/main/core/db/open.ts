/**
 * Opens the workspace database. Before touching anything it checks, read-only, that the file's
 * migration history is one this build knows: a database written by a newer Instep, or whose
 * history was changed, is refused and left exactly as it was.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

interface AppliedRow {
  version: number
  name: string
  checksum: string
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (existsSync(file)) verifyHistory(file, migrations)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  migrate(db, migrations)
  return db
}

function verifyHistory(file: string, migrations: readonly Migration[]): void {
  const ro = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const hasTable = ro.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get()
    if (!hasTable) {
      const anyTable = ro.prepare("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").get()
      if (anyTable) {
        throw new AppError('conflict', `The file ${file} is not an Instep workspace database. Instep left it untouched.`)
      }
      return
    }
    const applied = ro.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[]
    checkApplied(applied, migrations, file)
  } finally {
    ro.close()
  }
}

export function checkApplied(applied: AppliedRow[], migrations: readonly Migration[], file: string): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const newest = applied[applied.length - 1]
  if (newest && newest.version > latest) {
    throw new AppError(
      'conflict',
      `This workspace was last opened by a newer version of Instep (database schema ${newest.version}; this version knows up to ${latest}). ` +
        'Update Instep to open it. The workspace was not changed.',
    )
  }
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version)
    if (!known || known.checksum !== row.checksum) {
      throw new AppError(
        'conflict',
        `The workspace database ${file} has a migration history this version of Instep does not recognise ` +
          `(step ${row.version} "${row.name}" differs). It was not changed. Restore it from a backup or contact support.`,
      )
    }
  }
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(HISTORY_TABLE)
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[]
  // Re-checked inside the writer: another process may have migrated between check and open.
  checkApplied(applied, migrations, db.name)
  const done = new Set(applied.map((r) => r.version))
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
  for (const m of migrations) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, m.checksum, new Date().toISOString())
    })()
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }
  return row.v ?? 0
}

export { LATEST_SCHEMA_VERSION }
