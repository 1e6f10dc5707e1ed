import { describe, expect, it } from 'vitest'
import { parseDate, parseDecimal, parseWholeNumber, toMinorExact } from '../../src/main/core/sync/connectors/file-exchange/values'
import { detectDelimiter } from '../../src/main/core/sync/connectors/file-exchange/readers'
import { normalizeHeader, resolveColumns } from '../../src/main/core/sync/connectors/file-exchange/columns'
import { lineAmountMinor, orderCsv, orderJson, readOrderCsv, readOrderJson, totalsFromDraft, DEFAULT_ORDER_HEADERS } from '../../src/main/core/sync/connectors/file-exchange/order-file'
import { orderFileBase } from '../../src/main/core/sync/connectors/file-exchange/adapter'
import type { ErpSalesOrderDraft } from '../../src/shared/models/erp'

const value = <T>(r: { ok: true; value: T } | { ok: false; expected: string }) => (r.ok ? r.value : `ERR: ${r.expected}`)

describe('file-exchange decimal reading', () => {
  it('reads decimal points, decimal commas and grouping', () => {
    expect(value(parseDecimal('1234.56', 'auto'))).toBe('1234.56')
    expect(value(parseDecimal('1234,56', 'auto'))).toBe('1234.56')
    expect(value(parseDecimal('1.234,56', 'auto'))).toBe('1234.56')
    expect(value(parseDecimal('1,234.56', 'auto'))).toBe('1234.56')
    expect(value(parseDecimal('1 234,56', 'auto'))).toBe('1234.56')
    expect(value(parseDecimal('1\u00a0234\u00a0567,5', 'auto'))).toBe('1234567.5')
    expect(value(parseDecimal('1.234.567', 'auto'))).toBe('1234567')
    expect(value(parseDecimal('-12,5', 'auto'))).toBe('-12.5')
    expect(value(parseDecimal('(12.50)', 'auto'))).toBe('-12.5')
    expect(value(parseDecimal('0,005', ','))).toBe('0.005')
  })

  it('refuses to guess "1,234" unless the file or the setting decides', () => {
    expect(value(parseDecimal('1,234', 'auto'))).toMatch(/^ERR: an unambiguous number/)
    expect(value(parseDecimal('1,234', 'auto', ','))).toBe('1.234')
    expect(value(parseDecimal('1,234', 'auto', '.'))).toBe('1234')
    expect(value(parseDecimal('1,234', ','))).toBe('1.234')
    expect(value(parseDecimal('1,234', '.'))).toBe('1234')
  })

  it('refuses text that is not a number', () => {
    for (const bad of ['', 'abc', '12a', '1,2,3.4.5', '1.23.4', '--1', '12,34,5']) {
      expect(value(parseDecimal(bad, 'auto'))).toMatch(/^ERR/)
    }
  })

  it('reads whole quantities and refuses fractions and negatives', () => {
    expect(value(parseWholeNumber('5', 'auto', null, 0))).toBe(5)
    expect(value(parseWholeNumber('5,000', ',', null, 0))).toBe(5)
    expect(value(parseWholeNumber('1.200', 'auto', ',', 0))).toBe(1200)
    expect(value(parseWholeNumber('5.5', 'auto', null, 0))).toMatch(/ERR: a whole number of 0 or more/)
    expect(value(parseWholeNumber('-1', 'auto', null, 0))).toMatch(/ERR/)
    expect(value(parseWholeNumber('0', 'auto', null, 1))).toMatch(/ERR: a whole number of 1 or more/)
  })

  it('turns amounts into minor units exactly per currency and refuses extra decimals', () => {
    expect(value(toMinorExact('1234.56', 'EUR'))).toBe(123456)
    expect(value(toMinorExact('100.000', 'EUR'))).toBe(10000)
    expect(value(toMinorExact('1200', 'JPY'))).toBe(1200)
    expect(value(toMinorExact('12.345', 'KWD'))).toBe(12345)
    expect(value(toMinorExact('19.995', 'EUR'))).toMatch(/at most 2 decimals/)
    expect(value(toMinorExact('1200.5', 'JPY'))).toMatch(/JPY has no decimals/)
  })
})

describe('file-exchange dates', () => {
  it('reads ISO always and the configured day-first format', () => {
    expect(value(parseDate('2026-11-26', 'iso'))).toBe('2026-11-26')
    expect(value(parseDate('2026-11-26T10:00:00Z', 'iso'))).toBe('2026-11-26')
    expect(value(parseDate('26.11.2026', 'DD.MM.YYYY'))).toBe('2026-11-26')
    expect(value(parseDate('2026-11-26', 'DD.MM.YYYY'))).toBe('2026-11-26')
    expect(value(parseDate('03/04/2026', 'DD/MM/YYYY'))).toBe('2026-04-03')
    expect(value(parseDate('26.11.2026', 'iso'))).toMatch(/ERR: a date as YYYY-MM-DD/)
    expect(value(parseDate('31.02.2026', 'DD.MM.YYYY'))).toMatch(/real calendar date/)
    expect(value(parseDate('26/11/2026', 'DD.MM.YYYY'))).toMatch(/ERR/)
  })
})

describe('file-exchange columns', () => {
  it('detects the delimiter from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c')).toBe(',')
    expect(detectDelimiter('a;b;c')).toBe(';')
    expect(detectDelimiter('"x;y",b,c')).toBe(',')
    expect(detectDelimiter('a\tb\tc')).toBe('\t')
  })

  it('matches header names ignoring case, spaces and punctuation, and honours configured names', () => {
    expect(normalizeHeader('\uFEFF Item No. ')).toBe('itemno')
    const r = resolveColumns('stock', ['Item No.', 'Location Code', 'Qty', 'Date'])
    expect(r.missing).toEqual([])
    expect(r.header.get('quantity')).toBe('Qty')
    const custom = resolveColumns('stock', ['Artikel', 'Lager', 'Bestand', 'Stand'], {
      stock: { itemNumber: 'artikel', location: 'LAGER', quantity: 'Bestand', asOf: 'stand' },
    })
    expect(custom.missing).toEqual([])
    expect(custom.index.get('quantity')).toBe(2)
    const missing = resolveColumns('stock', ['Item', 'Location', 'Date'])
    expect(missing.missing.map((m) => m.field)).toEqual(['quantity'])
  })
})

const draft = (over: Partial<ErpSalesOrderDraft> = {}): ErpSalesOrderDraft => ({
  externalDocumentNumber: 'WEB-1001',
  customerNumber: 'WEB-SE',
  currencyCode: 'SEK',
  orderDate: '2026-11-20T10:00:00Z',
  pricesIncludeTax: true,
  lines: [
    { kind: 'item', number: 'TSHIRT-M', description: 'T-shirt, "classic"', quantity: 3, unitPriceMinor: 19_900, discountMinor: 1_000, taxCode: 'VAT25', taxPercent: '25', expectedTaxMinor: 11_740, sourceLineId: 1 },
    { kind: 'charge', number: '3040', description: 'Shipping', quantity: 1, unitPriceMinor: 4_900, discountMinor: 0, taxCode: 'VAT25', taxPercent: '25', expectedTaxMinor: 980, sourceLineId: null },
  ],
  expectedTotalMinor: 63_600,
  expectedTaxMinor: 12_720,
  ...over,
})

describe('file-exchange order files (pure)', () => {
  const csv = { headers: DEFAULT_ORDER_HEADERS, delimiter: ',', decimalSeparator: '.' as const }

  it('writes one CSV row per line with the header fields repeated and exact decimals', () => {
    const text = orderCsv([draft()], csv)
    expect(text).toBe(
      [
        'order_key,customer_number,currency,order_date,prices_include_tax,line_no,line_type,item_number,description,quantity,unit_price,discount,tax_code,tax_percent,line_amount,line_tax',
        'WEB-1001,WEB-SE,SEK,2026-11-20,true,1,item,TSHIRT-M,"T-shirt, ""classic""",3,199.00,10.00,VAT25,25,587.00,117.40',
        'WEB-1001,WEB-SE,SEK,2026-11-20,true,2,charge,3040,Shipping,1,49.00,0.00,VAT25,25,49.00,9.80',
        '',
      ].join('\r\n'),
    )
  })

  it('writes decimal commas with semicolons when asked', () => {
    const text = orderCsv([draft()], { ...csv, delimiter: ';', decimalSeparator: ',' })
    expect(text.split('\r\n')[1]).toBe('WEB-1001;WEB-SE;SEK;2026-11-20;true;1;item;TSHIRT-M;"T-shirt, ""classic""";3;199,00;10,00;VAT25;25;587,00;117,40')
  })

  it('reads its own files back to the same content', () => {
    const d = draft()
    // the file holds the order date as a date, which is all an ERP order has
    expect(readOrderJson(orderJson([d], true))).toEqual([{ ...d, orderDate: '2026-11-20' }])
    const back = readOrderCsv(orderCsv([d], csv), csv)
    expect(orderCsv(back, csv)).toBe(orderCsv([d], csv))
    expect(back[0].expectedTotalMinor).toBe(63_600)
  })

  it('computes totals from the lines it wrote', () => {
    expect(lineAmountMinor(draft().lines[0])).toBe(58_700)
    expect(totalsFromDraft(draft())).toEqual({ totalExcludingTaxMinor: 50_880, totalTaxMinor: 12_720, totalIncludingTaxMinor: 63_600 })
    expect(totalsFromDraft(draft({ pricesIncludeTax: false }))).toEqual({ totalExcludingTaxMinor: 63_600, totalTaxMinor: 12_720, totalIncludingTaxMinor: 76_320 })
  })

  it('derives safe, distinct file names from order keys', () => {
    expect(orderFileBase('WEB-1001')).toBe('order-WEB-1001')
    expect(orderFileBase('WEB/1001')).toMatch(/^order-WEB_1001-[0-9a-f]{8}$/)
    expect(orderFileBase('WEB/1001')).not.toBe(orderFileBase('WEB_1001'))
    expect(orderFileBase('WEB:1001')).not.toBe(orderFileBase('WEB/1001'))
  })
})
