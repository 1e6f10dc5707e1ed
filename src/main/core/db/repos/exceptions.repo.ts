import type { Db } from '../open'
import type { ExceptionRow, Team } from '../../../../shared/contract'

export interface RaiseInput {
  traceKey: string
  category: string
  team: Team
  severity: 'low' | 'medium' | 'high'
  objectType: string
  objectRef: string
  title: string
  detail: string
}

interface Row {
  id: number
  trace_key: string
  category: string
  team: Team
  severity: ExceptionRow['severity']
  status: ExceptionRow['status']
  object_type: string
  object_ref: string
  title: string
  detail: string
  first_seen_at: string
  last_seen_at: string
  occurrences: number
}

const toException = (r: Row): ExceptionRow => ({
  id: r.id,
  traceKey: r.trace_key,
  category: r.category,
  team: r.team,
  severity: r.severity,
  status: r.status,
  objectType: r.object_type,
  objectRef: r.object_ref,
  title: r.title,
  detail: r.detail,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  occurrences: r.occurrences,
})

const LIVE = "status IN ('open','acknowledged')"

export function createExceptionsRepo(db: Db) {
  const live = db.prepare(`SELECT * FROM exceptions WHERE trace_key = ? AND ${LIVE}`)
  const insert = db.prepare(`
    INSERT INTO exceptions (trace_key, category, team, severity, status, object_type, object_ref, title, detail,
      first_seen_at, last_seen_at, occurrences)
    VALUES (@traceKey, @category, @team, @severity, 'open', @objectType, @objectRef, @title, @detail, @at, @at, 1)`)
  const bump = db.prepare(
    'UPDATE exceptions SET occurrences = occurrences + 1, last_seen_at = ?, detail = ?, title = ? WHERE id = ?',
  )
  const resolve = db.prepare(`UPDATE exceptions SET status = 'resolved', resolved_at = ?, last_seen_at = ? WHERE id = ?`)
  const event = db.prepare('INSERT INTO exception_events (exception_id, at, kind, note) VALUES (?, ?, ?, ?)')
  const openByTeam = db.prepare(`SELECT team, COUNT(*) AS n FROM exceptions WHERE ${LIVE} GROUP BY team`)

  return {
    /** Opens an exception for the trace key, or counts another occurrence of the live one. */
    raise(input: RaiseInput, at: string): { id: number; created: boolean } {
      const existing = live.get(input.traceKey) as Row | undefined
      if (existing) {
        bump.run(at, input.detail, input.title, existing.id)
        return { id: existing.id, created: false }
      }
      const id = Number(insert.run({ ...input, at }).lastInsertRowid)
      event.run(id, at, 'opened', null)
      return { id, created: true }
    },
    /** A later success for the same trace key closes the live exception. */
    resolveByTraceKey(traceKey: string, note: string, at: string): boolean {
      const existing = live.get(traceKey) as Row | undefined
      if (!existing) return false
      resolve.run(at, at, existing.id)
      event.run(existing.id, at, 'auto-resolved', note)
      return true
    },
    liveTraceKeysWithPrefix(prefix: string): string[] {
      return (
        db.prepare(`SELECT trace_key FROM exceptions WHERE ${LIVE} AND trace_key LIKE ? ESCAPE '\\'`).all(
          prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%',
        ) as { trace_key: string }[]
      ).map((r) => r.trace_key)
    },
    list(filter: { status?: string[]; team?: string[]; limit: number; offset: number }): { rows: ExceptionRow[]; total: number } {
      const where: string[] = []
      const params: unknown[] = []
      if (filter.status?.length) {
        where.push(`status IN (${filter.status.map(() => '?').join(',')})`)
        params.push(...filter.status)
      }
      if (filter.team?.length) {
        where.push(`team IN (${filter.team.map(() => '?').join(',')})`)
        params.push(...filter.team)
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM exceptions ${clause}`).get(...params) as { n: number }).n
      const rows = db
        .prepare(`SELECT * FROM exceptions ${clause} ORDER BY last_seen_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset) as Row[]
      return { rows: rows.map(toException), total }
    },
    openCountByTeam(): Record<Team, number> {
      const out: Record<Team, number> = { finance: 0, operations: 0, ecommerce: 0, cx: 0 }
      for (const r of openByTeam.all() as { team: Team; n: number }[]) out[r.team] = r.n
      return out
    },
  }
}
export type ExceptionsRepo = ReturnType<typeof createExceptionsRepo>
