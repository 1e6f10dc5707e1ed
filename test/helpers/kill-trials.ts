/**
 * The crash test behind "nothing is lost and nothing is done twice": run `instep sync orders`
 * as a real process against both simulators, SIGKILL it at random moments, start it again,
 * and finally check that every postable Centra order is in the ERP exactly once and that the
 * workspace database is consistent.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { startDemoEnvironment } from '../../src/cli/demo-workspace'
import { loadConfig, saveConfig } from '../../src/main/core/workspace/config'
import { createRng } from '../../src/sim/scenario/rng'

const root = resolve(import.meta.dirname, '../..')

export interface KillReport {
  trials: number
  killed: number
  finishedBeforeKill: number
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

function runSync(workspaceDir: string, killAfterMs: number): Promise<'killed' | 'finished'> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'instep.mjs'), 'sync', 'orders', '--workspace', workspaceDir, '--json'], {
      cwd: root,
      stdio: 'ignore',
    })
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, killAfterMs)
    child.on('exit', () => {
      clearTimeout(timer)
      done(killed ? 'killed' : 'finished')
    })
  })
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
  let killed = 0
  let finishedBeforeKill = 0
  try {
    for (let i = 0; i < options.trials; i++) {
      await post(centraOrigin, '/__admin/orders', { count: options.ordersPerTrial ?? 8 })
      // Tool start-up takes ~0.5 s; kills land across start-up, fetching, mapping and posting.
      const outcome = await runSync(dir, rng.int(200, 2500))
      if (outcome === 'killed') killed++
      else finishedBeforeKill++
      options.log?.(`trial ${i + 1}/${options.trials}: ${outcome}`)
    }
    // The last run is allowed to finish: it must repair whatever the kills left behind.
    const final = await runSync(dir, 600_000)
    if (final !== 'finished') throw new Error('final sync did not finish')

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
        killed,
        finishedBeforeKill,
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
