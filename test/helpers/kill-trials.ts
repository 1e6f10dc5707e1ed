/**
 * The crash test behind "nothing is lost and nothing is done twice": run `instep sync orders`
 * as a real process against both simulators, SIGKILL it, start it again, and finally check that
 * every postable Centra order is in the ERP exactly once and that the workspace database is
 * consistent.
 *
 * Two kinds of trial take turns. A timed trial kills at a random moment; most of those land in
 * start-up or fetching, where little can go wrong. A posting trial watches the ERP simulator (it
 * runs in this process) and kills right after the k-th sales order the run creates: inside the
 * create, so the ERP has the order and the process never hears of it; as the answer leaves, before
 * the process can commit it; or a few milliseconds later, with other creates in flight. Each kill
 * is counted by the phase it landed in (from the process's progress lines and the ERP's creates),
 * and by whether the ERP then held an order the local store had not yet recorded as posted.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { startDemoEnvironment } from '../../src/cli/demo-workspace'
import type { RunningBcSim } from '../../src/sim/bc'
import { loadConfig, saveConfig } from '../../src/main/core/workspace/config'
import { createRng } from '../../src/sim/scenario/rng'

const root = resolve(import.meta.dirname, '../..')

export const PHASES = ['start-up', 'fetching', 'posting', 'finishing'] as const
export type Phase = (typeof PHASES)[number]

export interface KillReport {
  trials: number
  /** trials whose kill was timed to the ERP's k-th sales order create */
  timedToPosting: number
  killed: number
  finishedBeforeKill: number
  /** kills per phase of the run they interrupted */
  killsByPhase: Record<Phase, number>
  /** kills after which the ERP had an order the local store had not recorded as posted (the window between the ERP's create and the local commit) */
  erpAheadOfLocal: number
  centraOrders: number
  erpDocuments: number
  duplicates: string[]
  missingInErp: number[]
  unexpectedInErp: number[]
  postedWithoutErpDocument: string[]
  stuckSending: number
  integrity: string
  foreignKeyProblems: number
}

/** When a trial's kill comes: after a time, or after the run's k-th sales order create in the ERP. */
type KillPlan =
  | { kind: 'timed'; afterMs: number }
  /** this long after the run's first progress line: fetching and mapping, rarely posting */
  | { kind: 'after-progress'; afterMs: number }
  | { kind: 'posting'; createNumber: number; when: 'in-create' | 'answer-leaving' | { afterMs: number } }

interface TrialResult {
  outcome: 'killed' | 'finished'
  phase: Phase
  /** external document numbers the ERP created during the run */
  created: string[]
  /** ms from start to the kill (or the exit), and to the first progress line (null: none came) */
  endedAtMs: number
  firstProgressAtMs: number | null
}

/** The phase a progress line of `instep sync orders` belongs to (messages from sync/engine/order-sync.ts). */
function phaseOf(line: string): Phase {
  const message = line.replace(/^\[\d+\/\d+\] /, '')
  if (/^(Posting|Posted) /.test(message)) return 'posting'
  if (message === 'Done') return 'finishing'
  // Reading orders, events and returns; mapping and change propagation print nothing of their own.
  return 'fetching'
}

/** Sales orders the ERP simulator creates, as they are created (inside the request, before the answer). */
class ErpCreates {
  private listener: (() => void) | null = null
  constructor(private readonly bc: RunningBcSim) {
    const forward = bc.store.onChange
    bc.store.onChange = (set, id, change) => {
      forward(set, id, change)
      if (set === 'salesOrders' && change === 'created') this.listener?.()
    }
  }
  get count(): number {
    return this.bc.store.createdOrders.length
  }
  keysSince(count: number): string[] {
    return this.bc.store.createdOrders.slice(count).map((o) => o.externalDocumentNumber)
  }
  listen(listener: (() => void) | null): void {
    this.listener = listener
  }
}

function runSync(workspaceDir: string, plan: KillPlan, creates: ErpCreates): Promise<TrialResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'instep.mjs'), 'sync', 'orders', '--workspace', workspaceDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const createsBefore = creates.count
    const timers: NodeJS.Timeout[] = []
    const started = Date.now()
    let firstProgressAtMs: number | null = null
    let endedAtMs = 0
    let phase: Phase = 'start-up'
    let killedIn: Phase | null = null
    let buffered = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.trim()) continue
        if (firstProgressAtMs === null) {
          firstProgressAtMs = Date.now() - started
          if (plan.kind === 'after-progress') timers.push(setTimeout(kill, plan.afterMs))
        }
        phase = phaseOf(line.trim())
      }
    })
    const kill = () => {
      if (killedIn !== null || child.exitCode !== null) return
      // After a create the ERP has made the run is posting, whatever the progress lines (read through a pipe) say yet.
      killedIn = phase !== 'finishing' && creates.count > createsBefore ? 'posting' : phase
      child.kill('SIGKILL')
      endedAtMs = Date.now() - started
    }
    if (plan.kind === 'timed') timers.push(setTimeout(kill, plan.afterMs))
    else if (plan.kind === 'posting') {
      const { createNumber, when } = plan
      creates.listen(() => {
        if (creates.count - createsBefore !== createNumber) return
        if (when === 'in-create') kill()
        else if (when === 'answer-leaving') setImmediate(kill)
        else timers.push(setTimeout(kill, when.afterMs))
      })
    }
    // A run that hangs is a failure of its own; never let it stall the trials.
    if (plan.kind !== 'timed') timers.push(setTimeout(kill, 120_000))
    child.on('exit', () => {
      for (const t of timers) clearTimeout(t)
      creates.listen(null)
      if (killedIn === null) endedAtMs = Date.now() - started
      done({ outcome: killedIn === null ? 'finished' : 'killed', phase: killedIn ?? phase, created: creates.keysSince(createsBefore), endedAtMs, firstProgressAtMs })
    })
  })
}

/** After a kill: does the ERP hold an order of this run that the local store has not recorded as posted? */
function erpAheadOfLocal(workspaceDir: string, created: string[]): boolean {
  if (created.length === 0) return false
  const db = new Database(join(workspaceDir, 'instep.db'), { readonly: true })
  try {
    const state = db.prepare('SELECT state FROM postings WHERE idempotency_key = ?')
    return created.some((key) => (state.get(key) as { state: string } | undefined)?.state !== 'posted')
  } finally {
    db.close()
  }
}

function describePlan(plan: KillPlan): string {
  if (plan.kind === 'timed') return `kill at ${plan.afterMs} ms`
  if (plan.kind === 'after-progress') return `kill ${plan.afterMs} ms after the first progress`
  const when = plan.when === 'in-create' ? 'inside the create' : plan.when === 'answer-leaving' ? 'as its answer leaves' : `${plan.when.afterMs} ms later`
  return `kill at ERP create ${plan.createNumber}, ${when}`
}

async function post(origin: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

export async function runKillTrials(options: { trials: number; seed?: number; ordersPerTrial?: number; log?: (line: string) => void }): Promise<KillReport> {
  const rng = createRng(options.seed ?? 7)
  const dir = mkdtempSync(join(tmpdir(), 'instep-kill-'))
  const env = await startDemoEnvironment(dir, { erpFaults: 'latency:15' })
  // The simulator finishes every request it received before a kill, so an order left 'sending'
  // can be looked up at once; the settle wait protects against real ERPs that finish later.
  const config = loadConfig(dir)
  saveConfig(dir, { ...config, orders: { ...config.orders, ambiguousSettleMinutes: 0 } })
  const centraOrigin = new URL(env.centra.url).origin
  const creates = new ErpCreates(env.bc!)
  const killsByPhase: Record<Phase, number> = { 'start-up': 0, fetching: 0, posting: 0, finishing: 0 }
  let killed = 0
  let finishedBeforeKill = 0
  let timedToPosting = 0
  let ahead = 0
  try {
    for (let i = 0; i < options.trials; i++) {
      await post(centraOrigin, '/__admin/orders', { count: options.ordersPerTrial ?? 8 })
      // Every other trial is timed to posting; the rest kill at a random time (on a busy machine
      // start-up alone takes 1-3 s, so these land mostly there) or soon after the run's first
      // progress line (fetching and mapping).
      let plan: KillPlan
      if (i % 4 === 0) plan = { kind: 'timed', afterMs: rng.int(200, 2500) }
      else if (i % 4 === 2) plan = { kind: 'after-progress', afterMs: rng.int(0, 600) }
      else {
        timedToPosting++
        const when = rng.pick(['in-create', 'answer-leaving', 'later'] as const)
        plan = { kind: 'posting', createNumber: rng.int(1, 5), when: when === 'later' ? { afterMs: rng.int(1, 25) } : when }
      }
      const result = await runSync(dir, plan, creates)
      let note = ''
      if (result.outcome === 'killed') {
        killed++
        killsByPhase[result.phase]++
        if (erpAheadOfLocal(dir, result.created)) {
          ahead++
          note = ', the ERP ahead of the local store'
        }
      } else finishedBeforeKill++
      const first = result.firstProgressAtMs === null ? 'no progress yet' : `first progress at ${result.firstProgressAtMs} ms`
      const what = result.outcome === 'killed' ? `killed in ${result.phase} at ${result.endedAtMs} ms${note}` : `finished at ${result.endedAtMs} ms`
      options.log?.(`trial ${i + 1}/${options.trials} (${describePlan(plan)}): ${what}; ${first}`)
    }
    // The last run is allowed to finish: it must repair whatever the kills left behind.
    const final = await runSync(dir, { kind: 'timed', afterMs: 600_000 }, creates)
    if (final.outcome !== 'finished') throw new Error('final sync did not finish')

    const res = await fetch(`${env.bc!.origin}/__admin/orders`)
    const erp = ((await res.json()) as { value: { externalDocumentNumber: string; id: string }[] }).value
    const byKey = new Map<string, number>()
    for (const d of erp) byKey.set(d.externalDocumentNumber, (byKey.get(d.externalDocumentNumber) ?? 0) + 1)
    const erpIds = new Set(erp.map((d) => d.id))

    const db = new Database(join(dir, 'instep.db'), { readonly: true })
    try {
      const orders = db
        .prepare('SELECT o.number, o.status, p.state, p.remote_id FROM centra_orders o LEFT JOIN postings p ON p.centra_order_id = o.centra_id')
        .all() as { number: number; status: string; state: string | null; remote_id: string | null }[]
      // Cancelled orders are never posted, and blocked ones wait for a person: neither may be in the ERP.
      const postable = orders.filter((o) => o.state !== 'blocked' && o.status !== 'CANCELLED')
      const notPostable = orders.filter((o) => o.state === 'blocked' || o.status === 'CANCELLED')
      return {
        trials: options.trials,
        timedToPosting,
        killed,
        finishedBeforeKill,
        killsByPhase,
        erpAheadOfLocal: ahead,
        centraOrders: orders.length,
        erpDocuments: erp.length,
        duplicates: [...byKey].filter(([, n]) => n > 1).map(([k]) => k),
        missingInErp: postable.filter((o) => !byKey.has(`WEB-${o.number}`)).map((o) => o.number),
        unexpectedInErp: notPostable.filter((o) => byKey.has(`WEB-${o.number}`)).map((o) => o.number),
        postedWithoutErpDocument: orders.filter((o) => o.state === 'posted' && !erpIds.has(o.remote_id ?? '')).map((o) => String(o.number)),
        stuckSending: orders.filter((o) => o.state === 'sending').length,
        integrity: db.pragma('integrity_check', { simple: true }) as string,
        foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
      }
    } finally {
      db.close()
    }
  } finally {
    await env.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
