import { describe, expect, it } from 'vitest'
import { formatMoney, fromMinor, minorDigits, toMinor } from '../../src/shared/money'

describe('money', () => {
  it('knows currencies without two decimals', () => {
    expect(minorDigits('SEK')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('KWD')).toBe(3)
  })

  it('turns API floats into exact minor units, removing binary noise', () => {
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30)
    expect(toMinor(1234.56, 'SEK')).toBe(123456)
    expect(toMinor('19.995', 'EUR')).toBe(2000) // half away from zero
    expect(toMinor(-19.995, 'EUR')).toBe(-2000)
    expect(toMinor(1200, 'JPY')).toBe(1200)
    expect(toMinor(12.345, 'KWD')).toBe(12345)
  })

  it('round-trips through a decimal string at currency precision', () => {
    expect(fromMinor(123456, 'SEK')).toBe('1234.56')
    expect(fromMinor(5, 'KWD')).toBe('0.005')
    expect(fromMinor(1200, 'JPY')).toBe('1200')
    expect(fromMinor(-1, 'EUR')).toBe('-0.01')
  })

  it('formats for people with the currency code', () => {
    expect(formatMoney(123456, 'SEK')).toBe('1,234.56 SEK')
  })
})
