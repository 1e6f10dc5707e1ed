/**
 * The Exceptions screen at scale: N exceptions (default 100 000) across teams, categories,
 * severities and statuses over 60 days, with their 'opened' history. Prints how long the
 * screen's questions take through the real handlers: the first page, a deep page (offset
 * 90 000, where a scrolled-down virtual grid asks), filtered counts, a search, the Overview's
 * trends and a bulk action on every matching row.
 *
 *   node bin/run-ts.mjs bench/exceptions-grid.ts [exceptions=100000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/core/db/open'
import { createRepos } from '../src/main/core/db/repos'
import { exceptionHandlers } from '../src/main/core/domains/exceptions/handlers'
import { monitoringHandlers } from '../src/main/core/domains/monitoring/handlers'
import type { HandlerContext } from '../src/main/core/rpc/handlers'
import type { Team } from '../src/shared/contract'

const n = Number(process.argv[2] ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'instep-bench-exceptions-'))
const db = openDatabase(join(dir, 'instep.db'))
const repos = createRepos(db)
const now = Date.parse('2026-11-30T12:00:00.000Z')

const teams: Team[] = ['finance', 'operations', 'ecommerce', 'cx']
const categories = ['unmapped_sku', 'erp_rejected', 'total_mismatch', 'sync_failed', 'tax_unknown']
const severities = ['low', 'medium', 'high'] as const
const statuses = ['open', 'acknowledged', 'resolved', 'ignored'] as const

const t0 = performance.now()
repos.tx(() => {
  const insert = db.prepare(`INSERT INTO exceptions (trace_key, category, team, severity, status, object_type, object_ref, title, detail,
    first_seen_at, last_seen_at, occurrences) VALUES (?, ?, ?, ?, ?, 'order', ?, ?, ?, ?, ?, 1)`)
  const event = db.prepare(`INSERT INTO exception_events (exception_id, at, kind, actor, from_status, to_status) VALUES (?, ?, 'opened', 'system', NULL, 'open')`)
  for (let i = 0; i < n; i++) {
    const first = new Date(now - ((i * 7919) % (60 * 24 * 60)) * 60_000).toISOString()
    const status = statuses[i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : i % 10 < 9 ? 2 : 3]
    const id = Number(
      insert.run(`order:${i}:${i % 5}`, categories[i % 5], teams[i % 4], severities[i % 3], status, String(100_000 + i), `Order ${100_000 + i} needs a look`, 'Bench row', first, first).lastInsertRowid,
    )
    event.run(id, first)
  }
})
const seedMs = performance.now() - t0
console.log(`seeded ${n.toLocaleString('en-GB')} exceptions in ${(seedMs / 1000).toFixed(1)} s`)

const ctx = { repos, clock: () => new Date(now), scheduler: { states: () => [] } } as unknown as HandlerContext

function time(label: string, fn: () => unknown, runs = 5) {
  fn() // warm the statement cache
  const samples: number[] = []
  let result: unknown
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    result = fn()
    samples.push(performance.now() - s)
  }
  samples.sort((a, b) => a - b)
  const total = (result as { total?: number } | undefined)?.total
  console.log(`${label.padEnd(58)} median ${samples[Math.floor(runs / 2)].toFixed(1).padStart(7)} ms   max ${samples[runs - 1].toFixed(1).padStart(7)} ms${total === undefined ? '' : `   (total ${total.toLocaleString('en-GB')})`}`)
}

const list = exceptionHandlers['exceptions.list']
time('list · all, first page (100)', () => list({ limit: 100, offset: 0 }, ctx))
time('list · all, deep page (offset 90 000)', () => list({ limit: 100, offset: 90_000 }, ctx))
time('list · open+acknowledged, first page', () => list({ limit: 100, offset: 0, status: ['open', 'acknowledged'] }, ctx))
time('list · open+acknowledged, deep page (offset 50 000)', () => list({ limit: 100, offset: 50_000, status: ['open', 'acknowledged'] }, ctx))
time('list · team finance + high, first page (filtered count)', () => list({ limit: 100, offset: 0, team: ['finance'], severity: ['high'] }, ctx))
time('list · older than a week, first page', () => list({ limit: 100, offset: 0, olderThanHours: 24 * 7 }, ctx))
time('list · search "1234"', () => list({ limit: 100, offset: 0, search: '1234' }, ctx))
time('monitoring.trends · 30 days', () => monitoringHandlers['monitoring.trends']({ days: 30 }, ctx))
time('monitoring.alerts · 50', () => monitoringHandlers['monitoring.alerts']({ limit: 50 }, ctx))
const bulk = exceptionHandlers['exceptions.bulkByFilter']
let s = performance.now()
const r = bulk({ filter: { team: ['cx'], status: ['open'] }, action: 'acknowledge', actor: 'Bench' }, ctx) as { matched: number; changed: number }
console.log(`${'bulkByFilter · acknowledge every open CX exception'.padEnd(58)} ${(performance.now() - s).toFixed(1).padStart(7)} ms   (${r.changed.toLocaleString('en-GB')} changed)`)
s = performance.now()
const r2 = bulk({ filter: { team: ['cx'] }, action: 'ignore', actor: 'Bench', note: 'Bench reason' }, ctx) as { matched: number; changed: number }
console.log(`${'bulkByFilter · ignore every live CX exception with a reason'.padEnd(58)} ${(performance.now() - s).toFixed(1).padStart(7)} ms   (${r2.changed.toLocaleString('en-GB')} changed)`)

db.close()
rmSync(dir, { recursive: true, force: true })
