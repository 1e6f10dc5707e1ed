/**
 * The simulator's order book. Generated orders are never all held in memory: an order is built
 * from its index on demand, and only orders a mutation touched (or ones appended later) are
 * stored. Because orderDate never decreases with the index, date filters become index ranges
 * found by binary search, which keeps paging through 200 000 orders cheap.
 */
import type { SimCatalog } from '../scenario/catalog'
import { createOrderGenerator, orderIdFor, type OrderGenerator, type OrderScenarioOptions, type SimOrder, type SimOrderStatus } from '../scenario/orders'

export interface OrderQuery {
  fromMs?: number
  toMs?: number
  numbers?: number[]
  ids?: string[]
  statuses?: SimOrderStatus[]
  descending?: boolean
}

export class CentraStore {
  readonly catalog: SimCatalog
  private readonly options: OrderScenarioOptions
  private gen: OrderGenerator
  private appended: SimOrder[] = []
  private overrides = new Map<number, SimOrder>()
  private idIndex: Map<string, number> | null = null

  constructor(catalog: SimCatalog, options: OrderScenarioOptions, private readonly seeded: SimOrder[] = []) {
    this.catalog = catalog
    this.options = options
    this.gen = createOrderGenerator(options)
  }

  /** Back to the state right after start: generated orders only, no edits, no appended orders. */
  reset(): void {
    this.gen = createOrderGenerator(this.options)
    this.appended = []
    this.overrides.clear()
    this.idIndex = null
  }

  get size(): number {
    return this.baseCount + this.appended.length
  }

  private get baseCount(): number {
    return this.seeded.length > 0 ? this.seeded.length : this.gen.count
  }

  at(i: number): SimOrder {
    const edited = this.overrides.get(i)
    if (edited) return edited
    if (i < this.baseCount) return this.seeded.length > 0 ? this.seeded[i] : this.gen.orderAt(i)
    return this.appended[i - this.baseCount]
  }

  private dateMs(i: number): number {
    if (i < this.baseCount && this.seeded.length === 0 && !this.overrides.has(i)) return Date.parse(this.gen.dateAt(i))
    return Date.parse(this.at(i).orderDate)
  }

  /** Appends `count` new orders dated now (the "new work" for a Sync now in the demo). */
  append(count: number, now = new Date()): SimOrder[] {
    const added: SimOrder[] = []
    const last = this.size > 0 ? this.dateMs(this.size - 1) : 0
    for (let k = 0; k < count; k++) {
      const i = this.size
      // Never earlier than the last order: date order must follow index order (see the header).
      const when = new Date(Math.max(now.getTime(), last) + k * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const order = this.seeded.length > 0 ? this.cloneAsNew(i, when) : this.gen.orderAt(i, when)
      this.appended.push(order)
      this.idIndex?.set(order.id, i)
      added.push(order)
    }
    return added
  }

  private cloneAsNew(i: number, when: string): SimOrder {
    // Seeded stores have no generator range of their own: reuse the generator for the shape.
    const order = this.gen.orderAt(i, when)
    const number = Math.max(...this.seeded.map((o) => o.number), 0) + 1 + (i - this.baseCount)
    return { ...order, number, id: orderIdFor(this.options.seed, number) }
  }

  indexOfNumber(number: number): number | null {
    if (this.seeded.length === 0 && this.appended.length === 0) {
      const i = number - this.gen.startNumber
      return i >= 0 && i < this.size ? i : null
    }
    return this.findIndex((o) => o.number === number)
  }

  indexOfId(id: string): number | null {
    if (!this.idIndex) {
      this.idIndex = new Map()
      for (let i = 0; i < this.size; i++) {
        const o = i < this.baseCount && this.seeded.length === 0 ? null : this.at(i)
        this.idIndex.set(o ? o.id : orderIdFor(this.options.seed, this.gen.startNumber + i), i)
      }
    }
    return this.idIndex.get(id) ?? null
  }

  private findIndex(pred: (o: SimOrder) => boolean): number | null {
    for (let i = 0; i < this.size; i++) if (pred(this.at(i))) return i
    return null
  }

  /** Replaces an order with an edited copy; the caller gets the copy to change. */
  edit(i: number, change: (o: SimOrder) => void): SimOrder {
    const copy = structuredClone(this.at(i))
    change(copy)
    if (i < this.baseCount) this.overrides.set(i, copy)
    else this.appended[i - this.baseCount] = copy
    return copy
  }

  /** First index whose date is >= ms (binary search; dates never decrease with the index). */
  private lowerBound(ms: number): number {
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.dateMs(mid) < ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Indices matching the query, in the requested order, one page of them. */
  find(q: OrderQuery, limit: number, page: number): { indices: number[]; total: number | null } {
    const start = q.fromMs !== undefined ? this.lowerBound(q.fromMs) : 0
    const end = q.toMs !== undefined ? this.lowerBound(q.toMs + 1) : this.size
    const skip = (page - 1) * limit
    const needsScan = Boolean(q.numbers || q.ids || q.statuses)
    if (!needsScan) {
      const total = Math.max(0, end - start)
      const indices: number[] = []
      for (let k = skip; k < Math.min(total, skip + limit); k++) indices.push(q.descending ? end - 1 - k : start + k)
      return { indices, total }
    }
    let candidates: number[]
    if (q.numbers) candidates = q.numbers.map((n) => this.indexOfNumber(n)).filter((i): i is number => i !== null && i >= start && i < end)
    else if (q.ids) candidates = q.ids.map((id) => this.indexOfId(id)).filter((i): i is number => i !== null && i >= start && i < end)
    else candidates = Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k)
    candidates = [...new Set(candidates)].sort((a, b) => a - b)
    if (q.ids && q.numbers) {
      const ids = new Set(q.ids)
      candidates = candidates.filter((i) => ids.has(this.at(i).id))
    }
    if (q.statuses) {
      const statuses = new Set(q.statuses)
      candidates = candidates.filter((i) => statuses.has(this.at(i).status))
    }
    if (q.descending) candidates.reverse()
    return { indices: candidates.slice(skip, skip + limit), total: candidates.length }
  }
}
