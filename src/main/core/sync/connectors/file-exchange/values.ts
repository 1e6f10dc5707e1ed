/**
 * Reading numbers and dates the way ERPs and spreadsheets write them. Pure functions: each
 * returns the value or a sentence saying what was expected, which ends up in the quarantine
 * sidecar a person reads.
 */
import Decimal from 'decimal.js'
import { minorDigits, toMinor } from '../../../../../shared/money'

export type DecimalSeparator = '.' | ','
/** 'auto' decides per value where that is unambiguous and falls back to the file's hint. */
export type DecimalSeparatorOption = DecimalSeparator | 'auto'
export type DateFormat = 'iso' | 'DD.MM.YYYY' | 'DD/MM/YYYY'

export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = (expected: string): Parsed<never> => ({ ok: false, expected })

/** Spaces (incl. the no-break and thin spaces Excel uses as thousands separators) and apostrophes (Swiss grouping). */
const GROUPING_NOISE = /[\s\u00a0\u202f']/g

function validGroups(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep)
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g))
}

/**
 * A decimal string as written in a file, to a canonical "1234.56" string.
 * `hint` is the separator the file suggests (semicolon-separated files usually use a decimal
 * comma); it only decides the truly ambiguous case "1,234" / "1.234".
 */
export function parseDecimal(raw: string, option: DecimalSeparatorOption, hint: DecimalSeparator | null = null): Parsed<string> {
  let s = raw.replace(GROUPING_NOISE, '')
  if (s === '') return fail('a number')
  let sign = ''
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? '-' : ''
    s = s.slice(1)
  } else if (/^\(.*\)$/.test(s)) {
    // accounting notation for negatives: (12.50)
    sign = '-'
    s = s.slice(1, -1)
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail('a number such as 1234.56 or 1234,56')

  let decimalSep: DecimalSeparator | null
  if (option !== 'auto') {
    decimalSep = option
  } else {
    const hasDot = s.includes('.')
    const hasComma = s.includes(',')
    if (hasDot && hasComma) {
      decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ','
    } else if (!hasDot && !hasComma) {
      decimalSep = null
    } else {
      const sep: DecimalSeparator = hasDot ? '.' : ','
      const count = s.split(sep).length - 1
      if (count > 1) {
        decimalSep = sep === '.' ? ',' : '.' // "1.234.567" — only grouping
      } else if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(s)) {
        // "1,234" is 1234 in English and 1.234 in German: only the file can tell
        if (!hint) return fail(`an unambiguous number ("${raw}" could be read two ways; set the decimal separator for this connection)`)
        decimalSep = hint
      } else {
        decimalSep = sep
      }
    }
  }

  const groupSep = decimalSep === ',' ? '.' : ','
  const parts = decimalSep ? s.split(decimalSep) : [s]
  if (parts.length > 2) return fail(`a number with one decimal separator ("${decimalSep}")`)
  const [intPart, fracPart] = parts
  if (fracPart !== undefined && !/^\d*$/.test(fracPart)) return fail(`a number with decimal separator "${decimalSep}"`)
  let digits = intPart
  if (intPart.includes(groupSep)) {
    if (!validGroups(intPart, groupSep)) return fail(`a number with decimal separator "${decimalSep ?? option}"`)
    digits = intPart.split(groupSep).join('')
  }
  if (digits === '' && (fracPart === undefined || fracPart === '')) return fail('a number')
  const text = `${sign}${digits || '0'}${fracPart ? `.${fracPart}` : ''}`
  return ok(new Decimal(text).toString())
}

/** A whole number (quantities). "5", "5.000" and "5,00" are 5; "5.5" is refused. */
export function parseWholeNumber(raw: string, option: DecimalSeparatorOption, hint: DecimalSeparator | null, min: number): Parsed<number> {
  const expected = min > 0 ? `a whole number of ${min} or more` : 'a whole number of 0 or more'
  // the usual case, plain digits, without building a Decimal (stock files run to millions of rows)
  if (/^\d{1,15}$/.test(raw)) {
    const n = Number(raw)
    return n >= min ? ok(n) : fail(expected)
  }
  const d = parseDecimal(raw, option, hint)
  if (!d.ok) return fail(expected)
  const n = new Decimal(d.value)
  if (!n.isInteger() || n.lt(min) || n.abs().gt(Number.MAX_SAFE_INTEGER)) return fail(expected)
  return ok(n.toNumber())
}

/**
 * A money amount to integer minor units of `currency`. Amounts with more decimals than the
 * currency has are refused rather than rounded: a finance file should never be silently changed.
 * Trailing zeros are fine ("100.000" EUR).
 */
export function toMinorExact(decimal: string, currency: string): Parsed<number> {
  const digits = minorDigits(currency)
  const scaled = new Decimal(decimal).mul(new Decimal(10).pow(digits))
  if (!scaled.isInteger()) {
    return fail(digits === 0 ? `a whole amount (${currency} has no decimals)` : `an amount with at most ${digits} decimals (${currency})`)
  }
  if (scaled.abs().gt(Number.MAX_SAFE_INTEGER)) return fail('a smaller amount')
  // exact at this point, so the shared conversion has nothing to round
  return ok(toMinor(decimal, currency))
}

const DMY_DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
const DMY_SLASHES = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * A date to "YYYY-MM-DD". ISO dates (with or without time) are always accepted because they
 * cannot be misread; the configured day-first format is accepted in addition. Month-first
 * dates are never guessed.
 */
export function parseDate(raw: string, format: DateFormat): Parsed<string> {
  const s = raw.trim()
  const expected = format === 'iso' ? 'a date as YYYY-MM-DD' : `a date as ${format} or YYYY-MM-DD`
  let y: number, m: number, d: number
  const iso = ISO_DATE.exec(s) ?? ISO_DATETIME.exec(s)
  if (iso) {
    ;[y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  } else if (format !== 'iso') {
    const match = (format === 'DD.MM.YYYY' ? DMY_DOTS : DMY_SLASHES).exec(s)
    if (!match) return fail(expected)
    ;[d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])]
  } else {
    return fail(expected)
  }
  if (!validDate(y, m, d)) return fail(`${expected} (a real calendar date)`)
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)
}

/** Spreadsheet cells arrive typed; everything is turned into the text a CSV would have held. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  }
  if (typeof value === 'number') {
    // 19.99 stays "19.99"; binary noise (0.1 + 0.2) is cut at 12 significant decimals
    return Number.isInteger(value) ? String(value) : new Decimal(value).toDecimalPlaces(12).toString()
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result)
    if (typeof v.text === 'string') return v.text
    if (v.error !== undefined) return String(v.error)
  }
  return String(value)
}
