import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { execute, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { CentraMappingError, deriveTaxMode, mapCentraOrder, mapCentraOrderLine } from '../../src/main/core/sync/connectors/centra/mappers/order'
import { ORDERS_PAGE } from '../../src/main/core/sync/connectors/centra/documents'
import { centraSchema, scenarioOrderOptions } from '../../src/sim/centra'
import { CentraStore } from '../../src/sim/centra/store'
import { createRoot } from '../../src/sim/centra/resolvers'
import { RateLimiter } from '../../src/sim/centra/rate-limits'
import { SimWorld } from '../../src/sim/centra/world'
import { generateCatalog } from '../../src/sim/scenario/catalog'

// CI keeps the shared facts folder beside the repository, at the same relative place.
const FIXTURES = resolve(__dirname, '../../../shared/fixtures/centra')
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'))

describe('Centra order mapper on recorded payloads', () => {
  it('maps the cancel-lines example line: 675 SEK × 9 after one unit was cancelled', () => {
    const order = fixture('order-cancel-lines-dtc-response.json').data.updateDirectToConsumerOrder.order
    const line = mapCentraOrderLine(order.lines[0], 'SEK')
    expect(line).toMatchObject({
      lineId: 68,
      kind: 'product',
      productName: 'Basic Jacket',
      quantity: 9,
      taxPercent: '25',
      unitPriceMinor: 67500,
      unitOriginalPriceMinor: 67500,
      lineValueMinor: 607500,
      sku: null,
    })
    expect(line.lineValueMinor).toBe(line.unitPriceMinor * line.quantity)
  })

  it('refuses an order payload that lacks what reconciliation needs, naming the field', () => {
    const order = fixture('order-cancel-lines-dtc-response.json').data.updateDirectToConsumerOrder.order
    expect(() => mapCentraOrder(order)).toThrow(CentraMappingError)
    expect(() => mapCentraOrder(order)).toThrow(/Centra order 14 has no valid orderDate/)
    const withDate = { ...order, orderDate: '2022-11-09T13:15:11+01:00' }
    // The order's currency comes from its money fields when grandTotal is missing; the total itself is required.
    expect(() => mapCentraOrder(withDate)).toThrow(/has no grandTotal/)
  })

  it('maps a full order, completing the recorded example with the fields Instep selects', () => {
    const order = fixture('order-cancel-lines-dtc-response.json').data.updateDirectToConsumerOrder.order
    const sek = (value: number) => ({ value, currency: { code: 'SEK' }, conversionRate: 1 })
    const mapped = mapCentraOrder({
      ...order,
      __typename: 'DirectToConsumerOrder',
      orderDate: '2022-11-09T13:15:11+01:00',
      grandTotal: sek(6075),
      totals: { lineValues: sek(6075), discounts: sek(0), shipping: sek(0), handling: sek(0), taxIncluded: sek(1215), taxAdded: sek(0), taxDeducted: sek(0) },
    })
    expect(mapped).toMatchObject({
      centraId: '1497ccf644db871e1e4026d101bde6f3',
      number: 14,
      status: 'PENDING',
      storeType: 'DIRECT_TO_CONSUMER',
      currency: 'SEK',
      conversionRate: '1',
      taxMode: 'included',
      orderDate: '2022-11-09T12:15:11.000Z',
      customerEmail: 'jon.snow@example.com',
      customerName: 'Jon Snow',
    })
    expect(mapped.totals).toMatchObject({ lineValuesMinor: 607500, grandTotalMinor: 607500, taxIncludedMinor: 121500 })
  })

  it('reads the tax mode from the totals', () => {
    expect(deriveTaxMode({ taxAdded: 710, taxIncluded: 0, taxDeducted: 0 })).toBe('added')
    expect(deriveTaxMode({ taxAdded: 0, taxIncluded: 1215, taxDeducted: 0 })).toBe('included')
    expect(deriveTaxMode({ taxAdded: 0, taxIncluded: 0, taxDeducted: -2060 })).toBe('included')
    expect(deriveTaxMode({ taxAdded: 0, taxIncluded: 0, taxDeducted: 0 })).toBe('added')
  })

  it('turns float noise and 0- and 3-decimal currencies into exact minor units', () => {
    const line = (value: number) => ({ id: 1, quantity: 1, unitPrice: { value }, lineValue: { value }, taxPercent: 0, __typename: 'ProductOrderLine', productNumber: 'X', size: 'M' })
    expect(mapCentraOrderLine(line(0.1 + 0.2), 'EUR').unitPriceMinor).toBe(30)
    expect(mapCentraOrderLine(line(12740), 'JPY').unitPriceMinor).toBe(12740)
    expect(mapCentraOrderLine(line(29.7), 'KWD').unitPriceMinor).toBe(29700)
  })
})

describe('Centra order mapper on simulated orders', () => {
  const catalog = generateCatalog({ seed: 42 })
  const options = scenarioOrderOptions({ seed: 42, orders: 300 }, catalog, new Date('2026-11-01T00:00:00Z'))
  const store = new CentraStore(catalog, { ...options, bundleRate: 0.2 })

  async function fetchAll() {
    const root = createRoot({ world: new SimWorld(store), limiter: new RateLimiter({}, false) })
    const result = await execute({
      schema: centraSchema(),
      document: parse(ORDERS_PAGE),
      rootValue: root,
      contextValue: { catalog, permissions: new Set() },
      variableValues: { where: {}, limit: 200, page: 1 },
    })
    const more = await execute({
      schema: centraSchema(),
      document: parse(ORDERS_PAGE),
      rootValue: root,
      contextValue: { catalog, permissions: new Set() },
      variableValues: { where: {}, limit: 200, page: 2 },
    })
    expect(result.errors).toBeUndefined()
    return [...(result.data!.orders as unknown[]), ...(more.data!.orders as unknown[])]
  }

  it('reproduces every generated amount exactly, with the market tax mode', async () => {
    const raws = await fetchAll()
    expect(raws).toHaveLength(300)
    raws.forEach((raw, i) => {
      const sim = store.at(i)
      const order = mapCentraOrder(JSON.parse(JSON.stringify(raw)))
      const market = catalog.markets.find((m) => m.id === sim.marketId)!
      expect(order.number).toBe(sim.number)
      expect(order.currency).toBe(sim.currency)
      // Kuwait charges 0 % tax: with no tax at all the rule reads prices as net, which is its mode.
      expect(order.taxMode).toBe(market.taxMode)
      expect(order.countryCode).toBe(market.countryCode)
      expect(order.totals).toEqual({
        lineValuesMinor: sim.totals.lineValuesMinor,
        discountsMinor: sim.totals.discountsMinor,
        shippingMinor: sim.totals.shippingMinor,
        handlingMinor: sim.totals.handlingMinor,
        taxIncludedMinor: sim.totals.taxIncludedMinor,
        taxAddedMinor: sim.totals.taxAddedMinor,
        taxDeductedMinor: 0,
        grandTotalMinor: sim.totals.grandTotalMinor,
      })
      expect(order.lines.map((l) => [l.lineId, l.kind, l.sku, l.quantity, l.unitPriceMinor, l.lineValueMinor])).toEqual(
        sim.lines.map((l) => [l.id, l.kind === 'bundle' ? 'bundle' : l.kind, l.sku, l.quantity, l.unitPriceMinor, l.lineValueMinor]),
      )
      if (!sim.anomalies.includes('totalMismatch')) {
        expect(order.lines.reduce((a, l) => a + l.lineValueMinor, 0)).toBe(order.totals.lineValuesMinor)
      }
    })
  })
})
