import { defineHandlers } from '../../rpc/handlers'
import { periodRange } from './period'
import { buildSummary, decide, reopen, signOff, toItem, verifyAudit } from './service'
import { periodStatus } from './status'
import { exportPeriod } from './export'
import { compareErpFile } from './file-compare'
import { openPack } from './pack-viewer'
import { returnedOrders } from './returns'

export const reconciliationHandlers = defineHandlers({
  'reconciliation.summary': ({ period }, { repos, clock }) => buildSummary(repos, period, clock()),
  'reconciliation.status': ({ period }, { repos }) => periodStatus(repos, period),
  'reconciliation.items': ({ period, topic: given, cause, undecidedOnly, limit, offset }, { repos, clock }) => {
    const range = periodRange(period, clock())
    const topic = given ?? cause
    return {
      rows: repos.reconciliation.items(range, topic ?? null, undecidedOnly, limit, offset).map(toItem),
      total: repos.reconciliation.countItems(range, topic ?? null, undecidedOnly),
    }
  },
  'reconciliation.returns': ({ period, limit, offset }, { repos, clock }) => returnedOrders(repos, periodRange(period, clock()), limit, offset),
  'reconciliation.explain': ({ period, keys, note, actor }, { repos, clock }) => decide(repos, clock(), { period, keys, decision: 'explained', note, actor }),
  'reconciliation.accept': ({ period, keys, topic, note, actor }, { repos, clock }) =>
    decide(repos, clock(), { period, keys, topic, decision: 'accepted', note, actor }),
  'reconciliation.signOff': (input, { repos, clock }) => signOff(repos, clock(), input),
  'reconciliation.reopen': (input, { repos, clock }) => reopen(repos, clock(), input),
  'reconciliation.verifyAudit': (_input, { repos }) => verifyAudit(repos),
  'reconciliation.compareErpFile': (input, { repos, clock }) => compareErpFile(repos, clock(), input),
  'reconciliation.export': (input, { repos, clock }) => exportPeriod(repos, clock(), input),
  'reconciliation.openPack': (input) => openPack(input),
  'reconciliation.orders': ({ period, market, currency, limit, offset }, { repos, clock }) => {
    const { rows, total } = repos.reconciliation.ordersOf(periodRange(period, clock()), { market: market ?? null, currency: currency ?? null }, limit, offset)
    return {
      rows: rows.map((r) => ({
        orderNumber: r.order_number,
        status: r.status,
        market: r.market,
        currency: r.currency,
        centraMinor: r.grand_total_minor,
        posting: r.state,
        erpNumber: r.erp_number,
        erpMinor: r.erp_total,
      })),
      total,
    }
  },
})
