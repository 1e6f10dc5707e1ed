/**
 * Deterministic Centra orders for the simulators, derived from the demo catalog.
 *
 * Orders are produced one at a time by index (`orderAt(i)`), so a bench scenario of 200 000
 * orders never has to sit in memory: the same seed and index always give the same order, and
 * orderDate never decreases with the index, so a date range maps to an index range.
 *
 * All money is integer minor units of the order currency. The API exposes floats, derived from
 * these integers at the last moment, exactly as Centra's MonetaryValue.value is a Float.
 *
 * Totals law (every generated order obeys it, except the deliberate `totalMismatch` anomaly):
 *   grandTotal = lineValues − discounts + shipping + handling + taxAdded
 * where lineValues are gross (tax included) in tax-included markets and net in tax-added
 * markets, and taxAdded is 0 in tax-included markets.
 */
import { createHash } from 'node:crypto'
import Decimal from 'decimal.js'
import { createRng, type Rng } from './rng'
import type { SimCatalog, SimMarket, SimProduct, SimSize, SimVariant, TaxMode } from './catalog'

export type SimOrderStatus = 'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'ARCHIVED' | 'CANCELLED'
export type SimLineKind = 'product' | 'bundle' | 'bundleItem'
export type SimAnomaly = 'unmappedSku' | 'totalMismatch'

export interface SimOrderLine {
  id: number
  kind: SimLineKind
  /** for bundle items: the id of the bundle line they belong to */
  parentLineId: number | null
  productId: number
  variantId: number
  sizeId: number
  productNumber: string
  productName: string
  variantName: string
  size: string
  sku: string
  ean: string
  quantity: number
  cancelledQuantity: number
  returnedQuantity: number
  taxPercent: string
  discountPercent: number
  /** prices as the market's pricelist states them: gross when tax is included, net when added */
  unitPriceMinor: number
  unitOriginalPriceMinor: number
  /** unitPrice × quantity */
  lineValueMinor: number
  /** tax on lineValue: contained in it (included) or on top of it (added); half-up rounding */
  lineTaxMinor: number
}

export interface SimVoucher {
  id: number
  code: string
  name: string
  type: string
  valueMinor: number
}

export interface SimOrderTotals {
  lineValuesMinor: number
  discountsMinor: number
  shippingMinor: number
  handlingMinor: number
  taxIncludedMinor: number
  taxAddedMinor: number
  taxDeductedMinor: number
  shippingTaxMinor: number
  grandTotalMinor: number
}

export interface SimCustomer {
  id: number
  email: string
  firstName: string
  lastName: string
}

export interface SimAddress {
  firstName: string
  lastName: string
  address1: string
  address2: string | null
  city: string
  zipCode: string
  countryCode: string
  countryName: string
  email: string
  phoneNumber: string | null
}

export interface SimOrder {
  /** 32-character hex hash, as Centra's order id */
  id: string
  number: number
  storeType: 'DIRECT_TO_CONSUMER'
  status: SimOrderStatus
  isOnHold: boolean
  isLocked: boolean
  orderDate: string
  createdAt: string
  marketId: number
  currency: string
  taxMode: TaxMode
  /** standard rate of the market in percent, as a decimal string */
  taxRate: string
  /** units of base currency per unit of order currency (base = value × rate) */
  conversionRate: string
  customer: SimCustomer
  shippingAddress: SimAddress
  lines: SimOrderLine[]
  vouchers: SimVoucher[]
  totals: SimOrderTotals
  anomalies: SimAnomaly[]
}

export interface OrderScenarioOptions {
  catalog: SimCatalog
  seed: number
  count: number
  /** ISO date-times; orders are spread evenly over [from, to) */
  from: string
  to: string
  /** number of the first order; default 1001 */
  startNumber?: number
  /** every Nth order (1-based: orders N, 2N, …) sells a SKU the ERP does not know; 0 = never */
  unmappedSkuEvery?: number
  /** every Nth order has lines that do not sum to its totals; 0 = never */
  totalMismatchEvery?: number
  /** share of orders carrying the bundle; default 0.08 */
  bundleRate?: number
  /** share of orders with a voucher; default 0.15 */
  voucherRate?: number
  /** share of orders with a partly cancelled line; default 0.06 */
  cancelledLineRate?: number
}

export interface OrderGenerator {
  readonly count: number
  readonly startNumber: number
  /** the i-th order (0-based); `orderDate` overrides the date (orders appended later) */
  orderAt(i: number, orderDate?: string): SimOrder
  /** orderDate of the i-th order without building it, for binary search over dates */
  dateAt(i: number): string
  [Symbol.iterator](): Iterator<SimOrder>
}

const FIRST_NAMES = ['Alva', 'Noah', 'Elsa', 'Liam', 'Maja', 'Hugo', 'Yuki', 'Emma', 'Omar', 'Sara', 'Lena', 'Kenji']
const LAST_NAMES = ['Berg', 'Schmidt', 'Smith', 'Tanaka', 'Lind', 'Weber', 'Ali', 'Sato', 'Jones', 'Nilsson']
const CITIES: Record<string, [string, string, string][]> = {
  SE: [['Stockholm', '111 22', 'Sweden'], ['Göteborg', '411 05', 'Sweden']],
  DE: [['Berlin', '10115', 'Germany'], ['München', '80331', 'Germany']],
  US: [['New York', '10001', 'United States'], ['Portland', '97201', 'United States']],
  JP: [['Tokyo', '100-0001', 'Japan'], ['Osaka', '530-0001', 'Japan']],
  KW: [['Kuwait City', '13001', 'Kuwait'], ['Hawalli', '32001', 'Kuwait']],
}

/** Integer minor units × a decimal rate, rounded half away from zero (the rule used throughout). */
function roundHalfUp(d: Decimal): number {
  return d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

/** A percent string as an exact fraction: "8.875" → 8875 / 1000. Cached: a handful of rates recur. */
const rateCache = new Map<string, { num: number; scale: number }>()
function rateFraction(ratePercent: string): { num: number; scale: number } {
  let r = rateCache.get(ratePercent)
  if (!r) {
    const [whole, frac = ''] = ratePercent.split('.')
    r = { num: Number(whole + frac), scale: 10 ** frac.length }
    if (!Number.isSafeInteger(r.num)) throw new RangeError(`Tax rate ${ratePercent} is not a plain decimal`)
    rateCache.set(ratePercent, r)
  }
  return r
}

/** minor × num / den rounded half away from zero, in integers (Decimal only if it would overflow). */
function mulDivHalfUp(minor: number, num: number, den: number): number {
  const product = minor * num
  if (!Number.isSafeInteger(product)) return roundHalfUp(new Decimal(minor).mul(num).div(den))
  const abs = Math.abs(product)
  let q = Math.floor(abs / den)
  if (2 * (abs - q * den) >= den) q++
  return product < 0 ? -q : q
}

/** Tax contained in a gross amount: gross × r / (100 + r). */
export function includedTax(grossMinor: number, ratePercent: string): number {
  const { num, scale } = rateFraction(ratePercent)
  return mulDivHalfUp(grossMinor, num, 100 * scale + num)
}

/** Tax added on top of a net amount: net × r / 100. */
export function addedTax(netMinor: number, ratePercent: string): number {
  const { num, scale } = rateFraction(ratePercent)
  return mulDivHalfUp(netMinor, num, 100 * scale)
}

/**
 * Splits `total` over `weights` so the parts sum exactly to `total` (largest remainder method):
 * bundle component prices and voucher shares must never lose or invent a cent.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0))
  const raw = weights.map((w) => (total * w) / sum)
  const parts = raw.map(Math.floor)
  let rest = total - parts.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].i]++
  return parts
}

/** Mixes seed and index so neighbouring orders get unrelated random streams. */
function mix(seed: number, i: number, salt: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

export function orderIdFor(seed: number, number: number): string {
  return createHash('sha256').update(`centra-order:${seed}:${number}`).digest('hex').slice(0, 32)
}

/** The catalog's EUR price as a price in the market currency, rounded to a whole unit like real pricelists. */
export function marketPriceMinor(catalog: SimCatalog, market: SimMarket, basePriceMinor: number): number {
  const currency = catalog.currencies.find((c) => c.code === market.currency)
  if (!currency) throw new Error(`Market ${market.name} uses unknown currency ${market.currency}`)
  const major = new Decimal(basePriceMinor).div(100).div(currency.rateToBase)
  // JPY prices end in a round ten, others on a whole unit; then back to minor units.
  const step = currency.decimals === 0 ? 10 : 1
  const whole = Math.max(step, major.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() * step)
  return whole * 10 ** currency.decimals
}

export function createOrderGenerator(options: OrderScenarioOptions): OrderGenerator {
  const { catalog, seed, count } = options
  const startNumber = options.startNumber ?? 1001
  const fromMs = Date.parse(options.from)
  const toMs = Date.parse(options.to)
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
    throw new Error(`Order date range ${options.from} … ${options.to} is not a valid range`)
  }
  const unmappedSet = new Set(catalog.unmappedSkus)
  const sellable: { product: SimProduct; variant: SimVariant; size: SimSize }[] = []
  const unmappedSizes: typeof sellable = []
  for (const product of catalog.products)
    for (const variant of product.variants)
      for (const size of variant.sizes) (unmappedSet.has(size.sku) ? unmappedSizes : sellable).push({ product, variant, size })
  const variantById = new Map<number, { product: SimProduct; variant: SimVariant }>()
  for (const product of catalog.products) for (const variant of product.variants) variantById.set(variant.centraVariantId, { product, variant })

  const slot = count > 0 ? (toMs - fromMs) / count : 0
  const dateMsAt = (i: number): number => {
    // One slot per order, a random point inside it: spread out, yet never decreasing with i.
    const jitter = createRng(mix(seed, i, 1)).next()
    return Math.floor(fromMs + (i + jitter) * slot)
  }

  function buildOrder(i: number, orderDate?: string): SimOrder {
    const rng: Rng = createRng(mix(seed, i, 2))
    const number = startNumber + i
    const market = catalog.markets[rng.int(0, catalog.markets.length - 1)]
    const currency = catalog.currencies.find((c) => c.code === market.currency)!
    const dateMs = orderDate ? Date.parse(orderDate) : dateMsAt(i)
    const date = new Date(dateMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const ageDays = (toMs - dateMs) / 86_400_000
    const lines: SimOrderLine[] = []
    let lineId = number * 10
    const anomalies: SimAnomaly[] = []

    const pushProductLine = (
      pick: { product: SimProduct; variant: SimVariant; size: SimSize },
      kind: SimLineKind,
      quantity: number,
      unitOriginal: number,
      unitPrice: number,
      parentLineId: number | null,
    ): SimOrderLine => {
      const line: SimOrderLine = {
        id: ++lineId,
        kind,
        parentLineId,
        productId: pick.product.centraProductId,
        variantId: pick.variant.centraVariantId,
        sizeId: pick.size.centraSizeId,
        productNumber: pick.product.productNumber,
        productName: pick.product.name,
        variantName: pick.variant.name,
        size: pick.size.sizeName,
        sku: pick.size.sku,
        ean: pick.size.ean,
        quantity,
        cancelledQuantity: 0,
        returnedQuantity: 0,
        taxPercent: market.taxRate,
        discountPercent: unitOriginal > 0 ? Math.round((1 - unitPrice / unitOriginal) * 100) : 0,
        unitPriceMinor: unitPrice,
        unitOriginalPriceMinor: unitOriginal,
        lineValueMinor: 0,
        lineTaxMinor: 0,
      }
      lines.push(line)
      return line
    }

    const lineCount = rng.int(1, 3)
    for (let k = 0; k < lineCount; k++) {
      const pick = sellable[rng.int(0, sellable.length - 1)]
      const original = marketPriceMinor(catalog, market, pick.product.basePriceMinor)
      const discounted = rng.chance(0.2) ? roundHalfUp(new Decimal(original).mul(100 - rng.pick([10, 20, 30])).div(100)) : original
      pushProductLine(pick, 'product', rng.chance(0.8) ? 1 : rng.int(2, 4), original, discounted, null)
    }

    const unmappedEvery = options.unmappedSkuEvery ?? 0
    if (unmappedEvery > 0 && unmappedSizes.length > 0 && (i + 1) % unmappedEvery === 0) {
      const pick = unmappedSizes[i % unmappedSizes.length]
      const price = marketPriceMinor(catalog, market, pick.product.basePriceMinor)
      pushProductLine(pick, 'product', 1, price, price, null)
      anomalies.push('unmappedSku')
    }

    const bundle = catalog.bundles[0]
    if (bundle && rng.chance(options.bundleRate ?? 0.08)) {
      const bundlePrice = marketPriceMinor(catalog, market, bundle.basePriceMinor)
      const quantity = 1
      // REST-style presentation (the GraphQL split is undocumented): the bundle line shows the
      // bundle price as its original price and charges 0; its items carry the money, pro-rated
      // by their own list prices so they add up to the bundle price exactly.
      const parent: SimOrderLine = {
        id: ++lineId,
        kind: 'bundle',
        parentLineId: null,
        productId: bundle.centraProductId,
        variantId: bundle.centraProductId * 10,
        sizeId: bundle.size.centraSizeId,
        productNumber: bundle.productNumber,
        productName: bundle.name,
        variantName: bundle.name,
        size: bundle.size.sizeName,
        sku: bundle.size.sku,
        ean: bundle.size.ean,
        quantity,
        cancelledQuantity: 0,
        returnedQuantity: 0,
        taxPercent: market.taxRate,
        discountPercent: 0,
        unitPriceMinor: 0,
        unitOriginalPriceMinor: bundlePrice,
        lineValueMinor: 0,
        lineTaxMinor: 0,
      }
      lines.push(parent)
      const picks = bundle.sections.map((section) => {
        const { product, variant } = variantById.get(section.variantIds[rng.int(0, section.variantIds.length - 1)])!
        const size = variant.sizes.find((s) => !unmappedSet.has(s.sku)) ?? variant.sizes[0]
        return { product, variant, size, listPrice: marketPriceMinor(catalog, market, product.basePriceMinor), sectionQty: section.quantity }
      })
      const shares = allocate(bundlePrice, picks.map((p) => p.listPrice * p.sectionQty))
      picks.forEach((p, k) => {
        // Unit price per component = its share of one bundle, split over the section quantity.
        const unit = Math.floor(shares[k] / p.sectionQty)
        const line = pushProductLine(p, 'bundleItem', quantity * p.sectionQty, p.listPrice, unit, parent.id)
        // A share that does not divide by the section quantity is kept exact on the line value.
        line.lineValueMinor = shares[k] * quantity - unit * p.sectionQty * quantity
      })
    }

    // Cancel units on one line now and then (Centra lowers quantity and counts cancelledQuantity).
    if (rng.chance(options.cancelledLineRate ?? 0.06)) {
      // Never the unmapped-SKU line: that anomaly must stay visible to the posting step.
      const candidates = lines.filter((l) => l.kind === 'product' && !unmappedSet.has(l.sku))
      const line = candidates[rng.int(0, candidates.length - 1)]
      const cancel = line.quantity > 1 ? rng.int(1, line.quantity - 1) : lines.length > 1 && rng.chance(0.3) ? 1 : 0
      line.quantity -= cancel
      line.cancelledQuantity += cancel
    }

    for (const line of lines) {
      // For bundle items lineValueMinor holds the indivisible remainder set above (usually 0).
      line.lineValueMinor = line.unitPriceMinor * line.quantity + (line.kind === 'bundleItem' ? line.lineValueMinor : 0)
      line.lineTaxMinor = market.taxMode === 'included' ? includedTax(line.lineValueMinor, line.taxPercent) : addedTax(line.lineValueMinor, line.taxPercent)
    }

    const lineValues = lines.reduce((a, l) => a + l.lineValueMinor, 0)
    const vouchers: SimVoucher[] = []
    if (lineValues > 0 && rng.chance(options.voucherRate ?? 0.15)) {
      const pct = rng.pick([5, 10, 15])
      vouchers.push({ id: 70 + pct, code: `SAVE${pct}`, name: `${pct} % off`, type: 'PERCENT', valueMinor: roundHalfUp(new Decimal(lineValues).mul(pct).div(100)) })
    }
    const discounts = vouchers.reduce((a, v) => a + v.valueMinor, 0)
    const freeShipping = lineValues - discounts >= marketPriceMinor(catalog, market, 15000)
    const shipping = freeShipping ? 0 : market.shippingPriceMinor
    const handling = 0
    const taxOf = (minor: number) => (market.taxMode === 'included' ? includedTax(minor, market.taxRate) : addedTax(minor, market.taxRate))
    const shippingTax = taxOf(shipping)
    // Tax follows the money: line taxes, minus the tax share of the voucher, plus shipping tax.
    const tax = lines.reduce((a, l) => a + l.lineTaxMinor, 0) - taxOf(discounts) + shippingTax
    const taxIncluded = market.taxMode === 'included' ? tax : 0
    const taxAdded = market.taxMode === 'added' ? tax : 0
    let grandTotal = lineValues - discounts + shipping + handling + taxAdded
    let lineValuesTotal = lineValues

    const mismatchEvery = options.totalMismatchEvery ?? 0
    if (mismatchEvery > 0 && (i + 1) % mismatchEvery === 0) {
      // The order's totals claim one unit more than its lines hold: what a reconciliation must catch.
      const delta = 10 ** currency.decimals
      lineValuesTotal += delta
      grandTotal += delta
      anomalies.push('totalMismatch')
    }

    const status: SimOrderStatus = rng.chance(0.03)
      ? 'CANCELLED'
      : ageDays > 14
        ? rng.chance(0.9) ? 'SHIPPED' : 'PROCESSING'
        : ageDays > 3
          ? rng.pick(['CONFIRMED', 'PROCESSING', 'SHIPPED'] as const)
          : rng.pick(['PENDING', 'CONFIRMED'] as const)

    const firstName = rng.pick(FIRST_NAMES)
    const lastName = rng.pick(LAST_NAMES)
    const email = `${firstName}.${lastName}.${number}@example.com`.toLowerCase()
    const [city, zipCode, countryName] = rng.pick(CITIES[market.countryCode] ?? [['City', '00000', market.name]])
    return {
      id: orderIdFor(seed, number),
      number,
      storeType: 'DIRECT_TO_CONSUMER',
      status,
      isOnHold: false,
      isLocked: false,
      orderDate: date,
      createdAt: date,
      marketId: market.id,
      currency: market.currency,
      taxMode: market.taxMode,
      taxRate: market.taxRate,
      conversionRate: currency.rateToBase,
      customer: { id: 5000 + (number % 997), email, firstName, lastName },
      shippingAddress: {
        firstName,
        lastName,
        address1: `${rng.int(1, 99)} Demo Street`,
        address2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : null,
        city,
        zipCode,
        countryCode: market.countryCode,
        countryName,
        email,
        phoneNumber: rng.chance(0.7) ? `+${rng.int(10, 99)}${rng.int(1000000, 9999999)}` : null,
      },
      lines,
      vouchers,
      totals: {
        lineValuesMinor: lineValuesTotal,
        discountsMinor: discounts,
        shippingMinor: shipping,
        handlingMinor: handling,
        taxIncludedMinor: taxIncluded,
        taxAddedMinor: taxAdded,
        taxDeductedMinor: 0,
        shippingTaxMinor: shippingTax,
        grandTotalMinor: grandTotal,
      },
      anomalies,
    }
  }

  return {
    count,
    startNumber,
    orderAt(i, orderDate) {
      if (!Number.isInteger(i) || i < 0) throw new RangeError(`Order index ${i} is not a non-negative integer`)
      return buildOrder(i, orderDate)
    },
    dateAt(i) {
      return new Date(dateMsAt(i)).toISOString().replace(/\.\d{3}Z$/, 'Z')
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) yield buildOrder(i)
    },
  }
}

/** All orders at once, for small scenarios and tests. Use `createOrderGenerator` for large ones. */
export function generateOrders(options: OrderScenarioOptions): SimOrder[] {
  return [...createOrderGenerator(options)]
}

/**
 * Recomputes line values, line tax and totals after an edit (cancelled units, lowered shipping),
 * by the same rules the generator used. A deliberate total mismatch keeps its difference, and a
 * voucher never discounts more than what is left.
 */
export function recomputeOrder(order: SimOrder): void {
  const before = order.lines.reduce((a, l) => a + l.lineValueMinor, 0)
  const mismatch = order.totals.lineValuesMinor - before
  const taxOf = (minor: number) => (order.taxMode === 'included' ? includedTax(minor, order.taxRate) : addedTax(minor, order.taxRate))
  for (const line of order.lines) {
    // Catalog bundle sections hold one unit, so a component's value is always unit × quantity.
    line.lineValueMinor = line.unitPriceMinor * line.quantity
    line.lineTaxMinor = taxOf(line.lineValueMinor)
  }
  const lineValues = order.lines.reduce((a, l) => a + l.lineValueMinor, 0)
  for (const v of order.vouchers) v.valueMinor = Math.min(v.valueMinor, lineValues)
  const discounts = order.vouchers.reduce((a, v) => a + v.valueMinor, 0)
  const t = order.totals
  t.shippingTaxMinor = taxOf(t.shippingMinor)
  const tax = order.lines.reduce((a, l) => a + l.lineTaxMinor, 0) - taxOf(discounts) + t.shippingTaxMinor
  t.discountsMinor = discounts
  t.taxIncludedMinor = order.taxMode === 'included' ? tax : 0
  t.taxAddedMinor = order.taxMode === 'added' ? tax : 0
  t.lineValuesMinor = lineValues + mismatch
  t.grandTotalMinor = lineValues - discounts + t.shippingMinor + t.handlingMinor + t.taxAddedMinor + mismatch
}
