/** One ERP customer per shopper: created on the shopper's first order, never twice. */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'
import { loadConfig, saveConfig } from '../../src/main/core/workspace/config'
import { createCore } from '../../src/main/core/core'
import { createBcAdapter } from '../../src/main/core/sync/connectors/bc'

let env: DemoEnvironment
const dir = mkdtempSync(join(tmpdir(), 'instep-shoppers-'))
afterAll(async () => {
  await env?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('customer per shopper', () => {
  it('creates each shopper once in Business Central and posts their orders to them', async () => {
    env = await startDemoEnvironment(dir)
    const config = loadConfig(dir)
    saveConfig(dir, { ...config, orders: { ...config.orders, customerStrategy: 'per-shopper' } })
    const bc = env.bc!
    const adapter = createBcAdapter({ baseUrl: bc.baseUrl, tokenUrl: bc.tokenUrl, clientId: bc.clientId, clientSecret: bc.clientSecret })
    const before = (await adapter.listCustomers()).length

    const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
    try {
      const run = await core.runner.wait(core.runner.start('orders', 'manual'))
      expect(run.counters.posted).toBeGreaterThan(100)
      await core.runner.wait(core.runner.start('orders', 'manual'))
    } finally {
      await core.close()
    }

    const customers = await adapter.listCustomers()
    const created = customers.slice(before)
    const numbers = created.map((c) => c.number)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(created.length).toBeGreaterThan(0)
    expect(numbers.every((n) => n.startsWith('WEB-') && n.length <= 20)).toBe(true)

    // Every ERP order points at one of those shopper customers, never a market web customer.
    const orders = ((await (await fetch(`${bc.origin}/__admin/orders`)).json()) as { value: { customerNumber: string }[] }).value
    expect(orders.length).toBeGreaterThan(100)
    expect(orders.filter((o) => !numbers.includes(o.customerNumber)).map((o) => o.customerNumber)).toEqual([])
    await adapter.close()
  }, 120_000)
})
