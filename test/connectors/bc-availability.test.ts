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
    expect(rows.length).toBe(totals.length)
    expect(rows[0]).toMatchObject({ locationCode: 'MAIN', variantCode: null })
    const byItem = new Map(totals.map((t) => [t.number, t.inventory]))
    for (const r of rows) expect(r.availableQuantity).toBe(byItem.get(r.itemNumber))
  })

  it('says clearly when the endpoint is not published or is not a valid path', async () => {
    sim = await startBcSimulator({ seed: 9 })
    adapter = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret })
    await expect(adapter.listAvailability({ apiPath: 'contoso/stock/v2.0', entitySet: 'availability' })).rejects.toBeInstanceOf(ConnectorError)
    await expect(adapter.listAvailability({ apiPath: '../../etc', entitySet: 'x' })).rejects.toThrow(/not a valid API path/)
  })
})
