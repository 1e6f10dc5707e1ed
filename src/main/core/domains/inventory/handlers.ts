import { AppError } from '../../../../shared/errors'
import { iso } from '../../db/repos/clock'
import { defineHandlers } from '../../rpc/handlers'
import { STOCK_LISTS_KEY } from '../../sync/engine/stock-sync'
import type { Repos } from '../../db/repos'

const EMPTY_LISTS = { at: null, unmappedItems: [], ambiguousItems: [], unmappedLocations: [], withoutErpRecord: [], handEdited: [] }

function held(repos: Repos, pushId: number) {
  const push = repos.stock.get(pushId)
  if (!push) throw new AppError('not_found', `There is no stock push ${pushId}`)
  if (push.state !== 'held') throw new AppError('conflict', `Stock push ${pushId} is ${push.state}, not held for review`)
  return push
}

export const inventoryHandlers = defineHandlers({
  'inventory.drift': ({ limit, offset }, { repos }) => {
    const takenAt = repos.stock.latestSnapshotAt()
    if (!takenAt) return { takenAt: null, rows: [], total: 0, units: 0, oversell: { sizes: 0, units: 0 } }
    const { items, total, units, oversell } = repos.stock.worstDrift(takenAt, limit, offset)
    return { takenAt, rows: items, total, units, oversell }
  },
  'inventory.skuHistory': ({ sku }, { repos }) => repos.stock.history(sku),
  'inventory.trend': ({ days, by }, { repos, clock }) => {
    const since = new Date(clock().getTime() - days * 86_400_000).toISOString()
    return by === 'run' ? repos.stock.trendByRun(since, 200) : repos.stock.trend(since.slice(0, 10))
  },
  'inventory.lists': (_input, { repos }) => {
    const raw = repos.cursors.get(STOCK_LISTS_KEY)
    return raw ? JSON.parse(raw) : EMPTY_LISTS
  },
  'inventory.pushes': ({ state, limit }, { repos }) => (state ? repos.stock.withState(state).reverse().slice(0, limit) : repos.stock.recent(limit)),
  'inventory.pushRows': ({ pushId, limit, offset }, { repos }) =>
    repos.stock.rows(pushId, limit, offset).map(({ sku, warehouseId, beforeQty, afterQty, urgent, state, stockChangeIds, error }) => ({
      sku, warehouseId, beforeQty, afterQty, urgent, state, stockChangeIds, error,
    })),
  'inventory.approvePush': ({ pushId }, { repos, clock }) => {
    held(repos, pushId)
    const at = iso(clock)
    repos.tx(() => {
      repos.stock.setState(pushId, 'pushing', null, at)
      repos.exceptions.resolveByTraceKey('stock:held', `Stock push ${pushId} approved`, at)
    })
    return repos.stock.get(pushId)!
  },
  'inventory.discardPush': ({ pushId, reason }, { repos, clock }) => {
    held(repos, pushId)
    const at = iso(clock)
    repos.tx(() => {
      repos.stock.setState(pushId, 'discarded', `Discarded: ${reason}`, at)
      repos.exceptions.resolveByTraceKey('stock:held', `Stock push ${pushId} discarded: ${reason}`, at)
    })
    return repos.stock.get(pushId)!
  },
})
