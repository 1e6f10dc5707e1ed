/**
 * Which ERP tax code a Centra tax rate is posted with, per market.
 *
 * The rule (docs/workspace-config.md, docs/runbooks/finance.md):
 * - For an order of market M a rate is looked up in M's own table (orders.taxCodesByMarket[M])
 *   first, then in the table for all markets (orders.taxCodes).
 * - When either table has codes for M and neither holds the rate, the order is held back: posting
 *   it with the ERP's default code would book the tax of a market that has its own codes (an EU
 *   market with OSS codes, a US market) under the wrong code, and nobody would notice.
 * - When both tables are empty for M, no code is sent and the ERP's item and customer set-up
 *   decides, as before per-market tables existed.
 *
 * M is the market's name as Centra gives it on the order ("Germany"); a table may also be keyed by
 * the market's id ("2"), which still matches after a market is renamed. The name is asked first.
 */
import Decimal from 'decimal.js'

export interface TaxCodeTables {
  /** tax rate ("25") → ERP tax code, for every market */
  taxCodes?: Record<string, string>
  /** market name or id → (tax rate → ERP tax code), asked before taxCodes */
  taxCodesByMarket?: Record<string, Record<string, string>>
}

export interface OrderMarket {
  marketId: number | null
  marketName: string | null
}

/** The code to post with (null: the ERP decides), or missing: the order must be held back. */
export type TaxCodeAnswer = { code: string | null } | 'missing'

/** "25.0" and "25" are the same rate; the tables are written by people. */
function normalised(table: Record<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const [rate, code] of Object.entries(table ?? {})) if (code) out.set(new Decimal(rate).toString(), code)
  return out
}

/** The market as the tables and the exceptions name it: its name, else its id, else null. */
export function marketLabel(market: OrderMarket): string | null {
  return market.marketName?.trim() || (market.marketId === null ? null : String(market.marketId))
}

/** The market's own table, found by the market's name first, then by its id. */
function marketTable(tables: TaxCodeTables, market: OrderMarket): Record<string, string> | undefined {
  const byMarket = tables.taxCodesByMarket ?? {}
  const name = market.marketName?.trim()
  if (name && byMarket[name] && Object.keys(byMarket[name]).length > 0) return byMarket[name]
  if (market.marketId !== null) return byMarket[String(market.marketId)]
  return undefined
}

/** The lookup for one order's market; build it once per order. */
export function taxCodeLookup(tables: TaxCodeTables, market: OrderMarket): (ratePercent: string) => TaxCodeAnswer {
  const own = normalised(marketTable(tables, market))
  const all = normalised(tables.taxCodes)
  return (ratePercent) => {
    if (own.size === 0 && all.size === 0) return { code: null }
    const rate = new Decimal(ratePercent).toString()
    const code = own.get(rate) ?? all.get(rate)
    return code === undefined ? 'missing' : { code }
  }
}
