/**
 * Money is integer minor units plus an ISO currency code. Centra sends floats; they are turned
 * into minor units here, once, with an explicit rounding rule, and never touched as floats again.
 */
import Decimal from 'decimal.js'

/** ISO 4217 minor-unit digits for currencies that differ from the usual 2. */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
}

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2
}

/**
 * A decimal amount (number or string) to minor units. Rounds half away from zero
 * (ROUND_HALF_UP in decimal.js terms), which is how Centra and Business Central present
 * amounts; values from Centra are already at currency precision, so rounding only removes
 * binary float noise such as 0.1 + 0.2.
 */
export function toMinor(amount: number | string, currency: string): number {
  const d = new Decimal(amount).mul(new Decimal(10).pow(minorDigits(currency)))
  const rounded = d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
  if (!rounded.abs().lte(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Amount ${amount} ${currency} is too large`)
  return rounded.toNumber()
}

/** Minor units to a decimal string at currency precision, e.g. 12345 SEK -> "123.45". */
export function fromMinor(minor: number, currency: string): string {
  return new Decimal(minor).div(new Decimal(10).pow(minorDigits(currency))).toFixed(minorDigits(currency))
}

/** Minor units to a plain JS number for APIs that insist on JSON numbers (exact at this precision). */
export function minorToNumber(minor: number, currency: string): number {
  return Number(fromMinor(minor, currency))
}

/** For display: 12345, "SEK" -> "123.45 SEK" with the user's grouping. */
export function formatMoney(minor: number, currency: string, locale = 'en-GB'): string {
  const digits = minorDigits(currency)
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    Number(fromMinor(minor, currency)),
  )
  return `${text} ${currency}`
}
