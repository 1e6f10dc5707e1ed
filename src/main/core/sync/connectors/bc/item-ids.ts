/**
 * Item and variant ids for sales lines. Business Central's API v2.0 takes a line's variant only
 * as the GUID `itemVariantId` (there is no variant code property on lines), so a SKU mapped to
 * "item 1000, variant RED-M" needs the variant's id, looked up from /items and /itemVariants.
 *
 * The ids are pulled once and kept: in memory for the run, and through the optional cache in
 * the workspace store so a restart does not read every item again. A code the cache does not
 * know triggers one fresh read per run (the variant may be new in BC); after that it is a
 * mapping problem for ecommerce, reported before anything is sent.
 */
import type { ErpItem, ErpItemVariant } from '../../../../../shared/models/erp'
import { ConnectorError, type MappingGap } from '../../connector-error'

/** Where the ids survive a restart (the workspace store); connectors never see the store itself. */
export interface BcIdCache {
  /** what an earlier read left (empty lists on first use) */
  load(): { items: { id: string; number: string }[]; variants: ErpItemVariant[] }
  /** after a fresh read of every item and variant */
  save(items: ErpItem[], variants: ErpItemVariant[]): void
}

export interface LineIdRequest {
  itemNumber: string
  variantCode: string
  sku: string | null
}

export interface LineIds {
  itemId: string
  itemVariantId: string
}

/** BC's item numbers and variant codes are AL Code fields: stored and compared in upper case. */
const norm = (s: string) => s.trim().toUpperCase()
const variantKey = (itemNumber: string, code: string) => `${norm(itemNumber)}\u0000${norm(code)}`

export function createItemIdResolver(deps: {
  pull: (signal?: AbortSignal) => Promise<{ items: ErpItem[]; variants: ErpItemVariant[] }>
  cache?: BcIdCache
}) {
  const items = new Map<string, string>()
  const variants = new Map<string, string>()
  let loaded = false
  let pulledThisRun = false

  const fill = (list: { id: string; number: string }[], vs: ErpItemVariant[]) => {
    items.clear()
    variants.clear()
    for (const i of list) items.set(norm(i.number), i.id)
    for (const v of vs) variants.set(variantKey(v.itemNumber, v.code), v.id)
  }

  // Orders are posted several at a time: they share one read instead of each starting their own.
  let pulling: Promise<void> | null = null
  function pull(signal?: AbortSignal): Promise<void> {
    pulling ??= (async () => {
      try {
        const fresh = await deps.pull(signal)
        fill(fresh.items, fresh.variants)
        deps.cache?.save(fresh.items, fresh.variants)
        pulledThisRun = true
        loaded = true
      } finally {
        pulling = null
      }
    })()
    return pulling
  }

  const missing = (wanted: LineIdRequest[]) =>
    wanted.filter((w) => !items.has(norm(w.itemNumber)) || !variants.has(variantKey(w.itemNumber, w.variantCode)))

  return {
    /**
     * Reads the ids afresh unless this run already did (a kept id BC no longer knows: the
     * variant was deleted and made again). True when it read.
     */
    async refresh(signal?: AbortSignal): Promise<boolean> {
      if (pulling) await pulling
      if (pulledThisRun) return false
      await pull(signal)
      return true
    },
    /** Ids for each requested line, in order; throws a mapping ConnectorError naming every gap. */
    async resolve(wanted: LineIdRequest[], signal?: AbortSignal): Promise<LineIds[]> {
      if (wanted.length === 0) return []
      if (!loaded && deps.cache) {
        const cached = deps.cache.load()
        if (cached.variants.length > 0) {
          fill(cached.items, cached.variants)
          loaded = true
        }
      }
      if (pulling) await pulling
      if (!loaded || (missing(wanted).length > 0 && !pulledThisRun)) await pull(signal)
      const gaps = missing(wanted)
      if (gaps.length > 0) throw mappingError(gaps.map((g) => ({ sku: g.sku, itemNumber: g.itemNumber, variantCode: g.variantCode, itemKnown: items.has(norm(g.itemNumber)) })))
      return wanted.map((w) => ({ itemId: items.get(norm(w.itemNumber))!, itemVariantId: variants.get(variantKey(w.itemNumber, w.variantCode))! }))
    },
  }
}
export type ItemIdResolver = ReturnType<typeof createItemIdResolver>

function mappingError(gaps: (MappingGap & { itemKnown: boolean })[]): ConnectorError {
  const sentences = gaps.map((g) => {
    const who = g.sku ? `SKU ${g.sku} is mapped to` : 'A line is mapped to'
    return g.itemKnown
      ? `${who} item ${g.itemNumber} variant ${g.variantCode}, which Business Central does not have.`
      : `${who} item ${g.itemNumber} variant ${g.variantCode}, but Business Central has no item ${g.itemNumber}.`
  })
  return new ConnectorError({
    system: 'erp',
    kind: 'invalid',
    message: [...new Set(sentences)].join(' '),
    mapping: gaps.map(({ sku, itemNumber, variantCode }) => ({ sku, itemNumber, variantCode })),
  })
}
