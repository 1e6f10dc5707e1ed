import { describe, expect, it } from 'vitest'
import { buildPostingPlan, idempotencyKey } from '../../src/main/core/sync/engine/posting-plan'
import { storeOrder } from '../helpers/fake-connectors'

const options = { externalDocumentPrefix: 'WEB-', customerPrefix: 'WEB-' }
const known: Record<string, string> = { A: 'ITEM-A', B: 'ITEM-B' }
const resolve = (sku: string) => (known[sku] ? { itemNumber: known[sku] } : null)

describe('posting plan', () => {
  it('builds the ERP document from the order: key, customer per market, currency, tax mode, lines', () => {
    const plan = buildPostingPlan(storeOrder(1042, [{ sku: 'A', qty: 2, priceMinor: 49900 }, { sku: 'B' }]), resolve, options)
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.draft).toMatchObject({
      externalDocumentNumber: 'WEB-1042',
      customerNumber: 'WEB-SE',
      currencyCode: 'SEK',
      pricesIncludeTax: true,
    })
    expect(plan.draft.lines.map((l) => [l.number, l.quantity, l.unitPriceMinor])).toEqual([
      ['ITEM-A', 2, 49900],
      ['ITEM-B', 1, 10000],
    ])
  })

  it('is deterministic: the same order gives the same hash, a changed order a different one', () => {
    const a = buildPostingPlan(storeOrder(1, [{ sku: 'A' }]), resolve, options)
    const b = buildPostingPlan(storeOrder(1, [{ sku: 'A' }]), resolve, options)
    const c = buildPostingPlan(storeOrder(1, [{ sku: 'A', qty: 2 }]), resolve, options)
    expect(a.ok && b.ok && c.ok).toBe(true)
    if (a.ok && b.ok && c.ok) {
      expect(a.hash).toBe(b.hash)
      expect(a.hash).not.toBe(c.hash)
    }
  })

  it('reports every unmapped line instead of posting a partial order', () => {
    const plan = buildPostingPlan(storeOrder(7, [{ sku: 'A' }, { sku: 'X', ean: '111' }, { sku: 'Y' }]), resolve, options)
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.problems.map((p) => p.kind === 'unmapped_sku' && p.sku)).toEqual(['X', 'Y'])
  })

  it('leaves out fully cancelled lines and uses tax-added pricing for US-style markets', () => {
    const order = storeOrder(8, [{ sku: 'A' }, { sku: 'B' }], { taxMode: 'added', countryCode: 'US', currency: 'USD' })
    order.lines[1].quantity = 0
    order.lines[1].cancelledQuantity = 1
    const plan = buildPostingPlan(order, resolve, options)
    expect(plan.ok && plan.draft.lines.length).toBe(1)
    expect(plan.ok && plan.draft).toMatchObject({ pricesIncludeTax: false, customerNumber: 'WEB-US', currencyCode: 'USD' })
  })

  it('uses the component lines of a bundle and not the bundle line itself', () => {
    const order = storeOrder(9, [{ sku: 'BUNDLE' }, { sku: 'A' }, { sku: 'B' }])
    order.lines[0].kind = 'bundle'
    order.lines[1].kind = 'bundleItem'
    order.lines[2].kind = 'bundleItem'
    const plan = buildPostingPlan(order, resolve, options)
    expect(plan.ok && plan.draft.lines.map((l) => l.number)).toEqual(['ITEM-A', 'ITEM-B'])
  })

  it('derives the idempotency key from the order number and the workspace prefix', () => {
    expect(idempotencyKey({ number: 1042 }, 'WEB-')).toBe('WEB-1042')
    expect(idempotencyKey({ number: 1042 }, 'EU-')).toBe('EU-1042')
  })
})
