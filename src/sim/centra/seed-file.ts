/**
 * Seeding the simulator from a file in the API's own response shape,
 * `{ "data": { "orders": [ … ] } }` — for instance a recorded answer of a real store with the
 * fields Instep selects. Each order is checked; anything the simulator cannot represent
 * faithfully is refused with the order and field named, rather than guessed.
 */
import { readFileSync } from 'node:fs'
import Decimal from 'decimal.js'
import type { SimCatalog } from '../scenario/catalog'
import { addedTax, includedTax, orderIdFor, type SimLineKind, type SimOrder, type SimOrderLine, type SimOrderStatus } from '../scenario/orders'

const STATUSES: SimOrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'ARCHIVED', 'CANCELLED']
const KINDS: Record<string, SimLineKind> = { ProductOrderLine: 'product', BundleOrderLine: 'bundle', BundleItemOrderLine: 'bundleItem' }

type Json = Record<string, unknown>
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

export class SeedFileError extends Error {}

export function loadOrdersFile(path: string, catalog: SimCatalog): SimOrder[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new SeedFileError(`Cannot read the orders file ${path}: ${(e as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new SeedFileError(`The orders file ${path} is not valid JSON: ${(e as Error).message}`)
  }
  return parseOrdersResponse(json, catalog, path)
}

export function parseOrdersResponse(json: unknown, catalog: SimCatalog, source = 'the orders file'): SimOrder[] {
  const orders = obj(obj(json)?.data)?.orders
  if (!Array.isArray(orders)) throw new SeedFileError(`${source} must look like an API answer: { "data": { "orders": [ … ] } }`)
  if (orders.length === 0) throw new SeedFileError(`${source} contains no orders`)
  const problems: string[] = []
  const out: SimOrder[] = []
  orders.forEach((raw, k) => {
    try {
      out.push(parseOrder(raw, catalog))
    } catch (e) {
      problems.push(`orders[${k}]${obj(raw)?.number !== undefined ? ` (number ${String(obj(raw)?.number)})` : ''}: ${(e as Error).message}`)
    }
  })
  const numbers = new Map<number, number>()
  out.forEach((o) => numbers.set(o.number, (numbers.get(o.number) ?? 0) + 1))
  for (const [n, count] of numbers) if (count > 1) problems.push(`order number ${n} appears ${count} times`)
  if (problems.length) {
    const shown = problems.slice(0, 10).join('\n  ')
    throw new SeedFileError(`${source} has ${problems.length} problem(s); nothing was loaded:\n  ${shown}${problems.length > 10 ? '\n  …' : ''}`)
  }
  // The store relies on date order following index order.
  return out.sort((a, b) => Date.parse(a.orderDate) - Date.parse(b.orderDate) || a.number - b.number)
}

function parseOrder(raw: unknown, catalog: SimCatalog): SimOrder {
  const o = obj(raw)
  if (!o) throw new Error('not an object')
  const number = o.number
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw new Error('"number" must be a positive integer')
  if (o.__typename === 'WholesaleOrder' || obj(o.store)?.type === 'WHOLESALE') throw new Error('wholesale orders are not simulated')
  const status = o.status as SimOrderStatus
  if (!STATUSES.includes(status)) throw new Error(`"status" must be one of ${STATUSES.join(', ')}`)
  const orderDateMs = Date.parse(str(o.orderDate) ?? '')
  if (!Number.isFinite(orderDateMs)) throw new Error('"orderDate" is missing or not a date')
  const grand = obj(o.grandTotal)
  const currency = str(obj(grand?.currency)?.code)
  if (!currency) throw new Error('"grandTotal.currency.code" is missing')
  const cur = catalog.currencies.find((c) => c.code === currency)
  if (!cur) throw new Error(`currency ${currency} is not one the simulator knows (${catalog.currencies.map((c) => c.code).join(', ')})`)
  const marketId = obj(o.market)?.id
  const market = catalog.markets.find((m) => m.id === marketId) ?? catalog.markets.find((m) => m.currency === currency)
  if (!market) throw new Error(`no simulator market matches market ${String(marketId)} / currency ${currency}`)
  const minor = (v: unknown, field: string, required = true): number => {
    const value = obj(v)?.value
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      if (required) throw new Error(`"${field}.value" is missing`)
      return 0
    }
    return new Decimal(value).mul(new Decimal(10).pow(cur.decimals)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
  }
  const totals = obj(o.totals)
  if (!totals) throw new Error('"totals" is missing')
  const taxAdded = minor(totals.taxAdded, 'totals.taxAdded', false)
  const taxIncluded = minor(totals.taxIncluded, 'totals.taxIncluded', false)
  // Same reading as the connector's mapper: tax on top when some was added, else inside prices.
  const taxMode = taxAdded !== 0 ? 'added' : taxIncluded !== 0 ? 'included' : market.taxMode
  if (!Array.isArray(o.lines) || o.lines.length === 0) throw new Error('"lines" must be a non-empty list')
  const sizes = new Map(catalog.products.flatMap((p) => p.variants.flatMap((v) => v.sizes.map((s) => [s.sku, { p, v, s }] as const))))
  const lines: SimOrderLine[] = o.lines.map((rawLine, j) => {
    const l = obj(rawLine)
    if (!l) throw new Error(`lines[${j}] is not an object`)
    if (typeof l.id !== 'number') throw new Error(`lines[${j}].id must be a number`)
    if (typeof l.quantity !== 'number' || !Number.isInteger(l.quantity) || l.quantity < 0) throw new Error(`lines[${j}].quantity must be a whole number`)
    const kind = KINDS[String(l.__typename ?? 'ProductOrderLine')]
    if (!kind) throw new Error(`lines[${j}] is a ${String(l.__typename)}, which the simulator does not model`)
    const sku = str(obj(l.productSize)?.SKU) ?? ''
    const hit = sizes.get(sku)
    const bundle = hit ? undefined : catalog.bundles.find((b) => b.size.sku === sku)
    const taxPercent = typeof l.taxPercent === 'number' ? String(l.taxPercent) : market.taxRate
    // Price fields default to includingTax: true. The simulator keeps tax-added prices net, so it
    // takes the net aliases Instep selects (unitPriceNet…) or, lacking them, takes the tax back out.
    const price = (field: 'unitPrice' | 'unitOriginalPrice' | 'lineValue'): number | null => {
      if (!obj(l[field])) return null
      if (taxMode === 'included') return minor(l[field], `lines[${j}].${field}`)
      if (obj(l[`${field}Net`])) return minor(l[`${field}Net`], `lines[${j}].${field}Net`)
      const gross = minor(l[field], `lines[${j}].${field}`)
      return new Decimal(gross).mul(100).div(new Decimal(taxPercent).plus(100)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
    }
    const unitPrice = price('unitPrice')
    if (unitPrice === null) throw new Error(`"lines[${j}].unitPrice.value" is missing`)
    const lineValue = price('lineValue') ?? unitPrice * l.quantity
    return {
      id: l.id,
      kind,
      parentLineId: null,
      productId: hit?.p.centraProductId ?? bundle?.centraProductId ?? 0,
      variantId: hit?.v.centraVariantId ?? 0,
      sizeId: hit?.s.centraSizeId ?? bundle?.size.centraSizeId ?? 0,
      productNumber: str(l.productNumber) ?? hit?.p.productNumber ?? '',
      productName: str(l.productName) ?? hit?.p.name ?? '',
      variantName: str(l.productVariantName) ?? hit?.v.name ?? '',
      size: str(l.size) ?? hit?.s.sizeName ?? '',
      sku,
      ean: str(obj(l.productSize)?.EAN) ?? hit?.s.ean ?? '',
      quantity: l.quantity,
      cancelledQuantity: typeof l.cancelledQuantity === 'number' ? l.cancelledQuantity : 0,
      returnedQuantity: 0,
      taxPercent,
      discountPercent: typeof l.discountPercent === 'number' ? l.discountPercent : 0,
      unitPriceMinor: unitPrice,
      unitOriginalPriceMinor: price('unitOriginalPrice') ?? unitPrice,
      lineValueMinor: lineValue,
      lineTaxMinor: taxMode === 'included' ? includedTax(lineValue, taxPercent) : addedTax(lineValue, taxPercent),
    }
  })
  const discounts = Math.abs(minor(totals.discounts, 'totals.discounts', false))
  const shipping = minor(totals.shipping, 'totals.shipping', false)
  const address = obj(o.shippingAddress) ?? {}
  const customer = obj(o.customer) ?? {}
  const email = str(customer.email) ?? str(address.email) ?? `order${number}@example.com`
  return {
    id: str(o.id) ?? orderIdFor(catalog.seed, number),
    number,
    storeType: 'DIRECT_TO_CONSUMER',
    status,
    isOnHold: o.isOnHold === true,
    isLocked: o.isLocked === true,
    orderDate: new Date(orderDateMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    createdAt: new Date(Date.parse(str(o.createdAt) ?? '') || orderDateMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    marketId: market.id,
    currency,
    taxMode,
    taxRate: market.taxRate,
    conversionRate: typeof grand?.conversionRate === 'number' ? String(grand.conversionRate) : cur.rateToBase,
    customer: { id: typeof customer.id === 'number' ? customer.id : 0, email, firstName: str(customer.firstName) ?? str(address.firstName) ?? '', lastName: str(customer.lastName) ?? str(address.lastName) ?? '' },
    shippingAddress: {
      firstName: str(address.firstName) ?? '',
      lastName: str(address.lastName) ?? '',
      address1: str(address.address1) ?? '',
      address2: str(address.address2),
      city: str(address.city) ?? '',
      zipCode: str(address.zipCode) ?? '',
      countryCode: str(obj(address.country)?.code) ?? market.countryCode,
      countryName: str(obj(address.country)?.name) ?? market.name,
      email,
      phoneNumber: str(address.phoneNumber),
    },
    lines,
    vouchers: discounts > 0 ? [{ id: 1, code: 'SEEDED', name: 'Discount from file', type: 'AMOUNT', valueMinor: discounts }] : [],
    totals: {
      lineValuesMinor: obj(totals.lineValues) ? minor(totals.lineValues, 'totals.lineValues') : lines.reduce((a, l) => a + l.lineValueMinor, 0),
      discountsMinor: discounts,
      shippingMinor: shipping,
      handlingMinor: minor(totals.handling, 'totals.handling', false),
      taxIncludedMinor: taxIncluded,
      taxAddedMinor: taxAdded,
      taxDeductedMinor: minor(totals.taxDeducted, 'totals.taxDeducted', false),
      shippingTaxMinor: taxMode === 'included' ? includedTax(shipping, market.taxRate) : addedTax(shipping, market.taxRate),
      grandTotalMinor: minor(o.grandTotal, 'grandTotal'),
    },
    anomalies: [],
  }
}
