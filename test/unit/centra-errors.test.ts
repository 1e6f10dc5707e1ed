import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  classifyGraphQLErrors,
  classifyStatus,
  classifyTransport,
  parseRetryAfter,
  userErrorsToConnectorError,
} from '../../src/main/core/sync/connectors/centra/errors'
import { mapCentraShipment } from '../../src/main/core/sync/connectors/centra/mappers/fulfilment'

const FIXTURES = resolve(__dirname, '../../../shared/fixtures/centra')
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'))

describe('Centra failure classification', () => {
  it('turns the recorded permission error into an auth failure naming the permission', () => {
    const body = fixture('error-permission-orderconnection-response.json')
    const e = classifyGraphQLErrors(body.errors, 200)
    expect(e).toMatchObject({ system: 'centra', kind: 'auth', retryable: false })
    expect(e.message).toMatch(/missing a permission: You need Order:read permission to access orderConnection\./)
    expect(e.message).toMatch(/System → API Tokens/)
  })

  it('reads Retry-After as seconds, an HTTP date or a Unix timestamp', () => {
    const now = Date.parse('2026-11-27T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3)
    expect(parseRetryAfter('Fri, 27 Nov 2026 00:00:10 GMT', now)).toBe(10)
    expect(parseRetryAfter(String(now / 1000 + 7), now)).toBe(7)
    expect(parseRetryAfter(String(now + 4000), now)).toBe(4)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })

  it('classifies HTTP statuses the way the engine needs them', () => {
    expect(classifyStatus(401, '', null, 'https://x.centra.com/graphql')).toMatchObject({ kind: 'auth' })
    expect(classifyStatus(429, '', '2', 'https://x/graphql')).toMatchObject({ kind: 'retryable', retryAfterSeconds: 2, ambiguous: false })
    expect(classifyStatus(502, '', null, 'https://x/graphql')).toMatchObject({ kind: 'retryable', ambiguous: true })
    const notThere = classifyStatus(404, '', null, 'https://shop.centra.com/wrong')
    expect(notThere).toMatchObject({ kind: 'invalid' })
    expect(notThere.message).toMatch(/no Centra Integration API at shop\.centra\.com/)
  })

  it('tells offline from a broken connection and a timeout', () => {
    expect(classifyTransport('ECONNREFUSED', 'http://127.0.0.1:9/graphql', 1000, null)).toMatchObject({ kind: 'offline', ambiguous: false })
    expect(classifyTransport('ECONNRESET', 'http://127.0.0.1:9/graphql', 1000, null)).toMatchObject({ kind: 'retryable', ambiguous: true })
    expect(classifyTransport('TIMEOUT', 'http://127.0.0.1:9/graphql', 30_000, null).message).toMatch(/within 30 s/)
  })

  it('maps userErrors to not found, conflict or invalid, never retryable', () => {
    expect(userErrorsToConnectorError('x', [{ message: 'Could not find Order with number 5', path: ['input', 'order'] }])).toMatchObject({ kind: 'not_found' })
    expect(userErrorsToConnectorError('x', [{ message: 'Shipment 1-1 is already completed', path: ['id'] }])).toMatchObject({ kind: 'conflict' })
    const invalid = userErrorsToConnectorError('setting stock', [{ message: 'Quantity must be 0 or more', path: ['input', 'productVariants', '0'] }])
    expect(invalid).toMatchObject({ kind: 'invalid', retryable: false })
    expect(invalid.message).toBe('Centra refused setting stock: Quantity must be 0 or more (input.productVariants.0)')
  })
})

describe('Centra shipment mapper on recorded payloads', () => {
  it('maps the createShipment example, keeping the display number apart from the id', () => {
    const s = mapCentraShipment(fixture('shipment-create-dtc-response.json').data.createShipment.shipment)
    expect(s).toMatchObject({ id: 345, number: '39790-1', isGoodToGo: true, isShipped: false, isPaid: false, trackingNumber: null })
    // The example selects grandTotal without its currency, so no minor units can be derived.
    expect(s.grandTotalMinor).toBeNull()
    expect(s.lines).toEqual([{ id: 465, orderLineId: null, quantity: 2 }])
  })

  it('maps the completeShipment example with tracking', () => {
    const s = mapCentraShipment(fixture('shipment-complete-dtc-response.json').data.completeShipment.shipment)
    expect(s).toMatchObject({ id: 346, isShipped: true, isPaid: true, trackingNumber: '1234trackingcode', shippedAt: '2023-01-09T15:18:33+01:00' })
  })
})
