import { afterEach, describe, expect, it } from 'vitest'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase, schemaVersion } from '../../src/main/core/db/open'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/db/migrations'

const dirs: string[] = []
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'instep-db-'))
  dirs.push(dir)
  return join(dir, 'instep.db')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Closes with a checkpoint so the whole database is in the main file (for byte comparisons). */
function closeClean(db: Database.Database) {
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

describe('workspace database', () => {
  it('creates a new database in WAL mode with foreign keys and every migration applied', () => {
    const file = tempDb()
    const db = openDatabase(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    const recorded = db.prepare('SELECT version, checksum FROM schema_migrations').all()
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, checksum: m.checksum })))
    db.close()
  })

  it('opens an existing database again without re-applying anything', () => {
    const file = tempDb()
    closeClean(openDatabase(file))
    const db = openDatabase(file)
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length)
    db.close()
  })

  it('refuses a database written by a newer version and leaves the file byte-for-byte unchanged', () => {
    const file = tempDb()
    const db = openDatabase(file)
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 'now')").run()
    closeClean(db)
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(/newer version of Instep/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a database whose migration history was changed, without modifying it', () => {
    const file = tempDb()
    const db = openDatabase(file)
    db.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").run()
    closeClean(db)
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(/migration history/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a migration list whose released step was edited in code', () => {
    const file = tempDb()
    closeClean(openDatabase(file))
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m))
    expect(() => openDatabase(file, edited)).toThrow(/migration history/)
  })

  it('refuses a SQLite file that is not an Instep workspace', () => {
    const file = tempDb()
    const other = new Database(file)
    other.exec('CREATE TABLE songs (id INTEGER)')
    other.close()
    const copy = file + '.copy'
    copyFileSync(file, copy)
    expect(() => openDatabase(file)).toThrow(/not an Instep workspace/)
    expect(readFileSync(file).equals(readFileSync(copy))).toBe(true)
  })
})
