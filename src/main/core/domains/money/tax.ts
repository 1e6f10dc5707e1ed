/**
 * Tax on an amount at a percentage, in minor units, with the rounding rule stated.
 *
 * Centra and Business Central both present amounts rounded half away from zero at the
 * currency's precision, so that is the rule here (never banker's rounding).
 *   tax included (EU VAT): tax = gross × rate / (100 + rate)
 *   tax added (US sales tax): tax = net × rate / 100
 */
import Decimal from 'decimal.js'

export type TaxBasis = 'included' | 'added'

export function taxOnMinor(amountMinor: number, ratePercent: string, basis: TaxBasis): number {
  const rate = new Decimal(ratePercent)
  if (rate.isNegative()) throw new RangeError(`tax rate cannot be negative: ${ratePercent}`)
  const amount = new Decimal(amountMinor)
  const tax = basis === 'included' ? amount.mul(rate).div(rate.plus(100)) : amount.mul(rate).div(100)
  return tax.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}
