import type { Db } from '../open'

export function createCursorsRepo(db: Db) {
  const get = db.prepare('SELECT value FROM cursors WHERE stream = ?')
  const put = db.prepare(
    'INSERT INTO cursors (stream, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  )
  return {
    get(stream: string): string | null {
      const row = get.get(stream) as { value: string | null } | undefined
      return row?.value ?? null
    },
    /** Call inside the transaction that stores the data the cursor covers. */
    put(stream: string, value: string, at: string): void {
      put.run(stream, value, at)
    },
  }
}
export type CursorsRepo = ReturnType<typeof createCursorsRepo>
