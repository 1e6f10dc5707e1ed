/**
 * Stock that moves in the simulated warehouse: goods received, counted and damaged between two
 * reads of the availability page, a few items at a time, the same way for the same seed. It lets
 * the demo's Stock & drift screen show levels changing over runs. Also how the one inventory
 * total per item is split over locations on the availability page (the sum is the item's total).
 */
import Decimal from 'decimal.js'
import { createRng, type Rng } from '../scenario/rng'
import type { ItemRec } from './store'

export class StockMoves {
  private readonly rng: Rng
  private reads = 0
  private countShare = 0

  constructor(
    seed: number,
    /** items changed before every read after the first (0: stock never moves by itself) */
    private readonly perRead: number,
  ) {
    this.rng = createRng(seed * 17 + 3)
  }

  /** The next read shows this share of items at zero, as a stock count half-way through would (once). */
  countOnNextRead(share: number): void {
    this.countShare = share
  }

  /**
   * Called on each read of the availability page; moves stock from the second read on. Returns
   * the items a count in progress shows at zero on this read (their real stock is unchanged).
   */
  beforeRead(items: ItemRec[]): Set<string> {
    const counting = new Set<string>()
    if (this.countShare > 0) {
      items.slice(0, Math.ceil(items.length * this.countShare)).forEach((i) => counting.add(i.number))
      this.countShare = 0
    }
    if (this.reads++ === 0 || this.perRead <= 0 || items.length === 0) return counting
    for (let k = 0; k < this.perRead; k++) {
      const item = items[this.rng.int(0, items.length - 1)]
      const delta = this.rng.int(-3, 4)
      item.inventory = Decimal.max(0, item.inventory.plus(delta))
      item.lastModifiedDateTime = new Date().toISOString()
    }
    return counting
  }
}

/** The first location holds what the others do not; the second a third of the item's stock. */
export function splitOverLocations(inventory: Decimal, locations: string[]): { location: string; quantity: number }[] {
  const total = inventory.toNumber()
  if (locations.length < 2) return locations.map((location) => ({ location, quantity: total }))
  const second = Math.floor(total / 3)
  return locations.map((location, i) => ({ location, quantity: i === 0 ? total - second : i === 1 ? second : 0 }))
}
