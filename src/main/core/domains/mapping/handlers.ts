import Decimal from 'decimal.js'
import { AppError } from '../../../../shared/errors'
import { iso } from '../../db/repos/clock'
import type { Repos } from '../../db/repos'
import { defineHandlers } from '../../rpc/handlers'
import { traceKeys } from '../exceptions/causes'
import { previewCsv, toCsv } from './csv'

/**
 * After a SKU is mapped: the live "no ERP item" / "several ERP items" exceptions it answers are
 * resolved (as automatic matching does) and handed back so the screen can offer a retry of the
 * orders they hold back through exceptions.retry.
 */
function answered(repos: Repos, skus: string[], note: string, at: string) {
  const orderIds = new Set<string>()
  const exceptionIds: number[] = []
  for (const sku of skus) {
    for (const id of repos.mapping.blockedOrderIdsWithSku(sku)) orderIds.add(id)
    exceptionIds.push(...repos.mapping.liveSkuExceptionIds(traceKeys.sku(sku, 'unmapped'), traceKeys.sku(sku, 'ambiguous')))
    repos.exceptions.resolveByTraceKey(traceKeys.sku(sku, 'unmapped'), note, at)
    repos.exceptions.resolveByTraceKey(traceKeys.sku(sku, 'ambiguous'), note, at)
  }
  return { ordersToRelease: orderIds.size, exceptionIds }
}


export const mappingHandlers = defineHandlers({
  'mapping.listSkus': ({ status, search, limit, offset }, { repos }) => {
    const page = repos.mapping.coverage({ status, search, limit, offset })
    return {
      ...page,
      rows: page.rows.map((r) => ({ ...r, candidates: r.status === 'ambiguous' && r.ean ? repos.mapping.itemNumbersWith('gtin', r.ean) : [] })),
    }
  },

  'mapping.searchItems': ({ search, limit }, { repos }) => ({ rows: repos.mapping.searchItems(search, limit) }),

  'mapping.setSku': ({ sku, erpItemNumber, ean, confirmNewItem, actor }, { repos, clock }) => {
    if (!confirmNewItem && !repos.mapping.isKnownItem(erpItemNumber)) {
      throw new AppError(
        'conflict',
        `ERP item ${erpItemNumber} is not among the items Instep has read from the ERP. Check the number, or confirm that the item is new in the ERP.`,
      )
    }
    return repos.tx(() => {
      const at = iso(clock)
      const before = repos.mapping.find(sku)
      repos.mapping.save({ sku, ean: ean ?? null, erpItemNumber, origin: 'manual' }, actor, before?.erpItemNumber ?? null, at)
      return { sku, erpItemNumber, ...answered(repos, [sku], `Mapped to ERP item ${erpItemNumber} by ${actor}`, at) }
    })
  },

  'mapping.removeSku': ({ sku, actor }, { repos, clock }) =>
    repos.tx(() => {
      const before = repos.mapping.find(sku)
      return { removed: before ? repos.mapping.remove(sku, actor, before.erpItemNumber, iso(clock)) : false }
    }),

  'mapping.previewImport': ({ csv, allowNewItems }, { repos }) =>
    previewCsv(csv, { current: (sku) => repos.mapping.find(sku)?.erpItemNumber ?? null, isKnownItem: (n) => repos.mapping.isKnownItem(n), allowNewItems }),

  'mapping.applyImport': ({ csv, allowNewItems, actor }, { repos, clock }) =>
    repos.tx(() => {
      // Decided inside the transaction, on the map as it is now, so apply never differs from a preview of the same state.
      const preview = previewCsv(csv, { current: (sku) => repos.mapping.find(sku)?.erpItemNumber ?? null, isKnownItem: (n) => repos.mapping.isKnownItem(n), allowNewItems })
      const at = iso(clock)
      const saved: string[] = []
      for (const r of preview.rows) {
        if (r.action !== 'add' && r.action !== 'change') continue
        repos.mapping.save({ sku: r.sku, ean: r.ean, erpItemNumber: r.erpItemNumber, origin: 'imported' }, actor, r.previous, at)
        saved.push(r.sku)
      }
      return { preview, ...answered(repos, saved, `Mapped by a CSV import by ${actor}`, at) }
    }),

  'mapping.exportCsv': (_input, { repos }) => {
    const rows = repos.mapping.all()
    return { csv: toCsv(rows), rows: rows.length }
  },

  'mapping.taxCodes': (_input, { repos, config }) => {
    const codes: Record<string, string> = config.orders.taxCodes
    const byRate = new Map<string, { ratePercent: string; erpTaxCode: string | null; orderLines: number }>()
    for (const [rate, code] of Object.entries(codes)) byRate.set(new Decimal(rate).toString(), { ratePercent: new Decimal(rate).toString(), erpTaxCode: code, orderLines: 0 })
    for (const { rate, lines } of repos.mapping.taxRatesInUse()) {
      const key = new Decimal(rate).toString()
      const row = byRate.get(key) ?? { ratePercent: key, erpTaxCode: null, orderLines: 0 }
      row.orderLines += lines
      byRate.set(key, row)
    }
    return { rows: [...byRate.values()].sort((a, b) => new Decimal(a.ratePercent).cmp(b.ratePercent)) }
  },

  'mapping.listBundles': ({ search, limit, offset }, { repos }) => repos.mapping.bundles({ search, limit, offset }),

  'mapping.listWarehouses': (_input, { repos }) => ({ rows: repos.mapping.warehouses() }),

  'mapping.setWarehouse': ({ centraWarehouse, erpLocation, actor }, { repos, clock }) => {
    repos.tx(() => repos.mapping.setWarehouse(centraWarehouse, erpLocation, actor, iso(clock)))
    return { rows: repos.mapping.warehouses() }
  },
})
