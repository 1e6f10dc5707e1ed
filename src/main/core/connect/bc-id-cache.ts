/**
 * Business Central's item and variant ids, kept in the workspace store (erp_items and
 * erp_item_variants) so that after a restart the connector finds them without reading every
 * item again. Written in one transaction: items and variants always come from the same read.
 */
import type { Repos } from '../db/repos'
import { iso, type Clock } from '../db/repos/clock'
import type { BcIdCache } from '../sync/connectors/bc'

export function bcIdCacheFor(repos: Repos, clock: Clock): BcIdCache {
  return {
    load: () => ({ items: repos.mapping.itemIds(), variants: repos.mapping.variants() }),
    save: (items, variants) =>
      repos.tx(() => {
        const at = iso(clock)
        repos.mapping.upsertItems(items, at)
        repos.mapping.replaceVariants(variants, at)
      }),
  }
}
