/**
 * The whole order flow against both simulators while they misbehave — 429s, 5xx, time-outs,
 * dropped connections, malformed answers, and writes whose answer is lost after the ERP did
 * the work. However many runs it takes, every postable order ends in the ERP exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'
import { loadConfig, saveConfig } from '../../src/main/core/workspace/config'
import { createCore } from '../../src/main/core/core'

let env: DemoEnvironment
const dir = mkdtempSync(join(tmpdir(), 'instep-faults-'))
afterAll(async () => {
  await env?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('order sync under injected faults on both sides', () => {
  it('posts every postable order exactly once, however many runs the faults cost', async () => {
    env = await startDemoEnvironment(dir, {
      centraFaults: '429@rate=0.1,500@rate=0.05,timeout@rate=0.03,reset@rate=0.03,malformed@rate=0.03',
      erpFaults: '429@rate=0.1,503@rate=0.05,after:timeout@rate=0.04,reset@rate=0.03,latency:5',
    })
    const config = loadConfig(dir)
    saveConfig(dir, {
      ...config,
      centra: { ...config.centra, timeoutMs: 1500 },
      erp: { ...config.erp, timeoutMs: 1500 } as typeof config.erp,
      orders: { ...config.orders, ambiguousSettleMinutes: 0 },
    })
    const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
    const statuses: string[] = []
    try {
      for (let i = 0; i < 20; i++) {
        const run = await core.runner.wait(core.runner.start('orders', 'manual'))
        statuses.push(run.status)
        if (run.status === 'partial' || run.status === 'succeeded') {
          const summary = await core.dispatch('dashboard.summary', {})
          if (summary.ok && (summary.data as { ordersPosted: number }).ordersPosted >= 115) break
        }
      }
    } finally {
      await core.close()
    }
    const erp = ((await (await fetch(`${env.bc!.origin}/__admin/orders`)).json()) as { value: { externalDocumentNumber: string }[] }).value
    const keys = erp.map((d) => d.externalDocumentNumber)
    expect(new Set(keys).size).toBe(keys.length) // never twice
    expect(keys.length).toBe(115) // every postable order of the demo (4 wait for a mapping, 1 is refused for its totals)
    // The faults really happened on both sides.
    const centraStats = (await (await fetch(`${new URL(env.centra.url).origin}/__admin/stats`)).json()) as { faultsFired: number }
    const bcStats = (await (await fetch(`${env.bc!.origin}/__admin/stats`)).json()) as { faultsFired: number }
    expect(centraStats.faultsFired).toBeGreaterThan(0)
    expect(bcStats.faultsFired).toBeGreaterThan(0)
  }, 240_000)
})
