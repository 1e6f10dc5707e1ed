/**
 * Checks of an order (and its plan) against what the ERP accepts, made before any call so the
 * ERP never has to refuse it: the currency must be one the ERP has, and a shopper's name and
 * e-mail must hold no control characters (tabs, line breaks pasted into a checkout form), which
 * would break the ERP's customer card. Pure.
 */
import type { ErpSalesOrderDraft } from '../../../../shared/models/erp'
import type { StoreOrder } from '../../../../shared/models/store-order'
import type { RaiseInput } from '../../db/repos/exceptions.repo'
import { planProblemException, unknownCurrencyException } from '../../domains/exceptions/causes'

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

export function checkAgainstErpRules(order: StoreOrder, draft: ErpSalesOrderDraft | null, rules: { currencies: Set<string> | null }): RaiseInput[] {
  const out: RaiseInput[] = []
  const currency = order.currency.toUpperCase()
  if (rules.currencies && !rules.currencies.has(currency)) out.push(unknownCurrencyException(order.number, currency, [...rules.currencies].sort()))
  if (!draft) return out
  const customer = draft.customer
  if (customer) {
    for (const [what, value] of [
      ['name', customer.displayName],
      ['e-mail address', customer.email ?? ''],
    ] as const) {
      if (CONTROL.test(value)) out.push(planProblemException(order.number, { kind: 'customer_data', orderNumber: order.number, reason: `the customer ${what} contains a line break or another control character` }))
    }
  }
  return out
}
