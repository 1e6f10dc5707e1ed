/**
 * The demo against the Business Central simulator: the product BC keeps as items per colour
 * with size variants is matched automatically (SKU = item number + variant code) and its order
 * lines reach BC with the right itemVariantId, through the real core, store and connector.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startDemoEnvironment, type DemoEnvironment } from '../../src/cli/demo-workspace'
import { createCore } from '../../src/main/core/core'
import { styledProduct } from '../../src/sim/bc/store'

let env: DemoEnvironment
const dir = mkdtempSync(join(tmpdir(), 'instep-variants-'))
afterAll(async () => {
  await env?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('item variants in the demo, against the simulators', () => {
  it('maps the variant sizes automatically and posts their lines with the variant GUIDs', async () => {
    env = await startDemoEnvironment(dir)
    const core = createCore({ workspaceDir: dir, mode: 'test', schedule: false })
    try {
      const run = await core.runner.wait(core.runner.start('orders', 'manual'))
      // partial: the demo's deliberately unknown SKU holds a few orders back
      expect(run.status).toBe('partial')
      expect(run.counters.posted).toBeGreaterThan(100)
      const store = env.bc!.store
      const product = styledProduct(store.catalog)!
      const skus = await core.dispatch('mapping.listSkus', { search: product.productNumber, limit: 50 })
      const rows = skus.ok ? (skus.data as { rows: { sku: string; erpItemNumber: string; erpVariantCode: string | null; origin: string }[] }).rows : []
      expect(rows.length).toBeGreaterThan(0)
      for (const r of rows) expect(`${r.erpItemNumber}${r.erpVariantCode}`).toBe(r.sku)

      const variantLines = [...store.salesOrders, ...store.salesInvoices].flatMap((d) => d.lines).filter((l) => l.lineObjectNumber.startsWith(product.productNumber))
      expect(variantLines.length).toBeGreaterThan(0)
      for (const l of variantLines) {
        const v = store.itemVariants.find((x) => x.id === l.itemVariantId)
        expect(v?.itemId).toBe(l.itemId)
      }
    } finally {
      await core.close()
    }
  }, 120_000)
})
