/** Availability per item, variant and location from a tenant's custom API page. */
import { afterEach, describe, expect, it } from 'vitest'
import { createBcAdapter, type BcAdapter } from '../../src/main/core/sync/connectors/bc'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'
import { ConnectorError } from '../../src/main/core/sync/connector-error'

let sim: RunningBcSim
let adapter: BcAdapter
afterEach(async () => {
  await adapter?.close()
  await sim?.close()
})

describe('Business Central custom availability endpoint', () => {
  it('reads every item with its location and quantities, across pages, and agrees with the standard inventory total', async () => {
    sim = await startBcSimulator({ seed: 9 })
    adapter = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, pageSize: 10 })
    const rows = await adapter.listAvailability({ apiPath: 'instep/inventory/v1.0', entitySet: 'itemAvailabilities' })
    const totals = await adapter.listItemInventory()
    // one row per item and location; the locations add up to the item's standard total
    expect(rows.length).toBe(totals.length * 2)
    expect(new Set(rows.map((r) => r.locationCode))).toEqual(new Set(['MAIN', 'US-EAST']))
    expect(rows[0]).toMatchObject({ variantCode: null })
    const summed = new Map<string, number>()
    for (const r of rows) summed.set(r.itemNumber, (summed.get(r.itemNumber) ?? 0) + r.availableQuantity)
    expect(summed).toEqual(new Map(totals.map((t) => [t.number, t.inventory])))
  })

  it('with stock moving between reads, the same seed moves the same items, and the page stays consistent with the totals', async () => {
    const read = async () => {
      sim = await startBcSimulator({ seed: 9, stockMovesPerRead: 5 })
      adapter = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret })
      const endpoint = { apiPath: 'instep/inventory/v1.0', entitySet: 'itemAvailabilities' }
      const first = await adapter.listAvailability(endpoint)
      const second = await adapter.listAvailability(endpoint)
      const totals = await adapter.listItemInventory()
      await adapter.close()
      await sim.close()
      return { first, second, totals }
    }
    const a = await read()
    const b = await read()
    expect(a.second).not.toEqual(a.first)
    expect(b.second.map((r) => r.availableQuantity)).toEqual(a.second.map((r) => r.availableQuantity))
    const summed = new Map<string, number>()
    for (const r of a.second) summed.set(r.itemNumber, (summed.get(r.itemNumber) ?? 0) + r.availableQuantity)
    expect(summed).toEqual(new Map(a.totals.map((t) => [t.number, t.inventory])))
  })

  it('says clearly when the endpoint is not published or is not a valid path', async () => {
    sim = await startBcSimulator({ seed: 9 })
    adapter = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret })
    await expect(adapter.listAvailability({ apiPath: 'contoso/stock/v2.0', entitySet: 'availability' })).rejects.toBeInstanceOf(ConnectorError)
    await expect(adapter.listAvailability({ apiPath: '../../etc', entitySet: 'x' })).rejects.toThrow(/not a valid API path/)
  })
})
