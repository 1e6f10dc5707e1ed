/**
 * The wording and routing of every exception cause, in one place: which team owns it, how
 * severe it is, and what a person should do, in the words of the team that owns it.
 */
import type { RaiseInput } from '../../db/repos/exceptions.repo'
import type { PlanProblem } from '../../sync/engine/posting-plan'
import type { ConnectorError } from '../../sync/connector-error'
import type { VarianceItem } from '../../sync/engine/variance'
import type { ErpShipment } from '../../sync/ports'
import type { Fulfilment } from '../../db/repos/fulfilments.repo'
import { formatMoney } from '../../../../shared/money'
import type { Team } from '../../../../shared/contract'

/**
 * Every exception category with the team(s) that own it by default (some depend on the error:
 * a refused order is finance's, an unreachable ERP operations'). A workspace can route a
 * category to another team (settings: exceptions.teams); that applies to new exceptions only.
 */
export const EXCEPTION_CATEGORIES: readonly { category: string; label: string; defaultTeams: readonly Team[] }[] = [
  { category: 'unmapped_sku', label: 'SKU has no ERP item', defaultTeams: ['ecommerce'] },
  { category: 'ambiguous_mapping', label: 'SKU matches several ERP items', defaultTeams: ['ecommerce'] },
  { category: 'bundle_without_components', label: 'Bundle without components', defaultTeams: ['ecommerce'] },
  { category: 'missing_identifier', label: 'Order data missing', defaultTeams: ['ecommerce'] },
  { category: 'missing_tax_code', label: 'Tax rate not mapped', defaultTeams: ['finance'] },
  { category: 'missing_account', label: 'Account missing in the ERP', defaultTeams: ['finance'] },
  { category: 'total_mismatch', label: 'Totals differ', defaultTeams: ['finance'] },
  { category: 'tax_mismatch', label: 'Tax differs', defaultTeams: ['finance'] },
  { category: 'erp_variance', label: 'ERP figures differ', defaultTeams: ['finance'] },
  { category: 'erp_rejected', label: 'ERP refused the order', defaultTeams: ['finance'] },
  { category: 'erp_unavailable', label: 'ERP could not be reached', defaultTeams: ['operations'] },
  { category: 'customer_data', label: 'Customer data the ERP refuses', defaultTeams: ['cx'] },
  { category: 'unknown_currency', label: 'Currency not set up in the ERP', defaultTeams: ['finance'] },
  { category: 'changed_after_posting', label: 'Changed after posting', defaultTeams: ['finance'] },
  { category: 'cancelled_after_posting', label: 'Cancelled after posting', defaultTeams: ['operations'] },
  { category: 'fulfilment_failed', label: 'Shipment not sent to Centra', defaultTeams: ['operations', 'cx'] },
  { category: 'unknown_shipment', label: 'Shipment for an unknown order', defaultTeams: ['operations'] },
  { category: 'sync_failed', label: 'Sync failed', defaultTeams: ['operations'] },
  { category: 'stale_sync', label: 'Sync is late', defaultTeams: ['operations'] },
  { category: 'stock_push_held', label: 'Stock push held for review', defaultTeams: ['operations'] },
  { category: 'stock_rejected', label: 'Centra refused a stock level', defaultTeams: ['ecommerce'] },
]

export const traceKeys = {
  sku: (sku: string, cause: 'unmapped' | 'ambiguous') => `sku:${sku}:${cause}`,
  order: (number: number, cause: string) => `order:${number}:${cause}`,
  orderPrefix: (number: number) => `order:${number}:`,
  currency: (code: string) => `currency:${code}:unknown`,
  job: (job: string) => `job:${job}:failed`,
  stale: (job: string) => `job:${job}:stale`,
  shipment: (number: string) => `shipment:${number}:failed`,
  /** the rate is last (it never holds a colon); an order without a market keeps the older form */
  taxCode: (market: string | null, ratePercent: string) => (market === null ? `config:tax_code:${ratePercent}` : `config:tax_code:${market}:${ratePercent}`),
  taxCodePrefix: 'config:tax_code:',
  chargeAccount: (charge: 'shipping' | 'handling') => `config:${charge}_account`,
}

export function planProblemException(orderNumber: number, p: PlanProblem): RaiseInput {
  switch (p.kind) {
    case 'unmapped_sku':
      return {
        traceKey: traceKeys.sku(p.sku, 'unmapped'),
        category: 'unmapped_sku',
        team: 'ecommerce',
        severity: 'high',
        objectType: 'sku',
        objectRef: p.sku,
        title: `SKU ${p.sku} has no ERP item`,
        detail:
          `Centra SKU ${p.sku}${p.ean ? ` (EAN ${p.ean})` : ''} matches no ERP item by item number or GTIN, ` +
          `so order ${orderNumber} cannot be posted to the ERP. Map the SKU to an ERP item, then retry the blocked orders.`,
      }
    case 'ambiguous_mapping':
      return {
        traceKey: traceKeys.sku(p.sku, 'ambiguous'),
        category: 'ambiguous_mapping',
        team: 'ecommerce',
        severity: 'high',
        objectType: 'sku',
        objectRef: p.sku,
        title: `SKU ${p.sku} matches several ERP items`,
        detail:
          `Centra SKU ${p.sku} matches ERP items ${p.candidates.join(', ')} by GTIN. Instep will not guess: choose the right ` +
          `item in the mapping, then retry order ${orderNumber}.`,
      }
    case 'missing_sku':
      return {
        traceKey: traceKeys.order(orderNumber, 'missing_sku'),
        category: 'missing_identifier',
        team: 'ecommerce',
        severity: 'high',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber} has a line without SKU`,
        detail: `Line ${p.lineId} (product ${p.productNumber}) of order ${orderNumber} carries no SKU, so it cannot be matched to an ERP item.`,
      }
    case 'no_tax_code': {
      // One exception per market and rate: the fix (a code in the market's own table, or in the
      // table for all markets) is the same for every order of that market.
      const where = p.market === null ? '' : ` in market ${p.market}`
      const tables = p.market === null ? 'the tax codes have no' : `neither the tax codes for ${p.market} nor those for all markets have an`
      return {
        traceKey: traceKeys.taxCode(p.market, p.ratePercent),
        category: 'missing_tax_code',
        team: 'finance',
        severity: 'high',
        objectType: 'tax_rate',
        objectRef: `${p.ratePercent} %${where}`,
        title: `No ERP tax code for ${p.ratePercent} % tax${where}`,
        detail:
          `Order ${orderNumber}${p.market === null ? '' : ` (market ${p.market})`} has lines taxed at ${p.ratePercent} %, and ${tables} ERP tax code ` +
          `for that rate. Instep does not post it with the ERP's default code, because ` +
          `that could book the tax under the wrong code. Add the rate in Settings → Tax codes${p.market === null ? '' : ` (for ${p.market}, or for all markets)`}, ` +
          'then retry: the blocked orders are posted and this exception closes.',
      }
    }
    case 'no_charge_account':
      return {
        traceKey: traceKeys.chargeAccount(p.charge),
        category: 'missing_account',
        team: 'finance',
        severity: 'high',
        objectType: 'setting',
        objectRef: `${p.charge} account`,
        title: `No G/L account set for ${p.charge}`,
        detail: `Order ${orderNumber} charges ${p.charge}, but no ERP G/L account is set for ${p.charge} charges. Set it in the workspace settings, then retry the blocked orders.`,
      }
    case 'total_mismatch':
      return {
        traceKey: traceKeys.order(orderNumber, 'total_mismatch'),
        category: 'total_mismatch',
        team: 'finance',
        severity: 'high',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber}: Centra's totals do not add up`,
        detail:
          `In Centra, order ${orderNumber}'s ${p.what} is ${money(p.centraMinor, p.currency)}, but its lines add up to ` +
          `${money(p.computedMinor, p.currency)} (difference ${money(p.centraMinor - p.computedMinor, p.currency)}). Instep did not post it, ` +
          'so the ERP does not inherit the error. Check the order in Centra; when it is corrected, retry it.',
      }
    case 'tax_mismatch':
      return {
        traceKey: traceKeys.order(orderNumber, 'tax_mismatch'),
        category: 'tax_mismatch',
        team: 'finance',
        severity: 'high',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber}: tax differs from the line rates`,
        detail:
          `Centra charged ${money(p.centraMinor, p.currency)} tax on order ${orderNumber}, but its line rates give ` +
          `${money(p.computedMinor, p.currency)} — more than rounding can explain. Check the tax rules for the order's market.`,
      }
    case 'bundle_without_components':
      return {
        traceKey: traceKeys.sku(p.sku, 'unmapped'),
        category: 'bundle_without_components',
        team: 'ecommerce',
        severity: 'high',
        objectType: 'sku',
        objectRef: p.sku,
        title: `Bundle ${p.sku} came without its components`,
        detail:
          `Order ${orderNumber} sells bundle ${p.sku}, but the order carries no component lines for it and the bundle is not an ERP item. ` +
          'Map the bundle to an ERP item (for example an assembly or kit), or check the bundle set-up in Centra, then retry the blocked orders.',
      }
    case 'customer_data':
      return {
        traceKey: traceKeys.order(orderNumber, 'customer_data'),
        category: 'customer_data',
        team: 'cx',
        severity: 'medium',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber}: customer details the ERP would refuse`,
        detail: `Order ${orderNumber} cannot get its own ERP customer because ${p.reason}. Correct the customer details in Centra, then retry the order.`,
      }
    case 'no_market_country':
      return {
        traceKey: traceKeys.order(orderNumber, 'no_country'),
        category: 'missing_identifier',
        team: 'ecommerce',
        severity: 'medium',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber} has no market country`,
        detail: `Order ${orderNumber} has no country, so Instep cannot choose the ERP web customer for it.`,
      }
  }
}

const money = (minor: number, currency: string) => formatMoney(minor, currency)

export function postingFailedException(orderNumber: number, error: ConnectorError, notBefore: string | null = null): RaiseInput {
  // Found before anything was sent: a SKU mapping points at an ERP variant (or item) that does not exist.
  if (error.mapping?.length) {
    return {
      traceKey: traceKeys.order(orderNumber, 'post_failed'),
      category: 'unmapped_sku',
      team: 'ecommerce',
      severity: 'high',
      objectType: 'order',
      objectRef: String(orderNumber),
      title: `Order ${orderNumber} has a SKU mapped to something the ERP does not have`,
      detail: `${error.message} Nothing was sent to the ERP. Correct the SKU mapping (or add the variant in the ERP), then retry the order.`,
    }
  }
  const rejected = error.kind === 'invalid' || error.kind === 'not_found' || error.kind === 'conflict'
  return {
    traceKey: traceKeys.order(orderNumber, 'post_failed'),
    category: rejected ? 'erp_rejected' : 'erp_unavailable',
    team: rejected ? 'finance' : 'operations',
    severity: 'high',
    objectType: 'order',
    objectRef: String(orderNumber),
    title: rejected ? `The ERP rejected order ${orderNumber}` : `Order ${orderNumber} could not reach the ERP`,
    detail: rejected
      ? `${error.message} Fix the cause, then retry the order.`
      : notBefore
        ? `${error.message} The ERP may still be finishing the request, so Instep looks for the order again after ${notBefore.slice(11, 16)} UTC before sending it again: it is never posted twice.`
        : `${error.message} Instep tries again on the next run; nothing was posted twice.`,
  }
}

export function jobFailedException(job: string, message: string): RaiseInput {
  return {
    traceKey: traceKeys.job(job),
    category: 'sync_failed',
    team: 'operations',
    severity: 'high',
    objectType: 'job',
    objectRef: job,
    title: `The ${job} sync failed`,
    detail: message,
  }
}

export function staleJobException(job: string, lastSuccessAt: string | null, thresholdMinutes: number): RaiseInput {
  return {
    traceKey: traceKeys.stale(job),
    category: 'stale_sync',
    team: 'operations',
    severity: 'high',
    objectType: 'job',
    objectRef: job,
    title: `The ${job} sync is stale`,
    detail:
      `The ${job} sync has not succeeded ${lastSuccessAt ? `since ${lastSuccessAt}` : 'yet'} ` +
      `(threshold ${thresholdMinutes} minutes). Data in Instep may be out of date. Check the last runs for their error and run Sync now.`,
  }
}

export function erpVarianceException(orderNumber: number, erpNumber: string, currency: string, mismatches: VarianceItem[]): RaiseInput {
  const show = (v: VarianceItem, minor: number) => (v.field === 'line_count' ? `${minor} lines` : money(minor, currency))
  const lines = mismatches
    .map((v) => `${v.lineRef ? `line ${v.lineRef}` : `order ${v.field}`}: Centra ${show(v, v.centraMinor)}, ERP ${show(v, v.erpMinor)}`)
    .join('; ')
  return {
    traceKey: traceKeys.order(orderNumber, 'erp_variance'),
    category: 'erp_variance',
    team: 'finance',
    severity: 'high',
    objectType: 'order',
    objectRef: String(orderNumber),
    title: `Order ${orderNumber}: the ERP total differs from what the customer paid`,
    detail:
      `Order ${orderNumber} is in the ERP as ${erpNumber}, but the ERP's figures differ from Centra's by more than rounding — ${lines}. ` +
      'Usually a tax setup difference (tax code or VAT posting group) or a price changed in the ERP. Correct the ERP order or explain the difference in reconciliation.',
  }
}

export function changedAfterPostingException(orderNumber: number, erpNumber: string, cancelled: boolean, reason?: string): RaiseInput {
  const why = reason ? ` Instep could not change it there itself: ${reason}` : ''
  return cancelled
    ? {
        traceKey: traceKeys.order(orderNumber, 'cancelled_after_posting'),
        category: 'cancelled_after_posting',
        team: 'operations',
        severity: 'high',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber} was cancelled in Centra after it reached the ERP`,
        detail:
          `Order ${orderNumber} is in the ERP as ${erpNumber}, but the customer's order was cancelled in Centra.${why} ` +
          'Cancel or delete the ERP order before it is picked and shipped; if it has shipped, start a return.',
      }
    : {
        traceKey: traceKeys.order(orderNumber, 'changed_after_posting'),
        category: 'changed_after_posting',
        team: 'finance',
        severity: 'high',
        objectType: 'order',
        objectRef: String(orderNumber),
        title: `Order ${orderNumber} changed in Centra after it reached the ERP`,
        detail:
          `Order ${orderNumber} is in the ERP as ${erpNumber}, but its lines, prices or customer changed in Centra afterwards ` +
          `(for example a line was cancelled).${why} Update the ERP order to match, or credit the difference, then resolve this.`,
      }
}

export function unmatchedShipmentException(shipment: ErpShipment, why: string): RaiseInput {
  return {
    traceKey: `shipment:${shipment.number}:unmatched`,
    category: 'unknown_shipment',
    team: 'operations',
    severity: 'high',
    objectType: 'shipment',
    objectRef: shipment.number,
    title: `Shipment ${shipment.number} cannot be matched to a Centra order`,
    detail:
      `The ERP shipped ${shipment.number} for reference ${shipment.externalDocumentNumber}, but ${why}. ` +
      'The customer has not been told. Check the shipment in the ERP and create the shipment in Centra by hand if it is genuine.',
  }
}

export function fulfilmentFailedException(f: Fulfilment, error: ConnectorError): RaiseInput {
  return {
    traceKey: traceKeys.shipment(f.sourceNumber),
    category: 'fulfilment_failed',
    team: error.kind === 'invalid' ? 'cx' : 'operations',
    severity: 'high',
    objectType: 'shipment',
    objectRef: f.sourceNumber,
    title: `Shipment ${f.sourceNumber} did not reach Centra`,
    detail:
      `ERP shipment ${f.sourceNumber} for order ${f.orderNumber} could not be created or completed in Centra: ${error.message} ` +
      'The customer may not have been notified. Instep tries again on the next run; nothing is sent twice.',
  }
}

/** One exception per currency, however many orders wait for it; it resolves once the ERP has the currency. */
export function unknownCurrencyException(orderNumber: number, currency: string, accepted: string[]): RaiseInput {
  return {
    traceKey: traceKeys.currency(currency),
    category: 'unknown_currency',
    team: 'finance',
    severity: 'high',
    objectType: 'currency',
    objectRef: currency,
    title: `Currency ${currency} is not set up in the ERP`,
    detail:
      `Order ${orderNumber} (and every other ${currency} order) is held back: the ERP accepts only ${accepted.join(', ') || 'no currency at all'}. ` +
      `Add ${currency} in the ERP (in Business Central: Currencies, with exchange rates), or correct the market's currency in Centra. ` +
      'The held orders go through on the next sync; nothing was sent to the ERP.',
  }
}

