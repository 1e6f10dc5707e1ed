import type { Db } from '../open'
import type { ExceptionEvent, ExceptionRow, ExceptionStatus, Team } from '../../../../shared/contract'

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

export interface MatchFilter {
  status?: string[]
  team?: string[]
  category?: string[]
  severity?: string[]
  search?: string
  firstSeenBefore?: string
  firstSeenAfter?: string
  market?: string[]
  openedOn?: string
  closedOn?: string
}

/**
 * The events that open or close an exception: the same sets the Overview's trend chart counts
 * per day (monitoring.repo), so a day's bar and the list it opens agree.
 */
export const OPENING_EVENT = "kind IN ('opened','reopened')"
export const CLOSING_EVENT = "to_status IN ('resolved','ignored')"

export interface ListFilter extends MatchFilter {
  limit: number
  offset: number
}

/**
 * The WHERE clause for a filter, shared by the list, its count and bulk actions. `inOrder` is for
 * the page query: the unary + keeps SQLite from picking a status/team index and sorting tens of
 * thousands of rows; walking the (last_seen_at, id) index and filtering finds a page at once.
 */
function whereOf(filter: MatchFilter, inOrder = false): { clause: string; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  const inList = (column: string, values?: string[]) => {
    if (!values?.length) return
    where.push(`${inOrder ? '+' : ''}${column} IN (${values.map(() => '?').join(',')})`)
    params.push(...values)
  }
  inList('status', filter.status)
  inList('team', filter.team)
  inList('category', filter.category)
  inList('severity', filter.severity)
  if (filter.search) {
    where.push("(object_ref LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')")
    const like = `%${escapeLike(filter.search)}%`
    params.push(like, like)
  }
  if (filter.firstSeenBefore) {
    where.push('first_seen_at <= ?')
    params.push(filter.firstSeenBefore)
  }
  if (filter.firstSeenAfter) {
    where.push('first_seen_at > ?')
    params.push(filter.firstSeenAfter)
  }
  if (filter.market?.length) {
    // Only an exception about one order has a market; SKU and job exceptions span markets.
    where.push(
      `object_type = 'order' AND EXISTS (SELECT 1 FROM centra_orders o WHERE o.number = CAST(exceptions.object_ref AS INTEGER) AND o.market_name IN (${filter.market.map(() => '?').join(',')}))`,
    )
    params.push(...filter.market)
  }
  const eventOn = (event: string, day: string | undefined) => {
    if (!day) return
    where.push(`EXISTS (SELECT 1 FROM exception_events ev WHERE ev.exception_id = exceptions.id AND ev.${event} AND ev.at >= ? AND ev.at < ?)`)
    params.push(`${day}T00:00:00.000Z`, nextDay(day))
  }
  eventOn(OPENING_EVENT, filter.openedOn)
  eventOn(CLOSING_EVENT, filter.closedOn)
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

function nextDay(day: string): string {
  return `${new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`
}

/** An exceptions row as SQLite returns it. */
export interface ExceptionDbRow {
  id: number
  trace_key: string
  category: string
  team: Team
  severity: ExceptionRow['severity']
  status: ExceptionStatus
  object_type: string
  object_ref: string
  title: string
  detail: string
  first_seen_at: string
  last_seen_at: string
  occurrences: number
  assignee: string | null
  status_reason: string | null
}

interface EventRow {
  id: number
  at: string
  kind: string
  actor: string
  from_status: ExceptionStatus | null
  to_status: ExceptionStatus | null
  note: string | null
}

export const toException = (r: ExceptionDbRow): ExceptionRow => ({
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
  assignee: r.assignee,
  statusReason: r.status_reason,
})

const toEvent = (r: EventRow): ExceptionEvent => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  actor: r.actor,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  note: r.note,
})

const LIVE = "status IN ('open','acknowledged')"
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Which status changes a person may make, and from where. */
const TRANSITIONS: Record<'acknowledged' | 'resolved' | 'ignored' | 'open', readonly ExceptionStatus[]> = {
  acknowledged: ['open'],
  resolved: ['open', 'acknowledged'],
  ignored: ['open', 'acknowledged'],
  open: ['resolved', 'ignored'],
}

export function createExceptionsRepo(db: Db) {
  const byId = db.prepare('SELECT * FROM exceptions WHERE id = ?')
  // The markets the market filter can match: those of orders that have an exception.
  const marketsOf = db.prepare(`SELECT DISTINCT o.market_name AS market FROM exceptions e JOIN centra_orders o ON o.number = CAST(e.object_ref AS INTEGER)
    WHERE e.object_type = 'order' AND o.market_name IS NOT NULL ORDER BY 1`)
  const live = db.prepare(`SELECT * FROM exceptions WHERE trace_key = ? AND ${LIVE}`)
  const insert = db.prepare(`
    INSERT INTO exceptions (trace_key, category, team, severity, status, object_type, object_ref, title, detail,
      first_seen_at, last_seen_at, occurrences)
    VALUES (@traceKey, @category, @team, @severity, 'open', @objectType, @objectRef, @title, @detail, @at, @at, 1)`)
  const bump = db.prepare('UPDATE exceptions SET occurrences = occurrences + 1, last_seen_at = ?, detail = ?, title = ? WHERE id = ?')
  const setStatus = db.prepare('UPDATE exceptions SET status = ?, status_reason = ?, resolved_at = ?, last_seen_at = ? WHERE id = ?')
  const setAssignee = db.prepare('UPDATE exceptions SET assignee = ? WHERE id = ?')
  const event = db.prepare(
    'INSERT INTO exception_events (exception_id, at, kind, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const eventsOf = db.prepare('SELECT * FROM exception_events WHERE exception_id = ? ORDER BY id')
  const eventById = db.prepare('SELECT * FROM exception_events WHERE id = ?')
  const openByTeam = db.prepare(`SELECT team, COUNT(*) AS n FROM exceptions WHERE ${LIVE} GROUP BY team`)

  function transition(id: number, to: keyof typeof TRANSITIONS, actor: string, note: string | null, at: string): boolean {
    const row = byId.get(id) as ExceptionDbRow | undefined
    if (!row || !TRANSITIONS[to].includes(row.status)) return false
    if (to === 'open' && live.get(row.trace_key)) return false // a newer live exception already tracks this cause
    setStatus.run(to, to === 'ignored' ? note : null, to === 'resolved' || to === 'ignored' ? at : null, at, id)
    event.run(id, at, to === 'open' ? 'reopened' : to, actor, row.status, to, note)
    return true
  }

  // The workspace may route a category to another team than its built-in owner; applied only
  // when an exception is opened, so a repeat occurrence never moves one a person already handles.
  let teamFor: (category: string) => Team | undefined = () => undefined

  return {
    markets(): string[] {
      return (marketsOf.all() as { market: string }[]).map((r) => r.market)
    },
    /** Where new exceptions of a category go (the workspace's team overrides). */
    routeTeams(route: (category: string) => Team | undefined): void {
      teamFor = route
    },
    /** Opens an exception for the trace key, or counts another occurrence of the live one. */
    raise(input: RaiseInput, at: string): { id: number; created: boolean } {
      const existing = live.get(input.traceKey) as ExceptionDbRow | undefined
      if (existing) {
        bump.run(at, input.detail, input.title, existing.id)
        return { id: existing.id, created: false }
      }
      const id = Number(insert.run({ ...input, team: teamFor(input.category) ?? input.team, at }).lastInsertRowid)
      event.run(id, at, 'opened', 'system', null, 'open', null)
      return { id, created: true }
    },
    /** A later success for the same trace key closes the live exception. */
    resolveByTraceKey(traceKey: string, note: string, at: string): boolean {
      const existing = live.get(traceKey) as ExceptionDbRow | undefined
      if (!existing) return false
      setStatus.run('resolved', null, at, at, existing.id)
      event.run(existing.id, at, 'auto-resolved', 'system', existing.status, 'resolved', note)
      return true
    },
    liveTraceKeysWithPrefix(prefix: string): string[] {
      return (
        db.prepare(`SELECT trace_key FROM exceptions WHERE ${LIVE} AND trace_key LIKE ? ESCAPE '\\'`).all(escapeLike(prefix) + '%') as {
          trace_key: string
        }[]
      ).map((r) => r.trace_key)
    },
    get(id: number): ExceptionRow | null {
      const row = byId.get(id) as ExceptionDbRow | undefined
      return row ? toException(row) : null
    },
    events(id: number): ExceptionEvent[] {
      return (eventsOf.all(id) as EventRow[]).map(toEvent)
    },
    /** Applies a status change to each id it is allowed for; returns how many changed. */
    transition(ids: number[], to: keyof typeof TRANSITIONS, actor: string, note: string | null, at: string): number {
      let changed = 0
      for (const id of ids) if (transition(id, to, actor, note, at)) changed++
      return changed
    },
    assign(ids: number[], assignee: string | null, actor: string, at: string): number {
      let changed = 0
      for (const id of ids) {
        const row = byId.get(id) as ExceptionDbRow | undefined
        if (!row || row.assignee === assignee) continue
        setAssignee.run(assignee, id)
        event.run(id, at, assignee ? 'assigned' : 'unassigned', actor, null, null, assignee)
        changed++
      }
      return changed
    },
    addNote(id: number, note: string, actor: string, at: string): ExceptionEvent | null {
      if (!byId.get(id)) return null
      const eventId = Number(event.run(id, at, 'note', actor, null, null, note).lastInsertRowid)
      return toEvent(eventById.get(eventId) as EventRow)
    },
    list(filter: ListFilter): { rows: ExceptionRow[]; total: number } {
      const { clause, params } = whereOf(filter)
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM exceptions ${clause}`).get(...params) as { n: number }).n
      const ordered = whereOf(filter, true)
      const rows = db
        .prepare(`SELECT * FROM exceptions ${ordered.clause} ORDER BY last_seen_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...ordered.params, filter.limit, filter.offset) as ExceptionDbRow[]
      return { rows: rows.map(toException), total }
    },
    /**
     * One action on every exception matching the filter, set-based in SQL (100 000 rows in one
     * statement pair): the history rows are written first, from the rows' current status, then
     * the rows change. Reopen goes one by one because a newer live exception may own the cause.
     */
    bulkByFilter(
      filter: MatchFilter,
      action: 'acknowledge' | 'resolve' | 'ignore' | 'reopen' | 'assign',
      actor: string,
      note: string | null,
      assignee: string | null,
      at: string,
    ): { matched: number; changed: number } {
      const { clause, params } = whereOf(filter)
      const matched = (db.prepare(`SELECT COUNT(*) AS n FROM exceptions ${clause}`).get(...params) as { n: number }).n
      const and = clause ? `${clause} AND` : 'WHERE'
      if (action === 'reopen') {
        const ids = (db.prepare(`SELECT id FROM exceptions ${and} status IN ('resolved','ignored') ORDER BY id DESC`).all(...params) as { id: number }[]).map(
          (r) => r.id,
        )
        let changed = 0
        for (const id of ids) if (transition(id, 'open', actor, note, at)) changed++
        return { matched, changed }
      }
      if (action === 'assign') {
        const scope = `${and} assignee IS NOT ?`
        db.prepare(
          `INSERT INTO exception_events (exception_id, at, kind, actor, from_status, to_status, note)
           SELECT id, ?, ?, ?, NULL, NULL, ? FROM exceptions ${scope}`,
        ).run(at, assignee ? 'assigned' : 'unassigned', actor, assignee, ...params, assignee)
        const changed = db.prepare(`UPDATE exceptions SET assignee = ? ${scope}`).run(assignee, ...params, assignee).changes
        return { matched, changed }
      }
      const to = action === 'acknowledge' ? 'acknowledged' : action === 'resolve' ? 'resolved' : 'ignored'
      const from = TRANSITIONS[to]
      const scope = `${and} status IN (${from.map(() => '?').join(',')})`
      db.prepare(
        `INSERT INTO exception_events (exception_id, at, kind, actor, from_status, to_status, note)
         SELECT id, ?, ?, ?, status, ?, ? FROM exceptions ${scope}`,
      ).run(at, to, actor, to, note, ...params, ...from)
      const changed = db
        .prepare(`UPDATE exceptions SET status = ?, status_reason = ?, resolved_at = ?, last_seen_at = ? ${scope}`)
        .run(to, to === 'ignored' ? note : null, to === 'acknowledged' ? null : at, at, ...params, ...from).changes
      return { matched, changed }
    },
    openCountByTeam(): Record<Team, number> {
      const out: Record<Team, number> = { finance: 0, operations: 0, ecommerce: 0, cx: 0 }
      for (const r of openByTeam.all() as { team: Team; n: number }[]) out[r.team] = r.n
      return out
    },
  }
}
export type ExceptionsRepo = ReturnType<typeof createExceptionsRepo>
