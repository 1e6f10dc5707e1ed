/**
 * What the stock job remembers between runs, so a run does not re-read 400 000 levels and the
 * whole SKU mapping from the store every few minutes: the last ERP and pushed level per size and
 * warehouse, and the mapping (re-read only when its version, kept by triggers, has moved).
 *
 * Only the stock job writes levels, and it updates this memory after each of its transactions
 * commits. Any failure during a run forgets the levels, so the next run starts again from the
 * store, which is always the truth.
 */
import type { Repos } from '../../db/repos'
import type { LastLevels, SkusByItem } from '../../db/repos/stock.repo'

export class StockMemory {
  private last: LastLevels | null = null
  private skus: { version: number; byItem: SkusByItem } | null = null

  constructor(private readonly repos: Repos) {}

  lastLevels(): LastLevels {
    return (this.last ??= this.repos.stock.lastBySku())
  }

  skusByItem(): SkusByItem {
    const version = this.repos.stock.skuMapVersion()
    if (this.skus?.version !== version) this.skus = { version, byItem: this.repos.stock.skusByItem() }
    return this.skus.byItem
  }

  /** after the ERP levels were committed */
  rememberErp(levels: { sku: string; warehouseId: number; erpQty: number }[]): void {
    if (this.last) for (const l of levels) this.last.setErp(l.sku, l.warehouseId, l.erpQty)
  }

  /** after applied rows were committed */
  rememberPushed(rows: { sku: string; warehouseId: number; afterQty: number }[]): void {
    if (this.last) for (const r of rows) this.last.setPushed(r.sku, r.warehouseId, r.afterQty)
  }

  forget(): void {
    this.last = null
    this.skus = null
  }
}

const memories = new WeakMap<Repos, StockMemory>()

/** One memory per store, shared by the quick run and the sweep. */
export function stockMemory(repos: Repos): StockMemory {
  let m = memories.get(repos)
  if (!m) memories.set(repos, (m = new StockMemory(repos)))
  return m
}
