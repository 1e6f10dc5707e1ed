/**
 * The Business Central connector against the simulator: variant lines go out with the
 * variant's GUID (looked up once, kept across restarts in the workspace store), a variant BC
 * lacks stops the order before anything is sent, and shipping can be an item charge line.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bcIdCacheFor } from '../../src/main/core/connect/bc-id-cache'
import { openDatabase } from '../../src/main/core/db/open'
import { createRepos } from '../../src/main/core/db/repos'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import { createBcAdapter, type BcAdapter, type BcIdCache, type BcLogEvent } from '../../src/main/core/sync/connectors/bc'
import type { ErpSalesOrderDraft, ErpSalesOrderLineDraft } from '../../src/shared/models/erp'
import { startBcSimulator, type BcSimOptions, type RunningBcSim } from '../../src/sim/bc'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function simulator(opts: BcSimOptions = {}) {
  const sim = await startBcSimulator({ seed: 3, ...opts })
  cleanups.push(() => sim.close())
  return sim
}

function connect(sim: RunningBcSim, idCache?: BcIdCache, pageSize?: number) {
  const requests: BcLogEvent[] = []
  const adapter: BcAdapter = createBcAdapter({
    baseUrl: sim.baseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    companyName: sim.companyName,
    timeoutMs: 2000,
    baseDelayMs: 10,
    pageSize,
    idCache,
    log: (e) => requests.push(e),
  })
  cleanups.push(() => adapter.close())
  const reads = (set: string) => requests.filter((r) => r.method === 'GET' && new RegExp(`/${set}(\\?|$)`).test(r.url)).length
  const posts = () => requests.filter((r) => r.method === 'POST' && !r.url.includes('oauth2')).length
  return { adapter, requests, reads, posts }
}

const line = (l: Partial<ErpSalesOrderLineDraft> & Pick<ErpSalesOrderLineDraft, 'kind' | 'number' | 'unitPriceMinor'>): ErpSalesOrderLineDraft => ({
  description: '',
  quantity: 1,
  discountMinor: 0,
  taxCode: null,
  taxPercent: '25',
  expectedTaxMinor: 0,
  sourceLineId: null,
  ...l,
})

function draft(key: string, lines: ErpSalesOrderLineDraft[]): ErpSalesOrderDraft {
  return { externalDocumentNumber: key, customerNumber: 'WEB-SE', currencyCode: 'SEK', orderDate: '2026-11-20', pricesIncludeTax: true, expectedTotalMinor: 0, expectedTaxMinor: 0, lines }
}

/** The simulator's style item of the catalog's sixth product, first colour: item + size variants. */
function styleItem(sim: RunningBcSim) {
  const product = sim.store.catalog.products[5]
  const colour = product.variants[0]
  const number = `${product.productNumber}${colour.variantNumber}`
  const item = sim.store.items.find((i) => i.number === number)!
  const variant = (code: string) => sim.store.itemVariants.find((v) => v.itemId === item.id && v.code === code)!
  return { number, item, variant, sku: (size: string) => `${number}${size}` }
}

const variantLine = (number: string, code: string, sku: string) => line({ kind: 'item', number, variantCode: code, sku, quantity: 2, unitPriceMinor: 50000 })

function tempRepos() {
  const dir = mkdtempSync(join(tmpdir(), 'instep-bcids-'))
  const opened: { close(): void }[] = []
  const open = () => {
    const db = openDatabase(join(dir, 'instep.db'))
    opened.push(db)
    return createRepos(db)
  }
  cleanups.push(() => {
    for (const db of opened) db.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return open
}

const clock = () => new Date('2026-11-27T10:00:00Z')

describe('BC item variants', () => {
  it('seeds one product as items per colour with a variant per size, the SKU being item number + variant code', async () => {
    const sim = await simulator()
    const style = styleItem(sim)
    expect(sim.store.itemVariants.filter((v) => v.itemId === style.item.id).map((v) => v.code)).toEqual(['S', 'M', 'L', 'XL'])
    // the per-size items of that product are not in BC; the rest of the catalog still is
    expect(sim.store.items.some((i) => i.number === style.sku('M'))).toBe(false)
    expect(sim.store.items.some((i) => i.number === sim.store.catalog.products[0].variants[0].sizes[0].sku)).toBe(true)
  })

  it('sends the variant as the itemVariantId GUID of that item and variant code', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim)
    const style = styleItem(sim)
    const ref = await adapter.createSalesOrder(draft('CEN-V1', [variantLine(style.number, 'M', style.sku('M')), variantLine(style.number.toLowerCase(), 'xl', style.sku('XL'))]))
    const doc = sim.store.salesOrders.find((d) => d.id === ref.id)!
    expect(doc.lines.map((l) => [l.lineObjectNumber, l.itemId, l.itemVariantId])).toEqual([
      [style.number, style.item.id, style.variant('M').id],
      [style.number, style.item.id, style.variant('XL').id],
    ])
  })

  it('stops an order whose variant BC does not have before anything is sent, naming the SKU', async () => {
    const sim = await simulator()
    const { adapter, posts } = connect(sim)
    const style = styleItem(sim)
    const err = await adapter
      .createSalesOrder(draft('CEN-V2', [variantLine(style.number, 'M', style.sku('M')), variantLine(style.number, 'RED-M', 'TEE-RED-M')]))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ kind: 'invalid', mapping: [{ sku: 'TEE-RED-M', itemNumber: style.number, variantCode: 'RED-M' }] })
    expect((err as Error).message).toBe(`SKU TEE-RED-M is mapped to item ${style.number} variant RED-M, which Business Central does not have.`)
    const noItem = await adapter.createSalesOrder(draft('CEN-V3', [variantLine('NOPE-1', 'M', 'NOPE-1-M')])).catch((e: Error) => e)
    expect((noItem as Error).message).toBe('SKU NOPE-1-M is mapped to item NOPE-1 variant M, but Business Central has no item NOPE-1.')
    expect(posts()).toBe(0)
    expect(sim.store.createdOrders).toEqual([])
  })

  it('refuses to replace an open order with a draft whose variant BC lacks, and keeps the old order', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim)
    const style = styleItem(sim)
    const ref = await adapter.createSalesOrder(draft('CEN-V4', [variantLine(style.number, 'S', style.sku('S'))]))
    const err = await adapter.changeOpenOrder(ref, draft('CEN-V4', [variantLine(style.number, 'XXL', style.sku('XXL'))])).catch((e: Error) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(sim.store.salesOrders.map((d) => d.id)).toEqual([ref.id])
  })

  it('keeps the ids in the workspace store: after a restart no item or variant is read again', async () => {
    const sim = await simulator()
    const open = tempRepos()
    const style = styleItem(sim)
    const first = connect(sim, bcIdCacheFor(open(), clock), 20)
    await first.adapter.createSalesOrder(draft('CEN-V5', [variantLine(style.number, 'M', style.sku('M'))]))
    // paged reads (20 a page) cover every item and variant
    expect(first.reads('items')).toBeGreaterThan(1)
    expect(first.reads('itemVariants')).toBe(Math.ceil(sim.store.itemVariants.length / 20))
    const again = connect(sim, bcIdCacheFor(open(), clock), 20)
    const ref = await again.adapter.createSalesOrder(draft('CEN-V6', [variantLine(style.number, 'L', style.sku('L'))]))
    expect([again.reads('items'), again.reads('itemVariants')]).toEqual([0, 0])
    expect(sim.store.salesOrders.find((d) => d.id === ref.id)!.lines[0].itemVariantId).toBe(style.variant('L').id)
  })

  it('orders posted at the same time share one read of the ids', async () => {
    const sim = await simulator()
    const { adapter, reads } = connect(sim)
    const style = styleItem(sim)
    const sizes = ['S', 'M', 'L', 'XL']
    await Promise.all(sizes.map((z) => adapter.createSalesOrder(draft(`CEN-P${z}`, [variantLine(style.number, z, style.sku(z))]))))
    expect([reads('items'), reads('itemVariants')]).toEqual([1, 1])
    expect(sim.store.salesOrders.map((d) => d.lines[0].itemVariantId).sort()).toEqual(sizes.map((z) => style.variant(z).id).sort())
  })

  it('reads once more when a variant is new in BC since the ids were kept, then finds it', async () => {
    const sim = await simulator()
    const open = tempRepos()
    const style = styleItem(sim)
    await connect(sim, bcIdCacheFor(open(), clock)).adapter.createSalesOrder(draft('CEN-V7', [variantLine(style.number, 'M', style.sku('M'))]))
    const added = sim.store.addItemVariant(style.number, 'XXL', 'Extra extra large')
    const later = connect(sim, bcIdCacheFor(open(), clock))
    const ref = await later.adapter.createSalesOrder(draft('CEN-V8', [variantLine(style.number, 'XXL', style.sku('XXL'))]))
    expect(sim.store.salesOrders.find((d) => d.id === ref.id)!.lines[0].itemVariantId).toBe(added.id)
    expect(later.reads('itemVariants')).toBe(1)
    // a second miss in the same run does not read everything again
    await later.adapter.createSalesOrder(draft('CEN-V9', [variantLine(style.number, 'GONE', 'X')])).catch(() => null)
    expect(later.reads('itemVariants')).toBe(1)
  })

  it('reads the ids again and resends once when a kept variant id is no longer in BC (variant deleted and made again)', async () => {
    const sim = await simulator()
    const open = tempRepos()
    const style = styleItem(sim)
    await connect(sim, bcIdCacheFor(open(), clock)).adapter.createSalesOrder(draft('CEN-S1', [variantLine(style.number, 'M', style.sku('M'))]))
    const old = style.variant('M')
    sim.store.itemVariants.splice(sim.store.itemVariants.indexOf(old), 1)
    const remade = sim.store.addItemVariant(style.number, 'M', 'Medium, made again')
    const later = connect(sim, bcIdCacheFor(open(), clock))
    const ref = await later.adapter.createSalesOrder(draft('CEN-S2', [variantLine(style.number, 'M', style.sku('M'))]))
    expect(sim.store.salesOrders.find((d) => d.id === ref.id)!.lines[0].itemVariantId).toBe(remade.id)
    // one refused POST (nothing created), one fresh read, one accepted POST
    expect([later.posts(), later.reads('itemVariants')]).toEqual([2, 1])
    expect(sim.store.createdOrders.map((o) => o.externalDocumentNumber)).toEqual(['CEN-S1', 'CEN-S2'])
  })

  it('rejects, like BC, a variant id that belongs to another item', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim)
    const style = styleItem(sim)
    const other = sim.store.items[0]
    const res = await adapter.client
      .request({ method: 'POST', path: 'salesOrders', data: { customerNumber: 'WEB-SE', salesOrderLines: [{ lineType: 'Item', itemId: other.id, itemVariantId: style.variant('M').id, quantity: 1 }] } })
      .catch((e: ConnectorError) => e)
    expect(res).toMatchObject({ kind: 'invalid', status: 400 })
    expect((res as Error).message).toContain('Item Variant')
  })

  it('lists variants and locations over all pages', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim, undefined, 3)
    const variants = await adapter.listItemVariants()
    expect(variants).toHaveLength(sim.store.itemVariants.length)
    expect(variants[0]).toEqual({ id: sim.store.itemVariants[0].id, itemId: sim.store.itemVariants[0].itemId, itemNumber: sim.store.itemVariants[0].itemNumber, code: sim.store.itemVariants[0].code, description: sim.store.itemVariants[0].description })
    expect((await adapter.listLocations()).map((l) => l.code)).toEqual(['MAIN', 'US-EAST'])
  })
})

describe('BC shipping as an item charge line', () => {
  const orderWithShipping = (chargeType?: 'item-charge') =>
    draft('CEN-C1', [
      line({ kind: 'item', number: '', quantity: 1, unitPriceMinor: 49900 }),
      line({ kind: 'charge', number: chargeType ? 'S-FREIGHT' : '6110', chargeType, description: 'Shipping', unitPriceMinor: 4900 }),
    ])

  it('posts shipping as a Charge line taxed like the other lines and reads it back as a charge', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim)
    const d = orderWithShipping('item-charge')
    d.lines[0].number = sim.store.items[0].number
    const ref = await adapter.createSalesOrder(d)
    expect(sim.store.salesOrders.find((o) => o.id === ref.id)!.lines.map((l) => [l.lineType, l.lineObjectNumber])).toEqual([
      ['Item', sim.store.items[0].number],
      ['Charge', 'S-FREIGHT'],
    ])
    const back = await adapter.getSalesOrder(ref.id)
    // 49.00 gross at 25 % VAT included: net ROUND(49.00 / 1.25) = 39.20, tax 9.80
    expect(back!.lines[1]).toMatchObject({ kind: 'charge', number: 'S-FREIGHT', taxPercent: '25', amountIncludingTaxMinor: 4900, taxMinor: 980 })
    // the same order with a G/L account line costs the same tax
    const gl = orderWithShipping()
    gl.lines[0].number = sim.store.items[0].number
    const glRef = await adapter.createSalesOrder({ ...gl, externalDocumentNumber: 'CEN-C2' })
    expect([glRef.totalTaxMinor, glRef.totalIncludingTaxMinor]).toEqual([ref.totalTaxMinor, ref.totalIncludingTaxMinor])
    expect(ref.totalIncludingTaxMinor).toBe(54800)
  })

  it('computes sales tax on a Charge line in a US company from the freight tax group', async () => {
    const sim = await simulator({ salesTax: true })
    const { adapter } = connect(sim)
    const ref = await adapter.createSalesOrder({
      ...draft('CEN-C3', [
        line({ kind: 'item', number: sim.store.items[0].number, unitPriceMinor: 10000 }),
        line({ kind: 'charge', number: 'S-FREIGHT', chargeType: 'item-charge', unitPriceMinor: 800 }),
      ]),
      customerNumber: 'WEB-US',
      currencyCode: 'USD',
      pricesIncludeTax: false,
    })
    const back = await adapter.getSalesOrder(ref.id)
    // 8.875 % on 8.00 = 0.71; on 100.00 = 8.875 → 8.88
    expect(back!.lines.map((l) => [l.kind, l.taxCode, l.taxMinor])).toEqual([
      ['item', 'TAXABLE', 888],
      ['charge', 'SHIPPING', 71],
    ])
  })

  it('reports an item charge BC does not have, and BC will not invoice an unassigned one', async () => {
    const sim = await simulator()
    const { adapter } = connect(sim)
    const bad = orderWithShipping('item-charge')
    bad.lines[0].number = sim.store.items[0].number
    bad.lines[1].number = 'S-NOPE'
    const err = await adapter.createSalesOrder(bad).catch((e: ConnectorError) => e)
    expect(err).toMatchObject({ kind: 'invalid', status: 400 })
    expect((err as Error).message).toBe('Business Central rejected order CEN-C1: item charge S-NOPE for shipping or fees does not exist. Fix the charge number in the settings.')
    const ok = orderWithShipping('item-charge')
    ok.lines[0].number = sim.store.items[0].number
    const ref = await adapter.createSalesOrder(ok)
    const posted = await adapter.client.request({ method: 'POST', path: `salesOrders(${ref.id})/Microsoft.NAV.shipAndInvoice` }).catch((e: Error) => e)
    expect((posted as Error).message).toContain('You must assign item charge S-FREIGHT')
  })
})
