import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'
import { createCentraAdapter } from '../../src/main/core/sync/connectors/centra'
import { ORDERS_PAGE } from '../../src/main/core/sync/connectors/centra/documents'

const sims: RunningCentraSim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

const FIXTURES = resolve(__dirname, '../../../shared/fixtures/centra')

describe('seeding the Centra simulator from a file in the API shape', () => {
  it('serves the orders of a recorded answer back exactly', async () => {
    const source = await startCentraSimulator({ seed: 5, orders: 30 })
    sims.push(source)
    const res = await fetch(source.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.token}` },
      body: JSON.stringify({ query: ORDERS_PAGE, variables: { where: {}, limit: 200, page: 1 } }),
    })
    const file = join(mkdtempSync(join(tmpdir(), 'centra-seed-')), 'orders.json')
    writeFileSync(file, await res.text())
    const seeded = await startCentraSimulator({ seed: 5, ordersFile: file })
    sims.push(seeded)
    const read = (s: RunningCentraSim) => createCentraAdapter({ baseUrl: s.url, token: s.token }).fetchOrdersPage({ since: null, page: 1, limit: 200 })
    const [a, b] = await Promise.all([read(source), read(seeded)])
    expect(b.orders).toHaveLength(30)
    expect(b.orders).toEqual(a.orders)
  })

  it('refuses a file it cannot represent, naming the order and the field', async () => {
    await expect(startCentraSimulator({ ordersFile: resolve(FIXTURES, 'order-get-dtc-response.json') })).rejects.toThrow(
      /orders\[0\] \(number 14\): "orderDate" is missing/,
    )
    const dir = mkdtempSync(join(tmpdir(), 'centra-seed-'))
    writeFileSync(join(dir, 'bad.json'), '{"orders": []}')
    await expect(startCentraSimulator({ ordersFile: join(dir, 'bad.json') })).rejects.toThrow(/must look like an API answer/)
    writeFileSync(join(dir, 'broken.json'), '{"data": ')
    await expect(startCentraSimulator({ ordersFile: join(dir, 'broken.json') })).rejects.toThrow(/not valid JSON/)
  })
})
