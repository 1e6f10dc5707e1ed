import type { Db } from '../open'

export type PostingState = 'planned' | 'sending' | 'posted' | 'failed' | 'blocked' | 'needs_review' | 'withdrawn'

export interface Posting {
  id: number
  centraOrderId: string
  idempotencyKey: string
  planHash: string | null
  state: PostingState
  attempts: number
  remoteId: string | null
  remoteNumber: string | null
  lastError: string | null
}

interface PostingRow {
  id: number
  centra_order_id: string
  idempotency_key: string
  plan_hash: string | null
  state: PostingState
  attempts: number
  remote_id: string | null
  remote_number: string | null
  last_error: string | null
}

const toPosting = (r: PostingRow): Posting => ({
  id: r.id,
  centraOrderId: r.centra_order_id,
  idempotencyKey: r.idempotency_key,
  planHash: r.plan_hash,
  state: r.state,
  attempts: r.attempts,
  remoteId: r.remote_id,
  remoteNumber: r.remote_number,
  lastError: r.last_error,
})

/** An order the Overview's "Blocked" figure counts, with why it is held back. */
export interface HeldOrderRow {
  number: number
  orderDate: string
  market: string | null
  currency: string
  grandTotalMinor: number
  state: 'blocked' | 'failed' | 'needs_review'
  reason: string | null
  since: string
}

/**
 * The states the Overview counts as "Blocked": waiting on a fix (blocked), refused or failed
 * (failed) and sent with an outcome nobody could see (needs_review). One constant so the figure
 * and the list behind it cannot drift apart.
 */
export const HELD_STATES = "('blocked','failed','needs_review')"

/** An order behind the Overview's "Orders synced" or "Posted to ERP" figure. */
export interface OverviewOrderRow {
  number: number
  orderDate: string
  market: string | null
  currency: string
  grandTotalMinor: number
  state: string | null
  erpNumber: string | null
}

export interface PostingCandidate {
  centraId: string
  number: number
}

export function createPostingsRepo(db: Db) {
  const byOrder = db.prepare('SELECT * FROM postings WHERE centra_order_id = ?')
  const insert = db.prepare(`
    INSERT INTO postings (centra_order_id, idempotency_key, plan_hash, plan_json, state, attempts, created_at, updated_at)
    VALUES (@orderId, @key, @planHash, @planJson, @state, 0, @at, @at)
    ON CONFLICT (centra_order_id) DO UPDATE SET plan_hash = excluded.plan_hash, plan_json = excluded.plan_json,
      state = excluded.state, updated_at = excluded.updated_at`)
  const markSending = db.prepare(
    "UPDATE postings SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE centra_order_id = ?",
  )
  const markPosted = db.prepare(`
    UPDATE postings SET state = 'posted', remote_id = @remoteId, remote_number = @remoteNumber,
      erp_total_incl_tax_minor = @totalInclTaxMinor, erp_total_tax_minor = @totalTaxMinor,
      last_error = NULL, updated_at = @at, posted_at = @at
    WHERE centra_order_id = @orderId`)
  const markWithdrawn = db.prepare("UPDATE postings SET state = 'withdrawn', last_error = ?, updated_at = ? WHERE centra_order_id = ?")
  const markFailed = db.prepare('UPDATE postings SET state = ?, last_error = ?, updated_at = ?, not_before = ? WHERE centra_order_id = ?')
  // Orders never posted, plus postings that can be tried again. 'sending' means a previous run
  // stopped mid-call: the engine looks the key up in the ERP before anything else.
  const candidates = db.prepare(`
    SELECT o.centra_id AS centraId, o.number AS number FROM centra_orders o
    LEFT JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE o.status != 'CANCELLED'
      AND (p.id IS NULL OR (p.state IN ('planned','sending','failed','blocked')
        AND (p.not_before IS NULL OR p.not_before <= @now)
        AND NOT (p.state = 'sending' AND p.updated_at > @sendingCutoff)))
    ORDER BY o.order_date, o.number`)
  const counts = db.prepare('SELECT state, COUNT(*) AS n FROM postings GROUP BY state')
  // Oldest first: the order held longest is the one a customer is most likely to ask about.
  const held = db.prepare(`
    SELECT o.number, o.order_date AS orderDate, o.market_name AS market, o.currency, o.grand_total_minor AS grandTotalMinor,
      p.state, p.last_error AS reason, p.updated_at AS since
    FROM postings p JOIN centra_orders o ON o.centra_id = p.centra_order_id
    WHERE p.state IN ${HELD_STATES} ORDER BY o.order_date, o.number LIMIT ? OFFSET ?`)
  // Newest first, walking the order-date index: a page of 200 000 orders is read, not sorted (the
  // unary + keeps SQLite from starting at the postings' state index and sorting every posted order).
  const ORDER_COLUMNS = `o.number, o.order_date AS orderDate, o.market_name AS market, o.currency, o.grand_total_minor AS grandTotalMinor,
      p.state, p.remote_number AS erpNumber`
  const synced = db.prepare(`SELECT ${ORDER_COLUMNS} FROM centra_orders o LEFT JOIN postings p ON p.centra_order_id = o.centra_id
    ORDER BY o.order_date DESC, o.number DESC LIMIT ? OFFSET ?`)
  const posted = db.prepare(`SELECT ${ORDER_COLUMNS} FROM centra_orders o JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE +p.state = 'posted' ORDER BY o.order_date DESC, o.number DESC LIMIT ? OFFSET ?`)
  const heldCount = db.prepare(`SELECT COUNT(*) AS n FROM postings WHERE state IN ${HELD_STATES}`)

  return {
    get(orderId: string): Posting | null {
      const row = byOrder.get(orderId) as PostingRow | undefined
      return row ? toPosting(row) : null
    },
    plan(orderId: string, key: string, planHash: string | null, planJson: string | null, state: PostingState, at: string): void {
      insert.run({ orderId, key, planHash, planJson, state, at })
    },
    markSending(orderId: string, at: string): void {
      markSending.run(at, orderId)
    },
    markPosted(
      orderId: string,
      remote: { remoteId: string; remoteNumber: string; totalInclTaxMinor: number; totalTaxMinor: number },
      at: string,
    ): void {
      markPosted.run({ orderId, ...remote, at })
    },
    /** The order was cancelled and its ERP document removed: nothing more to post. */
    markWithdrawn(orderId: string, note: string, at: string): void {
      markWithdrawn.run(note, at, orderId)
    },
    /** `notBefore`: the posting is not tried again before then (an outcome we could not see). */
    markFailed(orderId: string, state: 'failed' | 'blocked' | 'needs_review', error: string, at: string, notBefore: string | null = null): void {
      markFailed.run(state, error, at, notBefore, orderId)
    },
    /**
     * Orders to post now; with `only`, just those of them (a retry after a fix). A posting left
     * 'sending' by a process that died mid-call waits until `sendingCutoff` has passed, for the
     * same reason an unseen outcome waits for its `not_before`.
     */
    candidates(now: string, sendingCutoff: string, only?: readonly string[]): PostingCandidate[] {
      const all = candidates.all({ now, sendingCutoff }) as PostingCandidate[]
      if (!only) return all
      const wanted = new Set(only)
      return all.filter((c) => wanted.has(c.centraId))
    },
    /** Orders held back (see HELD_STATES), a page at a time. */
    held(limit: number, offset: number): HeldOrderRow[] {
      return held.all(limit, offset) as HeldOrderRow[]
    },
    /** Every stored order ('synced') or those in the ERP ('posted'), a page at a time. */
    overviewOrders(which: 'synced' | 'posted', limit: number, offset: number): OverviewOrderRow[] {
      return (which === 'posted' ? posted : synced).all(limit, offset) as OverviewOrderRow[]
    },
    heldCount(): number {
      return (heldCount.get() as { n: number }).n
    },
    countsByState(): Record<string, number> {
      return Object.fromEntries((counts.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]))
    },
  }
}
export type PostingsRepo = ReturnType<typeof createPostingsRepo>
