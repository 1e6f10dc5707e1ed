/**
 * Centra as the stock sink: sizes with their stock totals in, absolute levels out.
 *
 * Reading: Centra reports one total per size over all its warehouses (stockTotals), never per
 * warehouse; planStock explains how the diff copes. The figure read is the one pushed (physical
 * or free to allocate), since comparing one with the other would call every allocated unit drift.
 * Free to allocate costs Centra no complexity; physical does, so those pages cost more of the
 * budget (the client's limiter paces them). Sizes without a variant (bundles) are skipped:
 * stock cannot be set on them.
 *
 * Writing: Centra refuses a whole setStock for one bad row, naming it in userErrors. The refused
 * rows are reported by SKU and the others sent again at once: setStock sets absolute levels, so
 * re-sending a row that Centra may already have applied is harmless.
 */
import type { StoreStockSink, StoreStockSize } from '../sync/ports'
import type { CentraAdapter } from '../sync/connectors/centra'

/** sizes per read: Centra's largest page */
const PAGE = 200

export function centraStockSink(centra: CentraAdapter, quantity: () => 'PHYSICAL' | 'FREE_TO_ALLOCATE'): StoreStockSink {
  return {
    async readLevels(signal) {
      const out: StoreStockSize[] = []
      const q = quantity()
      for (let page = 1; ; page++) {
        const { sizes, hasMore } = await centra.listSizeStock({ page, limit: PAGE, quantity: q, signal })
        for (const s of sizes) if (s.variantId !== null && s.sku) out.push({ sku: s.sku, sizeId: s.sizeId, variantId: s.variantId, total: s.total })
        if (!hasMore) return out
      }
    },
    async setStock({ warehouseId, quantityType, description, levels }, signal) {
      const rejected: { sku: string; message: string }[] = []
      const stockChangeIds: number[] = []
      let open = levels
      // each round drops at least one refused row, so this ends
      while (open.length > 0) {
        const res = await centra.setStockLevels(
          { warehouseId, description, quantityType, levels: open.map((l) => ({ variantId: l.variantId, size: { id: l.sizeId }, quantity: l.quantity })) },
          signal,
        )
        if (res.refused.length === 0) {
          stockChangeIds.push(...res.stockChangeIds)
          break
        }
        const out = new Set<number>()
        for (const r of res.refused) {
          for (const i of r.indexes) {
            if (out.has(i)) continue
            out.add(i)
            rejected.push({ sku: open[i].sku, message: r.message })
          }
        }
        open = open.filter((_, i) => !out.has(i))
      }
      return { stockChangeIds, rejected }
    },
  }
}
