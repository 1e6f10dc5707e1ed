/**
 * Everything the simulated Centra instance holds, behind one object so the GraphQL resolvers
 * and the admin API change state the same way (and emit the same events).
 */
import type { SimCatalog } from '../scenario/catalog'
import type { SimOrder } from '../scenario/orders'
import { EventQueue } from './events'
import { ShipmentBook } from './fulfilment'
import { ReturnBook } from './returns'
import { StockBook } from './stock'
import type { CentraStore } from './store'

export interface IdConversionEntry {
  id: number
  objectType: string
  internalId: number
  externalId: string
}

export class IdConversionBook {
  private nextId = 1
  private entries: IdConversionEntry[] = []

  reset(): void {
    this.nextId = 1
    this.entries = []
  }

  /** Writing a colliding entry overwrites the existing one (the API's rule; AMS would refuse). */
  set(objectType: string, internalId: number, externalId: string): IdConversionEntry {
    this.entries = this.entries.filter((e) => !(e.objectType === objectType && (e.internalId === internalId || e.externalId === externalId)))
    const entry = { id: this.nextId++, objectType, internalId, externalId }
    this.entries.push(entry)
    return entry
  }

  unset(objectType: string, ref: { id?: number | null; internalId?: number | null; externalId?: string | null }): boolean {
    const before = this.entries.length
    this.entries = this.entries.filter(
      (e) =>
        !(
          e.objectType === objectType &&
          ((ref.id != null && e.id === ref.id) || (ref.internalId != null && e.internalId === ref.internalId) || (ref.externalId != null && e.externalId === ref.externalId))
        ),
    )
    return this.entries.length < before
  }

  find(objectType?: string | null, externalId?: { equals?: string | null; contains?: string | null } | null): IdConversionEntry[] {
    return this.entries.filter(
      (e) =>
        (!objectType || e.objectType === objectType) &&
        (!externalId?.equals || e.externalId === externalId.equals) &&
        (!externalId?.contains || e.externalId.includes(externalId.contains)),
    )
  }

  internalIdOf(objectType: string, externalId: string): number | null {
    return this.entries.find((e) => e.objectType === objectType && e.externalId === externalId)?.internalId ?? null
  }
}

export class SimWorld {
  readonly events = new EventQueue()
  readonly shipments = new ShipmentBook()
  readonly stock: StockBook
  readonly ids = new IdConversionBook()
  readonly returns = new ReturnBook()
  /** scenario steps run at start and again after every reset (the demo's returns) */
  private readonly seeders: ((world: SimWorld) => void)[] = []

  constructor(readonly store: CentraStore) {
    this.stock = new StockBook(store.catalog)
  }

  get catalog(): SimCatalog {
    return this.store.catalog
  }

  reset(): void {
    this.store.reset()
    this.events.reset()
    this.shipments.reset()
    this.stock.reset()
    this.ids.reset()
    this.returns.reset()
    for (const seed of this.seeders) seed(this)
  }

  /** Runs a scenario step now and after every reset, so a reset gives back the state right after start. */
  addSeeder(seed: (world: SimWorld) => void): void {
    this.seeders.push(seed)
    seed(this)
  }

  appendOrders(count: number, now = new Date()): SimOrder[] {
    const added = this.store.append(count, now)
    for (const o of added) this.events.emit('Order', 'CREATED', o.number, o.marketId)
    return added
  }

  orderChanged(order: SimOrder, changeType: 'UPDATED' | 'COMPLETED' = 'UPDATED'): void {
    this.events.emit('Order', changeType, order.number, order.marketId)
  }
}
