/**
 * Returns at month-end. Returns are never posted to the ERP (finance raises credit notes there),
 * so they are no variance cause of their own: this section sits beside the variances and lets
 * an analyst explain why the ERP's invoiced total differs from net sales after returns. A return
 * counts in the month it was made, whatever the month of its order; deleted returns do not count.
 */
import type { ReconSummary, ReturnedOrder, ReturnsRow } from '../../../../shared/contract/reconciliation'
import type { Repos } from '../../db/repos'
import type { ReturnTotalsRow, ReturnedOrderRow, ReturnsPeriod } from '../../db/repos/returns.repo'

const row = (r: ReturnTotalsRow): ReturnsRow => ({ key: r.key, currency: r.currency, returns: r.returns, orders: r.orders, units: r.units, valueMinor: r.value_minor })

export function returnsSection(repos: Repos, range: ReturnsPeriod): ReconSummary['returns'] {
  return {
    label: 'Returns made in Centra this month (not posted: finance credits them in the ERP)',
    byMarket: repos.returns.byMarket(range).map(row),
    byCurrency: repos.returns.byCurrency(range).map(row),
  }
}

export function toReturnedOrder(r: ReturnedOrderRow): ReturnedOrder {
  return {
    orderNumber: r.order_number,
    market: r.market,
    currency: r.currency,
    orderDate: r.order_date,
    orderTotalMinor: r.order_total_minor,
    erpNumber: r.erp_number,
    erpTotalMinor: r.erp_total_minor,
    returns: r.returns,
    units: r.units,
    returnedMinor: r.returned_minor,
    netAfterReturnsMinor: r.order_total_minor === null ? null : r.order_total_minor - r.returned_minor,
  }
}

export function returnedOrders(repos: Repos, range: ReturnsPeriod, limit: number, offset: number): { rows: ReturnedOrder[]; total: number } {
  return { rows: repos.returns.orders(range, limit, offset).map(toReturnedOrder), total: repos.returns.countOrders(range) }
}
