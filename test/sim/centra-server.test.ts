import { afterEach, describe, expect, it } from 'vitest'
import { startCentraSimulator, type RunningCentraSim } from '../../src/sim/centra'

let sim: RunningCentraSim | null = null
afterEach(async () => {
  await sim?.close()
  sim = null
})

async function gql(s: RunningCentraSim, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { authorization: `Bearer ${s.token}` }) {
  const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: JSON.parse(text) }
}

const PAGE = `query($where: OrderFilter, $limit: Int, $page: Int, $sort: [OrderSort!]) {
  orders(where: $where, sort: $sort, limit: $limit, page: $page) { id number orderDate status }
}`

describe('Centra simulator over HTTP', () => {
  it('refuses a missing or wrong token with 401 and an authentication error', async () => {
    sim = await startCentraSimulator({ token: 'right' })
    const none = await gql(sim, '{ rateLimits { type } }', {}, {})
    expect(none.status).toBe(401)
    expect(none.body.errors[0].extensions.category).toBe('authentication')
    expect(none.body.extensions).toMatchObject({ complexity: 0, permissionsUsed: [] })
    const wrong = await gql(sim, '{ rateLimits { type } }', {}, { authorization: 'Bearer wrong' })
    expect(wrong.status).toBe(401)
  })

  it('accepts the token as a graphql-access cookie and answers with extensions', async () => {
    sim = await startCentraSimulator({ token: 'cookie-token' })
    const r = await gql(sim, PAGE, { limit: 2 }, { cookie: 'other=1; graphql-access=cookie-token' })
    expect(r.status).toBe(200)
    expect(r.body.data.orders).toHaveLength(2)
    expect(r.body.extensions.complexity).toBeGreaterThan(0)
    expect(r.body.extensions.permissionsUsed).toContain('Order:read')
    expect(r.body.extensions.appVersion).toMatch(/^v/)
  })

  it('pages by orderDate ascending without gaps or repeats, and filters by date, number and status', async () => {
    sim = await startCentraSimulator({ seed: 3 })
    const seen: number[] = []
    for (let page = 1; ; page++) {
      const r = await gql(sim, PAGE, { limit: 50, page, sort: ['orderDate_ASC'] })
      seen.push(...r.body.data.orders.map((o: { number: number }) => o.number))
      if (r.body.data.orders.length < 50) break
    }
    expect(seen).toHaveLength(120)
    expect(new Set(seen).size).toBe(120)
    const all = (await gql(sim, PAGE, { limit: 200 })).body.data.orders as { number: number; orderDate: string; status: string }[]
    const from = all[60].orderDate
    const after = (await gql(sim, PAGE, { limit: 200, where: { orderDate: { from } } })).body.data.orders
    expect(after[0].number).toBe(all[60].number)
    expect(after).toHaveLength(60)
    const desc = (await gql(sim, PAGE, { limit: 1, sort: ['orderDate_DESC'] })).body.data.orders
    expect(desc[0].number).toBe(all[119].number)
    const byNumber = (await gql(sim, PAGE, { where: { number: all[5].number } })).body.data.orders
    expect(byNumber.map((o: { id: string }) => o.id)).toEqual([all[5]].map((o) => (o as unknown as { id: string }).id))
    const shipped = (await gql(sim, PAGE, { limit: 200, where: { status: 'SHIPPED' } })).body.data.orders
    expect(shipped.length).toBe(all.filter((o) => o.status === 'SHIPPED').length)
  })

  it('answers a field the token may not read with Centra\'s authorization error shape', async () => {
    sim = await startCentraSimulator({ permissions: ['Order:read'] })
    const r = await gql(sim, '{ orders(limit: 1) { number shippingAddress { city } } }')
    expect(r.status).toBe(200)
    // Address is nullable, so only that field is lost, as graphql-js (and Centra) do.
    expect(r.body.data.orders[0]).toEqual({ number: 1001, shippingAddress: null })
    expect(r.body.errors[0]).toMatchObject({
      message: 'You need Order.shippingAddress:read permission to access this field.',
      extensions: { category: 'authorization' },
      path: ['orders', 0, 'shippingAddress'],
    })
    expect((await gql(sim, '{ orders(limit: 1) { number } }')).body.data.orders).toHaveLength(1)
  })

  it('answers schema errors in the errors array and a limit above 200 with a message', async () => {
    sim = await startCentraSimulator({})
    const bad = await gql(sim, '{ orders { nope } }')
    expect(bad.status).toBe(200)
    expect(bad.body.errors[0].message).toMatch(/nope/)
    const big = await gql(sim, PAGE, { limit: 500 })
    expect(big.body.errors[0].message).toMatch(/Limit must be in range 1 - 200/)
  })

  it('enforces the 10-second request budget with 429 and Retry-After, and reports it in rateLimits', async () => {
    sim = await startCentraSimulator({ rateLimits: { requests: 3 } })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 4; i++) {
      const r = await gql(sim, '{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }')
      statuses.push(r.status)
      if (r.status === 429) retryAfter = r.headers.get('retry-after')
      if (i === 1) {
        const req = r.body.data.rateLimits.find((x: { type: string; intervalSeconds: string }) => x.type === 'REQUEST_COUNT' && x.intervalSeconds === 'TEN_SECONDS')
        expect(req).toMatchObject({ quota: 3, usedQuota: 2, remainingQuota: 1 })
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
  })

  it('refuses a single query more complex than the whole 10-second budget with an error, not a 429', async () => {
    sim = await startCentraSimulator({ rateLimits: { complexity: 100 } })
    const r = await gql(sim, PAGE, { limit: 200 })
    expect(r.status).toBe(200)
    expect(r.body.errors[0]).toMatchObject({ extensions: { category: 'complexity' } })
    expect(r.body.errors[0].message).toMatch(/exceeds the limit of 100/)
  })

  it('answers mutations with userErrors { message path } and leaves the order as it was', async () => {
    sim = await startCentraSimulator({})
    const confirm = `mutation($n: Int!) { confirmOrder(input: { order: { number: $n } }) { order { number status } userErrors { message path } userWarnings { message path } } }`
    const missing = await gql(sim, confirm, { n: 99_999 })
    expect(missing.status).toBe(200)
    expect(missing.body.data.confirmOrder).toEqual({ order: null, userErrors: [{ message: 'Could not find Order with number 99999', path: ['input', 'order'] }], userWarnings: [] })
    expect(missing.body.extensions.permissionsUsed).toContain('Order:write')
    const unsupported = await gql(sim, `mutation { deleteShipment(id: 1) { userErrors { message path } userWarnings { message } } }`)
    expect(unsupported.body.data.deleteShipment.userErrors[0].message).toMatch(/not implemented in the Centra simulator/)
  })

  it('queues events only for subscribed types, filters them, and drops them on unsubscribe', async () => {
    sim = await startCentraSimulator({ orders: 5 })
    const s = sim
    const events = async (where: Record<string, unknown> = {}) =>
      (await gql(s, 'query($w: EventFilter) { events(where: $w, limit: 50) { id objectType changeType objectReference object { __typename ... on DirectToConsumerOrder { number status } } } }', { w: where })).body.data.events
    const add = () => fetch(`${s.baseUrl}/__admin/orders`, { method: 'POST', body: JSON.stringify({ count: 1 }) })
    await add()
    expect(await events()).toEqual([])
    await gql(s, 'mutation { setEventListeners(input: [{ objectType: Order, changeTypes: [CREATED] }]) { eventListeners { objectType changeTypes } userErrors { message } } }')
    await add()
    const created = await events()
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ objectType: 'Order', changeType: 'CREATED', objectReference: 1007, object: { __typename: 'DirectToConsumerOrder', number: 1007 } })
    expect(await events({ changeType: ['UPDATED'] })).toEqual([])
    const listeners = await gql(s, '{ eventListeners { integrationName objectType changeTypes } }')
    expect(listeners.body.data.eventListeners).toEqual([{ integrationName: 'instep-sim', objectType: 'Order', changeTypes: ['CREATED'] }])
    await gql(s, 'mutation { unsetEventListeners(input: [{ objectType: Order }]) { userErrors { message } } }')
    expect(await events()).toEqual([])
  })

  it('appends new orders dated now, injects faults, counts and resets through the admin API', async () => {
    sim = await startCentraSimulator({ orders: 10 })
    const add = await (await fetch(`${sim.baseUrl}/__admin/orders`, { method: 'POST', body: JSON.stringify({ count: 3 }) })).json()
    expect(add).toMatchObject({ added: 3, total: 13 })
    const newest = (await gql(sim, PAGE, { limit: 3, sort: ['orderDate_DESC'] })).body.data.orders
    expect(Date.now() - Date.parse(newest[0].orderDate)).toBeLessThan(60_000)
    await fetch(`${sim.baseUrl}/__admin/faults`, { method: 'POST', body: JSON.stringify({ spec: '503@nth=1' }) })
    expect((await gql(sim, PAGE)).status).toBe(503)
    expect((await gql(sim, PAGE)).status).toBe(200)
    const stats = (await (await fetch(`${sim.baseUrl}/__admin/stats`)).json()) as { orders: number; faultsFired: number; byOperation: Record<string, number> }
    expect(stats).toMatchObject({ orders: 13, faultsFired: 1 })
    expect(stats.byOperation.orders).toBeGreaterThanOrEqual(2)
    await fetch(`${sim.baseUrl}/__admin/reset`, { method: 'POST' })
    expect((await gql(sim, PAGE, { limit: 200 })).body.data.orders).toHaveLength(10)
  })
})
