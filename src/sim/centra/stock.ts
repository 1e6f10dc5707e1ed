/**
 * Stock per size per warehouse. Physical = free to allocate + allocated; the API's FTA does not
 * subtract warehouse thresholds (Centra's API behaves so, unlike AMS). Levels start from the seed.
 */
import { createRng } from '../scenario/rng'
import type { SimCatalog } from '../scenario/catalog'

export interface StockLevel {
  physical: number
  allocated: number
}

export class StockBook {
  private levels = new Map<string, StockLevel>()
  private nextChangeId = 1

  constructor(private readonly catalog: SimCatalog) {
    this.reset()
  }

  reset(): void {
    this.levels.clear()
    this.nextChangeId = 4000
    const rng = createRng(this.catalog.seed * 31 + 7)
    for (const w of this.catalog.warehouses)
      for (const p of this.catalog.products)
        for (const v of p.variants)
          for (const s of v.sizes) this.levels.set(key(w.centraWarehouseId, s.centraSizeId), { physical: rng.int(0, 40), allocated: rng.int(0, 2) })
  }

  get(warehouseId: number, sizeId: number): StockLevel {
    return this.levels.get(key(warehouseId, sizeId)) ?? { physical: 0, allocated: 0 }
  }

  set(warehouseId: number, sizeId: number, level: StockLevel): void {
    this.levels.set(key(warehouseId, sizeId), level)
  }

  totals(sizeId: number): StockLevel {
    let physical = 0
    let allocated = 0
    for (const w of this.catalog.warehouses) {
      const l = this.get(w.centraWarehouseId, sizeId)
      physical += l.physical
      allocated += l.allocated
    }
    return { physical, allocated }
  }

  newChangeId(): number {
    return this.nextChangeId++
  }
}

const key = (warehouseId: number, sizeId: number) => `${warehouseId}:${sizeId}`
