/**
 * What the engine needs from the store to record returns: the return events of the change feed
 * and a full list for the first sweep (returns made before Instep subscribed raise no event).
 */
import type { StoreReturn } from '../../../shared/models/store-return'

export interface ReturnEvent {
  id: number
  returnId: string
  changeType: string
  /** the return's current state; null for DELETED (Centra sends no object then) */
  ret: { ret: StoreReturn; raw: unknown } | null
}

export interface StoreReturnSource {
  /** Idempotent: subscribing again changes nothing. */
  subscribe(signal?: AbortSignal): Promise<void>
  next(limit: number, signal?: AbortSignal): Promise<ReturnEvent[]>
  confirm(ids: number[], signal?: AbortSignal): Promise<void>
  /** One page (1-based) of every return the store lists. */
  page(page: number, limit: number, signal?: AbortSignal): Promise<{ returns: { ret: StoreReturn; raw: unknown }[]; hasMore: boolean }>
}
