/** The catalog streams a mapping needs: markets with their countries, bundles with their sections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import { createCentraAdapter, type CentraAdapter } from '../../src/main/core/sync/connectors/centra'

let sim: RunningCentraSim
let centra: CentraAdapter
beforeAll(async () => {
  sim = await startCentraSimulator({ seed: 42, orders: 5 })
  centra = createCentraAdapter({ baseUrl: sim.url, token: sim.token })
})
afterAll(() => sim.close())

describe('Centra catalog streams', () => {
  it('lists every market with its country', async () => {
    const markets = await centra.listMarkets()
    expect(markets.map((m) => [m.name, m.countries])).toEqual(sim.catalog.markets.map((m) => [m.name, [m.countryCode]]))
  })

  it('lists bundles with their sections and the variants each section offers', async () => {
    const { bundles, hasMore } = await centra.listBundles({ page: 1, limit: 50 })
    expect(hasMore).toBe(false)
    const expected = sim.catalog.bundles[0]
    expect(bundles[0]).toMatchObject({ id: expected.centraProductId, productNumber: expected.productNumber, type: 'FIXED', priceType: 'STATIC' })
    expect(bundles[0].sections.map((s) => s.variants.map((v) => v.id))).toEqual(expected.sections.map((s) => s.variantIds))
    expect(bundles[0].sections[0].variants[0].sku).toMatch(/^[A-Z]{2}\d{4}[A-Z]{3}$/)
  })
})
