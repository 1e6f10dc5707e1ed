/**
 * Business Central's rules for a sales order, read before posting. Currencies: the `currencies`
 * entity set lists the foreign currencies only; the company's own (local) currency is accepted
 * too and comes from `companyInformation.currencyCode` (BC turns that code into its blank LCY
 * code).
 */
import type { ErpPostingRules } from '../../erp-rules'
import type { BcClient } from './client'

export function bcPostingRules(client: BcClient): ErpPostingRules {
  return {
    async acceptedCurrencies(signal) {
      const [currencies, info] = await Promise.all([
        client.getAll<{ code: string }>('currencies', { params: { $select: 'code' }, signal }),
        client.getAll<{ currencyCode: string }>('companyInformation', { params: { $select: 'currencyCode' }, signal }),
      ])
      const local = info.map((i) => i.currencyCode).filter(Boolean)
      // Without the local currency's code the list would wrongly refuse the company's own currency.
      if (local.length === 0) return null
      return [...new Set([...currencies.map((c) => c.code), ...local].map((c) => c.toUpperCase()))]
    },
  }
}
