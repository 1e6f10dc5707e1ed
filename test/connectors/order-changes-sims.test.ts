/** A line cancelled in Centra after posting: the open Business Central order is replaced, once. */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'
import { createCore } from '../../src/main/core/core'
import { createCentraAdapter } from '../../src/main/core/sync/connectors/centra'

let env: DemoEnvironment
const dir = mkdtempSync(join(tmpdir(), 'instep-changes-'))
afterAll(async () => {
  await env?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('changes after posting, against the simulators', () => {
  it('replaces the open ERP order when a line is cancelled in Centra, leaving exactly one document', async () => {
    env = await startDemoEnvironment(dir)
    const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
    try {
      await core.runner.wait(core.runner.start('orders', 'manual'))
      const centra = createCentraAdapter({ baseUrl: env.centra.url, token: env.centra.token })
      // The newest posted order with more than one unit on a line, still open in Centra.
      const awaiting = await core.dispatch('fulfilment.awaiting', { limit: 200 })
      const rows = (awaiting.ok ? (awaiting.data as { rows: { number: number }[] }).rows : []).reverse()
      let target: { number: number; lineId: number; quantity: number } | null = null
      for (const r of rows) {
        const found = await centra.fetchOrderByNumber(r.number)
        const line = found?.order.lines.find((l) => l.quantity > 1 && l.kind === 'product')
        if (found && line) {
          target = { number: r.number, lineId: line.lineId, quantity: line.quantity }
          break
        }
      }
      expect(target).not.toBeNull()
      await centra.cancelOrderLines(target!.number, [{ lineId: target!.lineId, quantity: 1 }], 'customer changed their mind')
      await core.runner.wait(core.runner.start('orders', 'manual'))

      const orders = (await (await fetch(`${env.bc!.origin}/__admin/orders`)).json()) as { value: { externalDocumentNumber: string; state: string }[] }
      const forKey = orders.value.filter((o) => o.externalDocumentNumber === `WEB-${target!.number}`)
      // The first document was deleted and replaced: two were created, one is left in Business Central.
      expect(forKey).toHaveLength(2)
      expect(forKey.filter((o) => o.state === 'open')).toHaveLength(1)
      const trace = await core.dispatch('exceptions.list', { search: String(target!.number), status: ['open'] })
      expect(trace.ok && (trace.data as { total: number }).total).toBe(0)
    } finally {
      await core.close()
    }
  }, 120_000)
})
