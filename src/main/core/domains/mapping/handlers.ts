import Decimal from 'decimal.js'
import { AppError } from '../../../../shared/errors'
import { iso } from '../../db/repos/clock'
import type { Repos } from '../../db/repos'
import { defineHandlers } from '../../rpc/handlers'
import { traceKeys } from '../exceptions/causes'
import { previewCsv, toCsv, type ImportContext } from './csv'
import { mappingLabel } from '../../db/repos/mapping.repo'
import { ConnectorError } from '../../sync/connector-error'

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

function importContext(repos: Repos, allowNewItems: boolean): ImportContext {
  return {
    current: (sku) => repos.mapping.find(sku),
    isKnownItem: (n) => repos.mapping.isKnownItem(n),
    isKnownVariant: (n, code) => repos.mapping.isKnownVariant(n, code),
    allowNewItems,
  }
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

  'mapping.setSku': ({ sku, erpItemNumber, erpVariantCode, ean, confirmNewItem, actor }, { repos, clock }) => {
    if (!confirmNewItem && !repos.mapping.isKnownItem(erpItemNumber)) {
      throw new AppError(
        'conflict',
        `ERP item ${erpItemNumber} is not among the items Instep has read from the ERP. Check the number, or confirm that the item is new in the ERP.`,
      )
    }
    // ERP variant codes are upper case (Business Central stores them so).
    const variant = erpVariantCode ? erpVariantCode.toUpperCase() : null
    if (variant && !confirmNewItem && repos.mapping.isKnownVariant(erpItemNumber, variant) === false) {
      throw new AppError(
        'conflict',
        `ERP item ${erpItemNumber} has no variant ${variant} among the variants Instep has read from the ERP. Check the code, or confirm that the variant is new in the ERP.`,
      )
    }
    return repos.tx(() => {
      const at = iso(clock)
      const before = repos.mapping.find(sku)
      const label = mappingLabel(erpItemNumber, variant)
      repos.mapping.save({ sku, ean: ean ?? null, erpItemNumber, erpVariantCode: variant, origin: 'manual' }, actor, before ? mappingLabel(before.erpItemNumber, before.erpVariantCode) : null, at)
      return { sku, erpItemNumber, erpVariantCode: variant, ...answered(repos, [sku], `Mapped to ERP item ${label} by ${actor}`, at) }
    })
  },

  'mapping.removeSku': ({ sku, actor }, { repos, clock }) =>
    repos.tx(() => {
      const before = repos.mapping.find(sku)
      return { removed: before ? repos.mapping.remove(sku, actor, mappingLabel(before.erpItemNumber, before.erpVariantCode), iso(clock)) : false }
    }),

  'mapping.previewImport': ({ csv, allowNewItems }, { repos }) => previewCsv(csv, importContext(repos, allowNewItems)),

  'mapping.applyImport': ({ csv, allowNewItems, actor }, { repos, clock }) =>
    repos.tx(() => {
      // Decided inside the transaction, on the map as it is now, so apply never differs from a preview of the same state.
      const preview = previewCsv(csv, importContext(repos, allowNewItems))
      const at = iso(clock)
      const saved: string[] = []
      for (const r of preview.rows) {
        if (r.action !== 'add' && r.action !== 'change') continue
        repos.mapping.save({ sku: r.sku, ean: r.ean, erpItemNumber: r.erpItemNumber, erpVariantCode: r.erpVariantCode, origin: 'imported' }, actor, r.previous, at)
        saved.push(r.sku)
      }
      return { preview, ...answered(repos, saved, `Mapped by a CSV import by ${actor}`, at) }
    }),

  'mapping.exportCsv': (_input, { repos }) => {
    const rows = repos.mapping.all()
    return { csv: toCsv(rows), rows: rows.length }
  },

  'mapping.taxCodes': ({ market }, { repos, config }) => {
    const all = config.orders.taxCodes
    const own = market ? (config.orders.taxCodesByMarket[market] ?? {}) : all
    const rate = (r: string) => new Decimal(r).toString()
    const codeIn = (table: Record<string, string>, r: string) => Object.entries(table).find(([k]) => rate(k) === r)?.[1] ?? null
    const byRate = new Map<string, { ratePercent: string; erpTaxCode: string | null; fallbackCode: string | null; orderLines: number }>()
    const row = (r: string) => {
      const key = rate(r)
      let found = byRate.get(key)
      if (!found) byRate.set(key, (found = { ratePercent: key, erpTaxCode: codeIn(own, key), fallbackCode: market ? codeIn(all, key) : null, orderLines: 0 }))
      return found
    }
    for (const r of Object.keys(own)) row(r)
    const markets = new Map<string, { market: string; orderLines: number; ownCodes: number }>()
    for (const [m, table] of Object.entries(config.orders.taxCodesByMarket)) markets.set(m, { market: m, orderLines: 0, ownCodes: Object.keys(table).length })
    for (const u of repos.mapping.taxRatesInUseByMarket()) {
      if (!market || u.market === market) row(u.rate).orderLines += u.lines
      if (u.market === null) continue
      const m = markets.get(u.market) ?? { market: u.market, orderLines: 0, ownCodes: 0 }
      m.orderLines += u.lines
      markets.set(u.market, m)
    }
    return {
      rows: [...byRate.values()].sort((a, b) => new Decimal(a.ratePercent).cmp(b.ratePercent)),
      markets: [...markets.values()].sort((a, b) => a.market.localeCompare(b.market)),
    }
  },

  'mapping.listBundles': ({ search, limit, offset }, { repos }) => repos.mapping.bundles({ search, limit, offset }),

  'mapping.itemVariants': ({ itemNumber }, { repos }) => ({ rows: repos.mapping.variantsOf(itemNumber) }),

  'mapping.erpLocations': async (_input, { connect }) => {
    const { erp } = connect()
    if (!erp.listLocations) return { available: false, rows: [] }
    try {
      const rows = await erp.listLocations()
      return { available: true, rows: rows.map((l) => ({ code: l.code, displayName: l.displayName })) }
    } catch (e) {
      // Shown next to the warehouse list: typing a code by hand still works without the ERP.
      if (e instanceof ConnectorError) throw new AppError('unavailable', `Could not read the ERP's locations: ${e.message}`)
      throw e
    }
  },

  'mapping.listWarehouses': (_input, { repos }) => ({ rows: repos.mapping.warehouses() }),

  'mapping.setWarehouse': ({ centraWarehouse, erpLocation, actor }, { repos, clock }) => {
    repos.tx(() => repos.mapping.setWarehouse(centraWarehouse, erpLocation, actor, iso(clock)))
    return { rows: repos.mapping.warehouses() }
  },
})
