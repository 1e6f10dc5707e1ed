/**
 * Pure parts of the Business Central connector on recorded public payloads
 * (copied from /work/shared/fixtures/business-central: captured BC 26.0 responses from
 * rebelpl/bc-api2-client and Microsoft Learn examples; sources noted per case).
 */
import { describe, expect, it } from 'vitest'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { redactUrl } from '../../src/main/core/sync/connectors/bc/client'
import { explainOrderRejection, fromHttpStatus, fromNetworkError, parseBcError, retryAfterSeconds } from '../../src/main/core/sync/connectors/bc/errors'
import { toErpItem } from '../../src/main/core/sync/connectors/bc/mappers/item'
import { odataString, toBcSalesOrder, toErpOrderRef, toLineReadBack, type BcSalesLine } from '../../src/main/core/sync/connectors/bc/mappers/sales-order'

// captured/rebelpl-salesOrders.json, first order and its first line (PLN company, VAT 23 %)
const CAPTURED_ORDER = {
  id: '848028e0-0c2c-f011-9a4a-7ced8d0fb545',
  number: 'SZA/25/000042',
  externalDocumentNumber: 'TERG03232-3203232',
  currencyCode: 'PLN',
  totalAmountExcludingTax: 336,
  totalTaxAmount: 77.28,
  totalAmountIncludingTax: 413.28,
}
const CAPTURED_LINE = {
  id: 'ad382964-5332-f011-9a4a-7c1e5211e05f', documentId: '848028e0-0c2c-f011-9a4a-7ced8d0fb545', sequence: 10000,
  lineType: 'Item', lineObjectNumber: '1170', description: 'Dętka', quantity: 16, unitPrice: 21, discountAmount: 0,
  amountExcludingTax: 336, taxCode: '23%', taxPercent: 23, totalTaxAmount: 77.28, amountIncludingTax: 413.28,
  netAmount: 336, netTaxAmount: 77.28, netAmountIncludingTax: 413.28,
} as BcSalesLine
// docs/salesOrderLine_create.2.response.json (US sales tax example)
const DOCS_US_LINE = {
  id: '1e8cb9c0-44e3-ea11-bb43-000d3a2feca1', sequence: 10000, lineType: 'Item', lineObjectNumber: '1996-S',
  description: 'ATLANTA Whiteboard, base', quantity: 12, unitPrice: 1397.3, discountAmount: 0, amountExcludingTax: 16767.6,
  taxCode: 'FURNITURE', taxPercent: 6.00002, totalTaxAmount: 1006.06, amountIncludingTax: 17773.66, netAmount: 16767.6,
  netTaxAmount: 1006.06, netAmountIncludingTax: 17773.66,
} as BcSalesLine

describe('BC mappers', () => {
  it('reads a captured order into minor units', () => {
    expect(toErpOrderRef(CAPTURED_ORDER, 'salesOrder', 'EUR')).toEqual({
      id: CAPTURED_ORDER.id,
      number: 'SZA/25/000042',
      externalDocumentNumber: 'TERG03232-3203232',
      documentType: 'salesOrder',
      totalExcludingTaxMinor: 33600,
      totalTaxMinor: 7728,
      totalIncludingTaxMinor: 41328,
      currencyCode: 'PLN',
    })
  })

  it('falls back to the local currency when BC leaves the code blank', () => {
    expect(toErpOrderRef({ ...CAPTURED_ORDER, currencyCode: '' }, 'salesInvoice', 'JPY').totalTaxMinor).toBe(77)
  })

  it('reads lines with per-line tax presentation, including a sales-tax effective rate', () => {
    expect(toLineReadBack(CAPTURED_LINE, 'PLN')).toMatchObject({ kind: 'item', number: '1170', taxCode: '23%', taxPercent: '23', taxMinor: 7728, netTaxMinor: 7728 })
    expect(toLineReadBack(DOCS_US_LINE, 'USD')).toMatchObject({ taxCode: 'FURNITURE', taxPercent: '6.00002', amountIncludingTaxMinor: 1777366, unitPriceMinor: 139730 })
  })

  it('writes a draft as a deep insert with decimals at currency precision', () => {
    const body = toBcSalesOrder({
      externalDocumentNumber: 'CEN-1',
      customerNumber: 'WEB-KW',
      currencyCode: 'KWD',
      orderDate: '2026-11-20T10:00:00Z',
      pricesIncludeTax: false,
      expectedTotalMinor: 26189,
      expectedTaxMinor: 0,
      lines: [
        { kind: 'item', number: 'TE1001BLKS', description: 'x'.repeat(120), quantity: 2, unitPriceMinor: 12345, discountMinor: 1001, taxCode: 'VAT0', taxPercent: '0', expectedTaxMinor: 0, sourceLineId: 1 },
        { kind: 'charge', number: '6110', description: 'Shipping', quantity: 1, unitPriceMinor: 2500, discountMinor: 0, taxCode: null, taxPercent: '0', expectedTaxMinor: 0, sourceLineId: null },
      ],
    })
    expect(body.orderDate).toBe('2026-11-20')
    expect(body.salesOrderLines[0]).toEqual({ lineType: 'Item', lineObjectNumber: 'TE1001BLKS', description: 'x'.repeat(100), quantity: 2, unitPrice: 12.345, discountAmount: 1.001, taxCode: 'VAT0' })
    expect(body.salesOrderLines[1]).toEqual({ lineType: 'Account', lineObjectNumber: '6110', description: 'Shipping', quantity: 1, unitPrice: 2.5 })
    // no read-only field may ever be sent
    expect(Object.keys(body)).not.toContain('number')
    expect(Object.keys(body.salesOrderLines[0])).not.toContain('totalTaxAmount')
  })

  it('names a variant line by item and variant GUIDs (no variant code exists on BC lines) and an item charge as lineType Charge', () => {
    const base = { description: '', quantity: 1, unitPriceMinor: 1000, discountMinor: 0, taxCode: null, taxPercent: '25', expectedTaxMinor: 0, sourceLineId: null }
    const body = toBcSalesOrder(
      {
        externalDocumentNumber: 'CEN-2',
        customerNumber: 'WEB-SE',
        currencyCode: 'SEK',
        orderDate: '2026-11-20',
        pricesIncludeTax: true,
        expectedTotalMinor: 0,
        expectedTaxMinor: 0,
        lines: [
          { ...base, kind: 'item', number: 'TEE-NAV', variantCode: 'M', sku: 'TEE-NAVM' },
          { ...base, kind: 'charge', number: 'S-FREIGHT', chargeType: 'item-charge' },
        ],
      },
      new Map([[0, { itemId: 'item-guid', itemVariantId: 'variant-guid' }]]),
    )
    expect(body.salesOrderLines).toEqual([
      { lineType: 'Item', itemId: 'item-guid', itemVariantId: 'variant-guid', quantity: 1, unitPrice: 10 },
      { lineType: 'Charge', lineObjectNumber: 'S-FREIGHT', quantity: 1, unitPrice: 10 },
    ])
    expect(toLineReadBack({ ...CAPTURED_LINE, lineType: 'Charge', lineObjectNumber: 'S-FREIGHT' }, 'PLN')).toMatchObject({ kind: 'charge', number: 'S-FREIGHT' })
  })

  it('maps items and treats a blank GTIN as none', () => {
    expect(toErpItem({ id: 'a', number: '1000', displayName: 'Bike', gtin: '' })).toEqual({ id: 'a', number: '1000', displayName: 'Bike', gtin: null })
  })

  it("escapes quotes in OData string literals", () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'")
  })
})

describe('BC error classification', () => {
  // errors/bc-error-examples.json
  const readOnly = { error: { code: 'BadRequest_InvalidOperation', message: "Control 'taxAreaDisplayName' is read-only.  CorrelationId:  0d70d30c-fc03-4d1c-9120-a5bfd9bfc02d." } }
  const changed = { error: { code: 'Request_EntityChanged', message: 'Another user has already changed the record.  CorrelationId:  2c074c12-1644-4f2c-befb-efd681f5a595.' } }

  it('parses the error body and drops the correlation id', () => {
    expect(parseBcError(readOnly)).toEqual({ code: 'BadRequest_InvalidOperation', message: "Control 'taxAreaDisplayName' is read-only." })
    expect(parseBcError('<html>')).toBeNull()
  })

  it.each([
    [400, readOnly, false, 'invalid', false],
    [409, changed, false, 'conflict', false],
    [401, null, false, 'auth', false],
    [404, null, false, 'not_found', false],
    [429, null, true, 'retryable', false],
    [503, null, true, 'retryable', true],
    [504, null, false, 'retryable', false],
  ])('HTTP %i → %s (write=%s)', (status, data, write, kind, ambiguous) => {
    const e = fromHttpStatus({ status, data, write, retryAfter: null })
    expect(e).toBeInstanceOf(ConnectorError)
    expect(e.kind).toBe(kind)
    expect(e.ambiguous).toBe(ambiguous)
  })

  it('a write that timed out is ambiguous; a refused connection is offline and not', () => {
    expect(fromNetworkError({ code: 'ECONNABORTED', write: true, sent: true, cause: null })).toMatchObject({ kind: 'retryable', ambiguous: true })
    expect(fromNetworkError({ code: 'ECONNRESET', write: false, sent: true, cause: null })).toMatchObject({ ambiguous: false })
    expect(fromNetworkError({ code: 'ECONNREFUSED', write: true, sent: true, cause: null })).toMatchObject({ kind: 'offline', ambiguous: false })
  })

  it('rewords order rejections for finance users', () => {
    const e = fromHttpStatus({
      status: 400,
      data: { error: { code: 'Application_DialogException', message: 'The sell-to customer cannot be found.  CorrelationId:  x.' } },
      write: true,
      retryAfter: null,
    })
    const out = explainOrderRejection(e, { customerNumber: 'WEB-XX', currencyCode: 'SEK', externalDocumentNumber: 'CEN-9' }) as Error
    expect(out.message).toBe("Business Central rejected order CEN-9: customer WEB-XX does not exist. Create the customer or fix the market's customer mapping.")
  })

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('2')).toBe(2)
    expect(retryAfterSeconds(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1)
    expect(retryAfterSeconds(undefined)).toBeNull()
  })

  it('redacts secrets that could sit in a URL', () => {
    expect(redactUrl('https://u:p@api.example/v2.0/x?client_secret=abc&$skiptoken=1')).toBe('https://api.example/v2.0/x?client_secret=***&$skiptoken=1')
  })
})

describe('BC rate budget', () => {
  it('never allows more than the budget in any 5-minute window, a small burst, and at least 90 % of it sustained', async () => {
    const { slidingWindowBudget } = await import('../../src/main/core/sync/connectors/bc/client')
    for (const budget of [6000, 600, 60]) {
      const b = slidingWindowBudget(budget)
      const refills = Math.floor((5 * 60 * 1000) / b.reservoirIncreaseInterval) + 1
      expect(b.reservoir + b.reservoirIncreaseAmount * refills).toBeLessThanOrEqual(budget)
      expect(b.reservoir).toBeLessThanOrEqual(Math.ceil(budget / 6))
      if (budget === 6000) expect(b.reservoirIncreaseAmount * refills).toBeGreaterThanOrEqual(0.9 * budget)
    }
  })
})
