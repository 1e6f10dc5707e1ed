/**
 * Turns the simulator's records into objects graphql-js can resolve against the Centra schema:
 * plain properties for plain fields, functions for fields with arguments (graphql-js calls
 * them with the arguments), and `__typename` to pick the implementation of an interface.
 */
import { GraphQLError } from 'graphql'
import type { SimBundle, SimCatalog, SimMarket, SimProduct, SimVariant } from '../scenario/catalog'
import { addedTax, includedTax, type SimOrder, type SimOrderLine } from '../scenario/orders'
import type { SimShipment } from './fulfilment'
import type { StockBook } from './stock'

/**
 * The permissions a request used. With a restricted token, using one it lacks fails that field
 * the way Centra does: an `errors` entry with category "authorization", the field null.
 */
export class PermissionSet extends Set<string> {
  constructor(private readonly granted: ReadonlySet<string> | null = null) {
    super()
  }

  override add(permission: string): this {
    if (this.granted && !this.granted.has(permission)) {
      throw new GraphQLError(`You need ${permission} permission to access this field.`, { extensions: { category: 'authorization' } })
    }
    return super.add(permission)
  }
}

export interface SimContext {
  catalog: SimCatalog
  permissions: Set<string>
  /** stock levels, when the caller has them (the running simulator does) */
  stock?: StockBook
  /** an order's returns as views, when the caller has them (the running simulator does) */
  returnsOf?: (order: SimOrder) => Record<string, unknown>[]
}

const DEFAULT_FORMAT = 'Y-m-d\\TH:i:sP'

/**
 * A small subset of PHP's date(): Centra's date fields take a PHP format string. Times are
 * given in UTC (+00:00), which every ISO parser reads correctly.
 */
export function formatDate(iso: string, format: string | null | undefined = DEFAULT_FORMAT): string {
  const d = new Date(iso)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const tokens: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    m: () => pad(d.getUTCMonth() + 1),
    d: () => pad(d.getUTCDate()),
    H: () => pad(d.getUTCHours()),
    i: () => pad(d.getUTCMinutes()),
    s: () => pad(d.getUTCSeconds()),
    P: () => '+00:00',
    O: () => '+0000',
    U: () => String(Math.floor(d.getTime() / 1000)),
    c: () => `${tokens.Y()}-${tokens.m()}-${tokens.d()}T${tokens.H()}:${tokens.i()}:${tokens.s()}+00:00`,
  }
  let out = ''
  const f = format ?? DEFAULT_FORMAT
  for (let k = 0; k < f.length; k++) {
    const ch = f[k]
    if (ch === '\\' && k + 1 < f.length) out += f[++k]
    else out += tokens[ch] ? tokens[ch]() : ch
  }
  return out
}

/** Per-catalog lookups, built once: views are made for every order of every page. */
const lookups = new WeakMap<SimCatalog, { currencies: Map<string, { id: number; decimals: number }>; variants: Map<number, { product: SimProduct; variant: SimVariant }> }>()
function lookupsOf(catalog: SimCatalog) {
  let l = lookups.get(catalog)
  if (!l) {
    l = {
      currencies: new Map(catalog.currencies.map((c, i) => [c.code, { id: i + 1, decimals: c.decimals }])),
      variants: new Map(catalog.products.flatMap((product) => product.variants.map((variant) => [variant.centraVariantId, { product, variant }] as const))),
    }
    lookups.set(catalog, l)
  }
  return l
}

export function currencyView(catalog: SimCatalog, code: string) {
  return { id: lookupsOf(catalog).currencies.get(code)?.id ?? 0, code }
}

/** Minor units as a decimal string with the currency's digits, in integer arithmetic. */
function minorText(minor: number, decimals: number): string {
  const sign = minor < 0 ? '-' : ''
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0')
  return decimals === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}

/** Centra's MonetaryValue: a Float value derived from exact minor units. */
export function moneyView(catalog: SimCatalog, minor: number, currency: string, conversionRate: string) {
  const decimals = lookupsOf(catalog).currencies.get(currency)?.decimals ?? 2
  const text = minorText(minor, decimals)
  return {
    value: Number(text),
    currency: currencyView(catalog, currency),
    formattedValue: `${text} ${currency}`,
    conversionRate: Number(conversionRate),
  }
}

function marketOf(catalog: SimCatalog, id: number): SimMarket | undefined {
  return catalog.markets.find((m) => m.id === id)
}

export function productView(catalog: SimCatalog, product: SimProduct) {
  return {
    id: product.centraProductId,
    name: product.name,
    status: 'ACTIVE',
    productNumber: product.productNumber,
    isBundle: false,
    brand: { id: 1, name: product.brand },
    variants: () => product.variants.map((v) => variantView(catalog, product, v)),
    createdAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
    updatedAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
  }
}

/** A bundle as the catalog knows it: a virtual product whose sections list the variants to choose from. */
export function bundleView(catalog: SimCatalog, bundle: SimBundle) {
  const variants = catalog.products.flatMap((p) => p.variants.map((v) => ({ p, v })))
  return {
    id: bundle.centraProductId,
    type: bundle.type,
    priceType: bundle.priceType,
    product: {
      id: bundle.centraProductId,
      name: bundle.name,
      status: 'ACTIVE',
      productNumber: bundle.productNumber,
      isBundle: true,
      brand: null,
      variants: [],
      createdAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
      updatedAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
    },
    sections: bundle.sections.map((section, i) => ({
      id: bundle.centraProductId * 10 + i,
      quantity: section.quantity,
      productVariants: () =>
        variants.filter(({ v }) => section.variantIds.includes(v.centraVariantId)).map(({ p, v }) => variantView(catalog, p, v)),
    })),
  }
}

export function variantView(catalog: SimCatalog, product: SimProduct, variant: SimVariant): Record<string, unknown> {
  return {
    id: variant.centraVariantId,
    name: variant.name,
    status: 'ACTIVE',
    variantNumber: variant.variantNumber,
    internalName: variant.name,
    product: () => productView(catalog, product),
    productSizes: () => variant.sizes.map((s) => sizeView(catalog, product, variant, s.centraSizeId)),
    unitCost: null,
  }
}

export function sizeView(catalog: SimCatalog, product: SimProduct, variant: SimVariant, sizeId: number): Record<string, unknown> | null {
  const size = variant.sizes.find((s) => s.centraSizeId === sizeId)
  if (!size) return null
  return {
    id: size.centraSizeId,
    SKU: size.sku,
    sizeNumber: size.sizeNumber,
    EAN: size.ean,
    GTIN: size.ean,
    UPC: null,
    description: size.sizeName,
    preorder: false,
    isActive: true,
    size: { id: size.centraSizeId, name: size.sizeName },
    productVariant: () => variantView(catalog, product, variant),
    stockTotals: (_a: unknown, ctx: SimContext) => {
      ctx.permissions.add('ProductSize.stockTotals:read')
      if (!ctx.stock) return null
      const { physical, allocated } = ctx.stock.totals(size.centraSizeId)
      const fta = physical - allocated
      return {
        freeToAllocateQuantity: fta,
        physicalQuantity: physical,
        allocatedQuantity: allocated,
        demandQuantity: 0,
        unshippedQuantity: allocated,
        availableQuantity: fta,
        availableNowQuantity: fta,
        onDeliveryQuantity: 0,
        incomingQuantity: 0,
        linkedIncomingQuantity: 0,
        unlinkedIncomingQuantity: 0,
      }
    },
  }
}

function bundleProductView(bundle: SimBundle) {
  return {
    id: bundle.centraProductId,
    name: bundle.name,
    status: 'ACTIVE',
    productNumber: bundle.productNumber,
    isBundle: true,
    brand: { id: 1, name: 'Instep Demo' },
    variants: [],
    createdAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
    updatedAt: (a: { format?: string }) => formatDate('2026-01-01T00:00:00Z', a.format),
  }
}

function findVariant(catalog: SimCatalog, variantId: number): { product: SimProduct; variant: SimVariant } | null {
  return lookupsOf(catalog).variants.get(variantId) ?? null
}

const LINE_TYPES = { product: 'ProductOrderLine', bundle: 'BundleOrderLine', bundleItem: 'BundleItemOrderLine' } as const

function lineView(catalog: SimCatalog, order: SimOrder, line: SimOrderLine) {
  const money = (minor: number) => moneyView(catalog, minor, order.currency, order.conversionRate)
  const found = findVariant(catalog, line.variantId)
  const bundle = catalog.bundles.find((b) => b.centraProductId === line.productId)
  // Gross and net of a per-unit price: tax inside the price (included) or on top (added).
  const unit = (minor: number, includingTax: boolean) => {
    if (order.taxMode === 'included') return includingTax ? minor : minor - includedTax(minor, line.taxPercent)
    return includingTax ? minor + addedTax(minor, line.taxPercent) : minor
  }
  const lineValue = (includingTax: boolean) => {
    if (order.taxMode === 'included') return includingTax ? line.lineValueMinor : line.lineValueMinor - line.lineTaxMinor
    return includingTax ? line.lineValueMinor + line.lineTaxMinor : line.lineValueMinor
  }
  return {
    __typename: LINE_TYPES[line.kind],
    id: line.id,
    productName: line.productName,
    productVariantName: line.variantName,
    productNumber: line.productNumber,
    size: line.size,
    comment: null,
    product: () => (found ? productView(catalog, found.product) : bundle ? bundleProductView(bundle) : null),
    productVariant: () => (found ? variantView(catalog, found.product, found.variant) : null),
    productSize: () => {
      if (found) return sizeView(catalog, found.product, found.variant, line.sizeId)
      if (bundle) return { id: bundle.size.centraSizeId, SKU: bundle.size.sku, sizeNumber: bundle.size.sizeNumber, EAN: bundle.size.ean, GTIN: bundle.size.ean, UPC: null, description: bundle.size.sizeName, preorder: false, isActive: true, size: null, productVariant: null, stockTotals: null }
      // A size the catalog does not hold (orders seeded from a file) still shows what the order recorded.
      if (line.sku) return { id: line.sizeId, SKU: line.sku, sizeNumber: null, EAN: line.ean || null, GTIN: line.ean || null, UPC: null, description: line.size, preorder: false, isActive: true, size: null, productVariant: null, stockTotals: null }
      return null
    },
    brand: { id: 1, name: found?.product.brand ?? 'Instep Demo' },
    quantity: line.quantity,
    cancelledQuantity: line.cancelledQuantity,
    returnedQuantity: line.returnedQuantity,
    taxPercent: Number(line.taxPercent),
    discountPercent: line.discountPercent,
    hasAnyDiscount: line.unitPriceMinor < line.unitOriginalPriceMinor && line.kind !== 'bundle',
    unitOriginalPrice: (a: { includingTax: boolean }) => money(unit(line.unitOriginalPriceMinor, a.includingTax)),
    unitPrice: (a: { includingTax: boolean }) => money(unit(line.unitPriceMinor, a.includingTax)),
    lineValue: (a: { includingTax: boolean }) => money(lineValue(a.includingTax)),
    allocations: [],
  }
}

function addressView(order: SimOrder) {
  const a = order.shippingAddress
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    companyName: null,
    attention: null,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    zipCode: a.zipCode,
    stateOrProvince: null,
    country: { id: a.countryCode.charCodeAt(0) * 100 + a.countryCode.charCodeAt(1), name: a.countryName, code: a.countryCode },
    state: null,
    email: a.email,
    phoneNumber: a.phoneNumber,
    cellPhoneNumber: null,
    faxNumber: null,
    vatNumber: null,
  }
}

export function orderView(catalog: SimCatalog, order: SimOrder) {
  const money = (minor: number) => moneyView(catalog, minor, order.currency, order.conversionRate)
  const market = marketOf(catalog, order.marketId)
  const t = order.totals
  const withPermission = <T>(permission: string, value: T) => (_args: unknown, ctx: SimContext) => {
    ctx.permissions.add(permission)
    return value
  }
  return {
    __typename: 'DirectToConsumerOrder',
    id: order.id,
    number: order.number,
    status: order.status,
    isOnHold: order.isOnHold,
    isLocked: order.isLocked,
    store: { id: 1, name: 'Instep Demo Store', type: order.storeType },
    market: market ? { id: market.id, name: market.name } : null,
    pricelist: market ? { id: market.id, name: `${market.name} ${market.currency}`, currency: currencyView(catalog, market.currency) } : null,
    createdAt: (a: { format?: string }) => formatDate(order.createdAt, a.format),
    orderDate: (a: { format?: string }) => formatDate(order.orderDate, a.format),
    grandTotal: (a: { includingTax: boolean }) => money(a.includingTax ? t.grandTotalMinor : t.grandTotalMinor - t.taxIncludedMinor - t.taxAddedMinor),
    totals: {
      quantity: order.lines.reduce((n, l) => n + l.quantity, 0),
      originalQuantity: order.lines.reduce((n, l) => n + l.quantity + l.cancelledQuantity, 0),
      cancelledQuantity: order.lines.reduce((n, l) => n + l.cancelledQuantity, 0),
      unexpeditedQuantity: order.status === 'SHIPPED' ? 0 : order.lines.reduce((n, l) => n + l.quantity, 0),
      lineValues: money(t.lineValuesMinor),
      discounts: money(t.discountsMinor),
      shipping: money(t.shippingMinor),
      handling: money(t.handlingMinor),
      taxIncluded: money(t.taxIncludedMinor),
      taxAdded: money(t.taxAddedMinor),
      taxDeducted: money(t.taxDeductedMinor),
      shippingTaxIncluded: money(order.taxMode === 'included' ? t.shippingTaxMinor : 0),
      shippingTaxAdded: money(order.taxMode === 'added' ? t.shippingTaxMinor : 0),
      shippingTaxDeducted: money(0),
    },
    lines: (a: { includeFullyCancelled?: boolean | null }) =>
      // Centra hides fully cancelled lines unless asked for them.
      order.lines.filter((l) => a.includeFullyCancelled || l.quantity > 0).map((l) => lineView(catalog, order, l)),
    discountsApplied: order.vouchers.map((v) => ({
      __typename: 'AppliedDiscount',
      value: money(v.valueMinor),
      date: formatDate(order.orderDate),
      discount: { id: v.id, name: v.name, code: v.code, type: v.type },
    })),
    shippingPriceGroup: { shippingOption: { id: 1, name: 'Standard', uri: 'standard' } },
    shippingAddress: withPermission('Order.shippingAddress:read', addressView(order)),
    billingAddress: withPermission('Order.billingAddress:read', addressView(order)),
    internalComment: withPermission('Order.internalComment:read', null),
    paymentMethod: { uri: 'adyen-drop-in', plugin: 'adyen' },
    paymentHistory: [],
    customer: withPermission('Customer:read', order.customer),
    returns: (_a: unknown, ctx: SimContext) => {
      ctx.permissions.add('Return:read')
      return ctx.returnsOf?.(order) ?? []
    },
  }
}

/** Gross or net value of `quantity` units of an order line (per-unit tax rule of the order). */
function unitsValue(order: SimOrder, line: SimOrderLine, quantity: number, includingTax: boolean): number {
  const value = line.unitPriceMinor * quantity
  if (order.taxMode === 'included') return includingTax ? value : value - includedTax(value, line.taxPercent)
  return includingTax ? value + addedTax(value, line.taxPercent) : value
}

export function shipmentView(catalog: SimCatalog, shipment: SimShipment, order: SimOrder): Record<string, unknown> {
  const money = (minor: number) => moneyView(catalog, minor, order.currency, order.conversionRate)
  const lineById = new Map(order.lines.map((l) => [l.id, l]))
  const shippingGross = order.taxMode === 'added' ? shipment.shippingMinor + addedTax(shipment.shippingMinor, order.taxRate) : shipment.shippingMinor
  const shippingNet = order.taxMode === 'included' ? shipment.shippingMinor - includedTax(shipment.shippingMinor, order.taxRate) : shipment.shippingMinor
  const total = (includingTax: boolean) =>
    shipment.lines.reduce((a, l) => a + unitsValue(order, lineById.get(l.orderLineId)!, l.quantity, includingTax), 0) + (includingTax ? shippingGross : shippingNet)
  const date = (v: string | null) => (a: { format?: string }) => (v ? formatDate(v, a?.format) : null)
  return {
    __typename: 'DirectToConsumerShipment',
    id: shipment.id,
    number: shipment.number,
    order: () => orderView(catalog, order),
    createdAt: date(shipment.createdAt),
    updatedAt: date(shipment.updatedAt),
    isGoodToGo: shipment.isGoodToGo,
    isPaid: shipment.isPaid,
    paidAt: shipment.paidAt ? formatDate(shipment.paidAt) : null,
    isCaptured: shipment.isCaptured,
    capturedAt: shipment.capturedAt ? formatDate(shipment.capturedAt) : null,
    isShipped: shipment.isShipped,
    shippedAt: shipment.shippedAt ? formatDate(shipment.shippedAt) : null,
    additionalMessage: shipment.additionalMessage,
    numberOfPackages: shipment.numberOfPackages,
    trackingNumber: shipment.trackingNumber,
    returnTrackingNumber: shipment.returnTrackingNumber,
    internalShippingCost: shipment.internalShippingCostMinor === null ? null : money(shipment.internalShippingCostMinor),
    grandTotal: (a: { includingTax: boolean }) => money(total(a.includingTax)),
    carrierInformation: shipment.carrierName || shipment.serviceName ? { carrierName: shipment.carrierName, serviceName: shipment.serviceName } : null,
    discountsApplied: [],
    lines: shipment.lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      lineValue: (a: { includingTax: boolean }) => money(unitsValue(order, lineById.get(l.orderLineId)!, l.quantity, a.includingTax)),
      orderLine: () => {
        const line = lineById.get(l.orderLineId)
        return line ? lineView(catalog, order, line) : null
      },
    })),
    shippingAddress: (_a: unknown, ctx: SimContext) => {
      ctx.permissions.add('Shipment.shippingAddress:read')
      return addressView(order)
    },
    adminUser: null,
    shipmentPlugin: null,
  }
}
