/**
 * Deterministic demo catalog shared by the Centra and ERP simulators.
 *
 * Both simulators are seeded from the same catalog so the ERP knows (almost) every Centra
 * size: most ERP items carry the Centra SKU as their number, some only share the GTIN (the
 * mapping must fall back to GTIN), and a few are deliberately missing so the product meets
 * an unmapped SKU the way a real store does.
 */
import { createRng, type Rng } from './rng'

export type TaxMode = 'included' | 'added'

export interface SimCurrency {
  code: string
  /** minor-unit digits, as ISO 4217 defines them (SEK 2, JPY 0, KWD 3) */
  decimals: number
  /** units of base currency (EUR) per one unit of this currency */
  rateToBase: string
}

export interface SimMarket {
  id: number
  name: string
  countryCode: string
  currency: string
  taxMode: TaxMode
  /** standard rate in percent as a decimal string, e.g. "25" or "8.875" */
  taxRate: string
  shippingPriceMinor: number
  /** ERP customer number used for web orders of this market */
  erpCustomerNumber: string
}

export interface SimSize {
  centraSizeId: number
  sizeName: string
  sizeNumber: string
  sku: string
  ean: string
}

export interface SimVariant {
  centraVariantId: number
  variantNumber: string
  name: string
  sizes: SimSize[]
}

export interface SimProduct {
  centraProductId: number
  productNumber: string
  name: string
  brand: string
  /** price in the base pricelist (EUR) in minor units, tax included where the market includes it */
  basePriceMinor: number
  variants: SimVariant[]
}

export interface SimBundle {
  centraProductId: number
  productNumber: string
  name: string
  type: 'FIXED' | 'FLEXIBLE'
  priceType: 'STATIC' | 'DYNAMIC'
  basePriceMinor: number
  /** the bundle's own size (bundles are virtual products with one variant and size) */
  size: SimSize
  sections: { quantity: number; variantIds: number[] }[]
}

export interface SimErpItem {
  number: string
  displayName: string
  gtin: string
  unitPriceMinor: number
  /** Centra SKU this item represents; kept only for simulator bookkeeping */
  sku: string
}

export interface SimWarehouse {
  centraWarehouseId: number
  name: string
  erpLocationCode: string
}

export interface SimCatalog {
  seed: number
  baseCurrency: string
  currencies: SimCurrency[]
  markets: SimMarket[]
  warehouses: SimWarehouse[]
  products: SimProduct[]
  bundles: SimBundle[]
  erpItems: SimErpItem[]
  /** SKUs sold in Centra that the ERP deliberately does not know */
  unmappedSkus: string[]
  /** SKUs whose ERP item number differs from the SKU; only the GTIN links them */
  gtinOnlySkus: string[]
}

export interface CatalogOptions {
  seed: number
  /** number of products (each with 2 variants and 4 sizes); default 12 */
  products?: number
}

const SIZE_NAMES = ['S', 'M', 'L', 'XL']
const COLOURS = [
  ['BLK', 'Black'],
  ['NAV', 'Navy'],
  ['OAT', 'Oat'],
  ['RST', 'Rust'],
] as const
const GARMENTS = ['Tee', 'Hoodie', 'Chino', 'Overshirt', 'Knit', 'Parka', 'Cap', 'Tote', 'Sock', 'Scarf']

export const CURRENCIES: SimCurrency[] = [
  { code: 'EUR', decimals: 2, rateToBase: '1' },
  { code: 'SEK', decimals: 2, rateToBase: '0.0871' },
  { code: 'USD', decimals: 2, rateToBase: '0.9210' },
  { code: 'JPY', decimals: 0, rateToBase: '0.00612' },
  { code: 'KWD', decimals: 3, rateToBase: '2.9870' },
]

export const MARKETS: SimMarket[] = [
  { id: 1, name: 'Sweden', countryCode: 'SE', currency: 'SEK', taxMode: 'included', taxRate: '25', shippingPriceMinor: 4900, erpCustomerNumber: 'WEB-SE' },
  { id: 2, name: 'Germany', countryCode: 'DE', currency: 'EUR', taxMode: 'included', taxRate: '19', shippingPriceMinor: 495, erpCustomerNumber: 'WEB-DE' },
  { id: 3, name: 'United States', countryCode: 'US', currency: 'USD', taxMode: 'added', taxRate: '8.875', shippingPriceMinor: 800, erpCustomerNumber: 'WEB-US' },
  { id: 4, name: 'Japan', countryCode: 'JP', currency: 'JPY', taxMode: 'included', taxRate: '10', shippingPriceMinor: 900, erpCustomerNumber: 'WEB-JP' },
  { id: 5, name: 'Kuwait', countryCode: 'KW', currency: 'KWD', taxMode: 'added', taxRate: '0', shippingPriceMinor: 2500, erpCustomerNumber: 'WEB-KW' },
]

export const WAREHOUSES: SimWarehouse[] = [
  { centraWarehouseId: 1, name: 'Main EU', erpLocationCode: 'MAIN' },
  { centraWarehouseId: 2, name: 'US East', erpLocationCode: 'US-EAST' },
]

/** EAN-13 with a valid check digit, derived from a running number. */
export function ean13(n: number): string {
  const body = `7350000${String(n).padStart(5, '0')}`
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0)
  return body + String((10 - (sum % 10)) % 10)
}

export function generateCatalog(options: CatalogOptions): SimCatalog {
  const rng: Rng = createRng(options.seed)
  const productCount = options.products ?? 12
  let nextSizeId = 1
  let nextVariantId = 1
  let eanCounter = 1
  const products: SimProduct[] = []
  for (let p = 0; p < productCount; p++) {
    const garment = GARMENTS[p % GARMENTS.length]
    const productNumber = `${garment.slice(0, 2).toUpperCase()}${1001 + p}`
    const colours = [COLOURS[p % COLOURS.length], COLOURS[(p + 1) % COLOURS.length]]
    products.push({
      centraProductId: 100 + p,
      productNumber,
      name: `${garment} ${p + 1}`,
      brand: 'Instep Demo',
      basePriceMinor: (rng.int(15, 120) * 100) - 5,
      variants: colours.map(([code, colour]) => ({
        centraVariantId: nextVariantId++,
        variantNumber: code,
        name: colour,
        sizes: SIZE_NAMES.map((sizeName) => ({
          centraSizeId: nextSizeId++,
          sizeName,
          sizeNumber: sizeName,
          sku: `${productNumber}${code}${sizeName}`,
          ean: ean13(eanCounter++),
        })),
      })),
    })
  }

  const first = products[0]
  const second = products[1 % products.length]
  const bundles: SimBundle[] = [
    {
      centraProductId: 900,
      productNumber: 'BN9001',
      name: 'Tee + Hoodie set',
      type: 'FIXED',
      priceType: 'STATIC',
      basePriceMinor: Math.round((first.basePriceMinor + second.basePriceMinor) * 0.8),
      size: { centraSizeId: nextSizeId++, sizeName: 'One Size', sizeNumber: '', sku: 'BN9001', ean: ean13(eanCounter++) },
      sections: [
        { quantity: 1, variantIds: first.variants.map((v) => v.centraVariantId) },
        { quantity: 1, variantIds: second.variants.map((v) => v.centraVariantId) },
      ],
    },
  ]

  const allSizes = products.flatMap((p) => p.variants.flatMap((v) => v.sizes.map((s) => ({ p, s }))))
  // The last size of the last product is the deliberate gap: sold in Centra, unknown to the ERP.
  const unmapped = new Set([allSizes[allSizes.length - 1].s.sku])
  // Every 7th size is known to the ERP under its own item number; only the GTIN links it.
  const gtinOnly = new Set(allSizes.filter((_, i) => i % 7 === 3).map(({ s }) => s.sku))
  const erpItems: SimErpItem[] = allSizes
    .filter(({ s }) => !unmapped.has(s.sku))
    .map(({ p, s }, i) => ({
      number: gtinOnly.has(s.sku) ? `1000-${String(i).padStart(4, '0')}` : s.sku,
      displayName: `${p.name} ${s.sizeName}`,
      gtin: s.ean,
      unitPriceMinor: p.basePriceMinor,
      sku: s.sku,
    }))

  return {
    seed: options.seed,
    baseCurrency: 'EUR',
    currencies: CURRENCIES,
    markets: MARKETS,
    warehouses: WAREHOUSES,
    products,
    bundles,
    erpItems,
    unmappedSkus: [...unmapped],
    gtinOnlySkus: [...gtinOnly],
  }
}
