import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildPostingPlan, idempotencyKey, type PlanOptions } from '../../src/main/core/sync/engine/posting-plan'
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
    order.lines[1].lineValueMinor = 0
    order.totals = { ...order.totals, lineValuesMinor: 10000, taxIncludedMinor: 0, taxAddedMinor: 2500, grandTotalMinor: 12500 }
    const plan = buildPostingPlan(order, resolve, options)
    expect(plan.ok && plan.draft.lines.length).toBe(1)
    expect(plan.ok && plan.draft).toMatchObject({ pricesIncludeTax: false, customerNumber: 'WEB-US', currencyCode: 'USD' })
  })

  it('uses the component lines of a bundle and not the bundle line itself', () => {
    const order = storeOrder(9, [{ sku: 'BUNDLE', priceMinor: 0 }, { sku: 'A' }, { sku: 'B' }])
    order.lines[0].kind = 'bundle'
    order.lines[1].kind = 'bundleItem'
    order.lines[2].kind = 'bundleItem'
    const plan = buildPostingPlan(order, resolve, options)
    expect(plan.ok && plan.draft.lines.map((l) => l.number)).toEqual(['ITEM-A', 'ITEM-B'])
  })

  it('carries the ERP variant code and the SKU on a line whose SKU maps to an item variant, and nothing extra on others', () => {
    const withVariant = (sku: string) => (sku === 'A' ? { itemNumber: 'TEE-NAV', variantCode: 'M' } : resolve(sku))
    const plan = buildPostingPlan(storeOrder(3, [{ sku: 'A' }, { sku: 'B' }]), withVariant, options)
    expect(plan.ok && plan.draft.lines.map((l) => [l.number, l.variantCode, l.sku])).toEqual([
      ['TEE-NAV', 'M', 'A'],
      ['ITEM-B', undefined, undefined],
    ])
    // Plans without variants keep the hash they had before variants existed: their drafts gain no field.
    const plain = buildPostingPlan(storeOrder(3, [{ sku: 'A' }, { sku: 'B' }]), (sku) => (known[sku] ? { itemNumber: known[sku], variantCode: null } : null), options)
    expect(plain.ok && Object.keys(plain.draft.lines[0]).sort()).toEqual(
      ['description', 'discountMinor', 'expectedTaxMinor', 'kind', 'number', 'quantity', 'sourceLineId', 'taxCode', 'taxPercent', 'unitPriceMinor'],
    )
  })

  it('derives the idempotency key from the order number and the workspace prefix', () => {
    expect(idempotencyKey({ number: 1042 }, 'WEB-')).toBe('WEB-1042')
    expect(idempotencyKey({ number: 1042 }, 'EU-')).toBe('EU-1042')
  })
})

describe('posting plan money rules', () => {
  const opts = { ...options, shippingAccount: '6110', handlingAccount: '6120' }

  it('books shipping as an item charge when the workspace says so, and handling on its G/L account', () => {
    const order = storeOrder(21, [{ sku: 'A', priceMinor: 10000 }])
    order.totals.shippingMinor = 4900
    order.totals.handlingMinor = 1000
    order.totals.grandTotalMinor = 10000 + 4900 + 1000
    order.totals.taxIncludedMinor = Math.round((10000 + 4900 + 1000) / 5)
    const plan = buildPostingPlan(order, resolve, { ...opts, shippingAccount: 'S-FREIGHT', shippingLineType: 'charge', handlingLineType: 'account' })
    expect(plan.ok && plan.draft.lines.filter((l) => l.kind === 'charge').map((l) => [l.number, l.chargeType, l.unitPriceMinor])).toEqual([
      ['S-FREIGHT', 'item-charge', 4900],
      ['6120', undefined, 1000],
    ])
  })
  const erpTotal = (lines: { unitPriceMinor: number; quantity: number; discountMinor: number }[]) =>
    lines.reduce((a, l) => a + l.unitPriceMinor * l.quantity - l.discountMinor, 0)

  it('allocates a voucher over the lines to the cent and adds shipping as a charge line', () => {
    const order = storeOrder(20, [{ sku: 'A', priceMinor: 10000 }, { sku: 'B', priceMinor: 5000 }, { sku: 'A', priceMinor: 3333 }])
    order.totals.discountsMinor = 1000
    order.totals.shippingMinor = 4900
    order.totals.grandTotalMinor = 18333 - 1000 + 4900
    order.totals.taxIncludedMinor = Math.round((18333 - 1000 + 4900) / 5)
    const plan = buildPostingPlan(order, resolve, opts)
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    const items = plan.draft.lines.filter((l) => l.kind === 'item')
    expect(items.map((l) => l.discountMinor)).toEqual([545, 273, 182]) // 1000 by 10000:5000:3333
    expect(plan.draft.lines.at(-1)).toMatchObject({ kind: 'charge', number: '6110', unitPriceMinor: 4900, quantity: 1, taxPercent: '25' })
    expect(erpTotal(plan.draft.lines)).toBe(order.totals.grandTotalMinor)
    expect(plan.draft.lines.reduce((a, l) => a + l.expectedTaxMinor, 0)).toBe(order.totals.taxIncludedMinor)
  })

  it('reproduces a line value that is not unit price × quantity with a rounding discount', () => {
    const order = storeOrder(21, [{ sku: 'A', qty: 3, priceMinor: 3333 }])
    order.lines[0].lineValueMinor = 10000 // bundle components can carry the indivisible cent
    order.totals.lineValuesMinor = 10000
    order.totals.grandTotalMinor = 10000
    order.totals.taxIncludedMinor = 2000
    const plan = buildPostingPlan(order, resolve, opts)
    expect(plan.ok && plan.draft.lines[0]).toMatchObject({ unitPriceMinor: 3334, quantity: 3, discountMinor: 2 })
    expect(plan.ok && erpTotal(plan.draft.lines)).toBe(10000)
  })

  it('moves a bundle price carried by the parent line onto its components by list price', () => {
    const order = storeOrder(22, [{ sku: 'BUNDLE', priceMinor: 15000 }, { sku: 'A', priceMinor: 0 }, { sku: 'B', priceMinor: 0 }])
    order.lines[0].kind = 'bundle'
    order.lines[1].kind = 'bundleItem'
    order.lines[1].unitOriginalPriceMinor = 20000
    order.lines[2].kind = 'bundleItem'
    order.lines[2].unitOriginalPriceMinor = 10000
    order.totals.taxIncludedMinor = 3000
    const plan = buildPostingPlan(order, resolve, opts)
    expect(plan.ok && plan.draft.lines.map((l) => [l.number, l.unitPriceMinor - l.discountMinor])).toEqual([
      ['ITEM-A', 10000],
      ['ITEM-B', 5000],
    ])
  })

  it('handles currencies without decimals and with three', () => {
    for (const [currency, price] of [['JPY', 1999], ['KWD', 12345]] as const) {
      const order = storeOrder(23, [{ sku: 'A', priceMinor: price, qty: 3 }], { currency, taxMode: 'added', countryCode: 'KW' })
      order.totals.taxIncludedMinor = 0
      order.lines[0].taxPercent = '10'
      order.totals.taxAddedMinor = Math.round((price * 3) / 10)
      order.totals.grandTotalMinor = price * 3 + order.totals.taxAddedMinor
      const plan = buildPostingPlan(order, resolve, opts)
      expect(plan.ok).toBe(true)
      if (plan.ok) {
        expect(erpTotal(plan.draft.lines) + plan.draft.expectedTaxMinor).toBe(order.totals.grandTotalMinor)
        expect(plan.draft.pricesIncludeTax).toBe(false)
      }
    }
  })

  it('refuses an order whose lines do not add up to its total, naming both figures', () => {
    const order = storeOrder(24, [{ sku: 'A', priceMinor: 10000 }])
    order.totals.lineValuesMinor += 100
    order.totals.grandTotalMinor += 100
    const plan = buildPostingPlan(order, resolve, opts)
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.problems).toContainEqual({ kind: 'total_mismatch', currency: 'SEK', computedMinor: 10000, centraMinor: 10100, what: 'line values' })
  })

  it('refuses tax that rounding cannot explain, and absorbs what it can', () => {
    const order = storeOrder(25, [{ sku: 'A', priceMinor: 10000 }, { sku: 'B', priceMinor: 10000 }])
    order.totals.taxIncludedMinor = 4001 // lines give 2000 + 2000: one cent of residue is fine
    let plan = buildPostingPlan(order, resolve, opts)
    expect(plan.ok && plan.draft.lines.map((l) => l.expectedTaxMinor)).toEqual([2001, 2000])
    order.totals.taxIncludedMinor = 4500
    plan = buildPostingPlan(order, resolve, opts)
    expect(!plan.ok && plan.problems[0]).toMatchObject({ kind: 'tax_mismatch', computedMinor: 4000, centraMinor: 4500 })
  })

  it('requires a tax code for every rate once a tax code table is set, and a shipping account when shipping is charged', () => {
    const order = storeOrder(26, [{ sku: 'A' }])
    order.totals.shippingMinor = 500
    order.totals.grandTotalMinor += 500
    order.totals.taxIncludedMinor += 100
    const plan = buildPostingPlan(order, resolve, { ...options, taxCodes: { '19': 'VAT19' } })
    expect(!plan.ok && plan.problems.map((p) => p.kind)).toEqual(['no_tax_code', 'no_charge_account'])
    const withCodes = buildPostingPlan(order, resolve, { ...opts, taxCodes: { '25': 'VAT25' } })
    expect(withCodes.ok && withCodes.draft.lines.map((l) => l.taxCode)).toEqual(['VAT25', 'VAT25'])
  })

  it('for any order: ERP line amounts (+ added tax) equal the grand total, and discounts are never lost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 0, max: 500_000 }), qty: fc.integer({ min: 1, max: 9 }), extra: fc.integer({ min: 0, max: 8 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('included' as const, 'added' as const),
        fc.constantFrom('25', '19', '8.875', '0', '7.7'),
        (rows, discountPct, shipping, taxMode, rate) => {
          const order = storeOrder(
            30,
            rows.map((r, i) => ({ sku: i % 2 ? 'A' : 'B', priceMinor: r.price, qty: r.qty })),
            { taxMode, countryCode: 'SE' },
          )
          order.lines.forEach((l, i) => {
            l.taxPercent = rate
            l.lineValueMinor += Math.min(rows[i].extra, l.quantity - 1) // indivisible cents
          })
          const lineValues = order.lines.reduce((a, l) => a + l.lineValueMinor, 0)
          const discount = Math.floor((lineValues * discountPct) / 100)
          const taxBase = order.lines.map((l) => l.lineValueMinor)
          const tax = taxBase.reduce((a, v) => a + Math.round(v * Number(rate) / (taxMode === 'included' ? 100 + Number(rate) : 100)), 0)
          order.totals = {
            ...order.totals,
            lineValuesMinor: lineValues,
            discountsMinor: discount,
            shippingMinor: shipping,
            taxIncludedMinor: taxMode === 'included' ? tax : 0,
            taxAddedMinor: taxMode === 'added' ? tax : 0,
            grandTotalMinor: lineValues - discount + shipping + (taxMode === 'added' ? tax : 0),
          }
          const plan = buildPostingPlan(order, resolve, opts)
          if (!plan.ok) {
            // Only a tax gap beyond rounding may refuse a well-formed order.
            expect(plan.problems.every((p) => p.kind === 'tax_mismatch')).toBe(true)
            return
          }
          const added = taxMode === 'added' ? plan.draft.expectedTaxMinor : 0
          expect(erpTotal(plan.draft.lines) + added).toBe(order.totals.grandTotalMinor)
          expect(plan.draft.lines.every((l) => l.discountMinor >= 0 && l.discountMinor <= l.unitPriceMinor * l.quantity)).toBe(true)
          expect(plan.draft.lines.reduce((a, l) => a + l.expectedTaxMinor, 0)).toBe(plan.draft.expectedTaxMinor)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('customer per shopper', () => {
  const perShopper = { ...options, customerStrategy: 'per-shopper' as const }
  it('names the same ERP customer for the same shopper, whatever the case of the e-mail', () => {
    const a = buildPostingPlan(storeOrder(40, [{ sku: 'A' }], { customerEmail: 'Ann@Example.com', customerName: 'Ann' }), resolve, perShopper)
    const b = buildPostingPlan(storeOrder(41, [{ sku: 'A' }], { customerEmail: 'ann@example.com', customerName: 'Ann' }), resolve, perShopper)
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(a.draft.customerNumber).toBe(b.draft.customerNumber)
    expect(a.draft.customerNumber).toMatch(/^WEB-[0-9A-F]{16}$/)
    expect(a.draft.customer).toMatchObject({ displayName: 'Ann', email: 'ann@example.com', country: 'SE', currencyCode: 'SEK' })
  })

  it('stops the order when the customer data would be refused by the ERP', () => {
    const noEmail = buildPostingPlan(storeOrder(42, [{ sku: 'A' }], { customerEmail: null }), resolve, perShopper)
    expect(!noEmail.ok && noEmail.problems[0]).toMatchObject({ kind: 'customer_data' })
    const longName = buildPostingPlan(storeOrder(43, [{ sku: 'A' }], { customerName: 'x'.repeat(101) }), resolve, perShopper)
    expect(!longName.ok && longName.problems[0]).toMatchObject({ kind: 'customer_data', reason: expect.stringContaining('100') })
  })
})

describe('bundles', () => {
  it('refuses a bundle that came without component lines and is no ERP item of its own', () => {
    const order = storeOrder(50, [{ sku: 'BUNDLE-X', priceMinor: 15000 }])
    order.lines[0].kind = 'bundle'
    const plan = buildPostingPlan(order, resolve, options)
    expect(!plan.ok && plan.problems).toEqual([{ kind: 'bundle_without_components', sku: 'BUNDLE-X', lineId: order.lines[0].lineId }])
    const asKit = buildPostingPlan(order, (sku) => (sku === 'BUNDLE-X' ? { itemNumber: 'KIT-1' } : null), options)
    expect(asKit.ok && asKit.draft.lines.map((l) => [l.number, l.unitPriceMinor])).toEqual([['KIT-1', 15000]])
  })
})

describe('tax codes per market', () => {
  const codesOf = (plan: ReturnType<typeof buildPostingPlan>) => (plan.ok ? plan.draft.lines.map((l) => l.taxCode) : plan.problems)
  const us = (number: number) => {
    const order = storeOrder(number, [{ sku: 'A' }], { marketId: 3, marketName: 'United States', countryCode: 'US', currency: 'USD' })
    order.lines[0].taxPercent = '8.875'
    order.totals.taxIncludedMinor = 815
    return order
  }

  it("uses the market's own code first and the code for all markets for a rate the market has none for", () => {
    const order = storeOrder(30, [{ sku: 'A' }, { sku: 'B' }])
    order.lines[1].taxPercent = '12'
    order.totals.taxIncludedMinor = 2000 + 1071
    const tables = { taxCodes: { '25': 'VAT25', '12': 'VAT12' }, taxCodesByMarket: { Sweden: { '25.0': 'SE-OSS25' } } }
    expect(codesOf(buildPostingPlan(order, resolve, { ...options, ...tables }))).toEqual(['SE-OSS25', 'VAT12'])
    // Another market's table changes nothing for this order.
    expect(codesOf(buildPostingPlan(order, resolve, { ...options, taxCodes: tables.taxCodes, taxCodesByMarket: { Germany: { '25': 'DE25' } } }))).toEqual(['VAT25', 'VAT12'])
  })

  it('finds a market table keyed by the market id when none is keyed by its name', () => {
    expect(codesOf(buildPostingPlan(us(31), resolve, { ...options, taxCodesByMarket: { '3': { '8.875': 'US-NY' } } }))).toEqual(['US-NY'])
  })

  it('holds the order back, naming market and rate, when a table applies to the market and neither has the rate', () => {
    // Only the market has codes: the global table is empty, yet the order may not fall to the ERP's default.
    const own = buildPostingPlan(us(32), resolve, { ...options, taxCodesByMarket: { 'United States': { '6': 'US-LOW' } } })
    expect(own).toEqual({ ok: false, problems: [{ kind: 'no_tax_code', ratePercent: '8.875', market: 'United States' }] })
    // Only the global table has codes.
    const global = buildPostingPlan(us(32), resolve, { ...options, taxCodes: { '25': 'VAT25' }, taxCodesByMarket: { Sweden: { '25': 'SE25' } } })
    expect(global).toEqual({ ok: false, problems: [{ kind: 'no_tax_code', ratePercent: '8.875', market: 'United States' }] })
    // An order that names no market is named by its id, or not at all.
    const noName = buildPostingPlan({ ...us(33), marketName: null }, resolve, { ...options, taxCodes: { '25': 'VAT25' } })
    expect(!noName.ok && noName.problems).toEqual([{ kind: 'no_tax_code', ratePercent: '8.875', market: '3' }])
    const none = buildPostingPlan({ ...us(34), marketName: null, marketId: null }, resolve, { ...options, taxCodes: { '25': 'VAT25' } })
    expect(!none.ok && none.problems).toEqual([{ kind: 'no_tax_code', ratePercent: '8.875', market: null }])
  })

  it("lets the ERP decide when neither the market's table nor the one for all markets has codes", () => {
    expect(codesOf(buildPostingPlan(us(35), resolve, { ...options, taxCodes: {}, taxCodesByMarket: { Sweden: { '25': 'SE25' } } }))).toEqual([null])
  })

  it('keeps the plan hash of an order whose codes did not change when market tables are added', () => {
    const order = storeOrder(1042, [{ sku: 'A', qty: 2, priceMinor: 49900 }, { sku: 'B' }])
    order.totals.shippingMinor = 500
    order.totals.grandTotalMinor += 500
    order.totals.taxIncludedMinor += 100
    const before: PlanOptions = { ...options, shippingAccount: '6110', taxCodes: { '25': 'VAT25' } }
    // The hash this order had before per-market tables existed (computed with that version of the plan).
    const golden = '39810f3bed4826b0292341232a77304f71ccaf488997f2d4533ec890b9e0b587'
    const unchanged: PlanOptions[] = [before, { ...before, taxCodesByMarket: { Germany: { '19': 'DE19' } } }, { ...options, shippingAccount: '6110', taxCodesByMarket: { Sweden: { '25': 'VAT25' } } }]
    for (const after of unchanged) {
      const plan = buildPostingPlan(order, resolve, after)
      expect(plan.ok && plan.hash).toBe(golden)
    }
    const changed = buildPostingPlan(order, resolve, { ...before, taxCodesByMarket: { Sweden: { '25': 'SE-OSS25' } } })
    expect(changed.ok && changed.hash).not.toBe(golden)
  })
})
