/**
 * Centra's events queue for one integration: listeners decide what is recorded, `events`
 * returns the oldest unconfirmed ones and keeps returning them until they are confirmed
 * (at-least-once), and unsetting a listener drops what it had queued.
 */
export const CHANGE_TYPES = ['CREATED', 'UPDATED', 'DELETED', 'COMPLETED', 'DEPENDENT_DATA_CHANGED'] as const
export type ChangeType = (typeof CHANGE_TYPES)[number]

export interface SimEvent {
  id: number
  objectType: string
  changeType: ChangeType
  /** the object's id; for an Order its number (as Centra does) */
  objectReference: number
  createdAt: string
  marketId: number | null
}

export interface SimListener {
  objectType: string
  changeTypes: ChangeType[]
  createdAt: string
  updatedAt: string
}

export interface EventFilter {
  objectType?: string[] | null
  changeType?: ChangeType[] | null
  marketId?: number[] | null
  storeId?: number[] | null
}

export const INTEGRATION_NAME = 'instep-sim'

export class EventQueue {
  private nextId = 1
  private queue: SimEvent[] = []
  private listeners = new Map<string, SimListener>()

  reset(): void {
    this.nextId = 1
    this.queue = []
    this.listeners.clear()
  }

  listListeners(): SimListener[] {
    return [...this.listeners.values()]
  }

  /** Additive and idempotent: change types are merged into what the type already listens to. */
  setListeners(input: { objectType: string; changeTypes?: ChangeType[] | null }[], now = new Date().toISOString()): SimListener[] {
    for (const item of input) {
      const wanted = item.changeTypes?.length ? item.changeTypes : [...CHANGE_TYPES]
      const existing = this.listeners.get(item.objectType)
      if (existing) {
        existing.changeTypes = CHANGE_TYPES.filter((c) => existing.changeTypes.includes(c) || wanted.includes(c))
        existing.updatedAt = now
      } else {
        this.listeners.set(item.objectType, { objectType: item.objectType, changeTypes: CHANGE_TYPES.filter((c) => wanted.includes(c)), createdAt: now, updatedAt: now })
      }
    }
    return this.listListeners()
  }

  /** Removes the change types (all when none given) and deletes events already queued for them. */
  unsetListeners(input: { objectType: string; changeTypes?: ChangeType[] | null }[], now = new Date().toISOString()): SimListener[] {
    for (const item of input) {
      const existing = this.listeners.get(item.objectType)
      const dropped = item.changeTypes?.length ? item.changeTypes : [...CHANGE_TYPES]
      this.queue = this.queue.filter((e) => !(e.objectType === item.objectType && dropped.includes(e.changeType)))
      if (!existing) continue
      existing.changeTypes = existing.changeTypes.filter((c) => !dropped.includes(c))
      existing.updatedAt = now
      if (existing.changeTypes.length === 0) this.listeners.delete(item.objectType)
    }
    return this.listListeners()
  }

  /** Records an event when someone listens for it; Centra does not keep events nobody asked for. */
  emit(objectType: string, changeType: ChangeType, objectReference: number, marketId: number | null = null): void {
    const listener = this.listeners.get(objectType)
    if (!listener || !listener.changeTypes.includes(changeType)) return
    this.queue.push({ id: this.nextId++, objectType, changeType, objectReference, createdAt: new Date().toISOString(), marketId })
  }

  pending(filter: EventFilter | null | undefined, limit: number): SimEvent[] {
    const out: SimEvent[] = []
    for (const e of this.queue) {
      if (filter?.objectType?.length && !filter.objectType.includes(e.objectType)) continue
      if (filter?.changeType?.length && !filter.changeType.includes(e.changeType)) continue
      if (filter?.marketId?.length && (e.marketId === null || !filter.marketId.includes(e.marketId))) continue
      if (filter?.storeId?.length && !filter.storeId.includes(1)) continue
      out.push(e)
      if (out.length >= limit) break
    }
    return out
  }

  /** Confirms ids; returns the ids that were not in the queue (already confirmed or never issued). */
  confirm(ids: number[]): number[] {
    const wanted = new Set(ids)
    const found = new Set<number>()
    this.queue = this.queue.filter((e) => {
      if (!wanted.has(e.id)) return true
      found.add(e.id)
      return false
    })
    return ids.filter((id) => !found.has(id))
  }

  get size(): number {
    return this.queue.length
  }
}
