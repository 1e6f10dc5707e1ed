import { z } from 'zod'
import { method } from './define'
import { IsoDateTime, Page } from './common'

const Sku = z.string().trim().min(1).max(100)
const ItemNumber = z.string().trim().min(1).max(50)
/** an ERP variant code (Business Central: up to 10 characters, stored in upper case) */
const VariantCode = z.string().trim().min(1).max(20)
const Person = z.string().trim().min(1).max(100)

export const MappingOrigin = z.enum(['auto', 'imported', 'manual'])
export const SkuCoverageStatus = z.enum(['mapped', 'unmapped', 'ambiguous'])

export const SkuCoverageRow = z.object({
  sku: z.string(),
  ean: z.string().nullable(),
  productName: z.string().nullable(),
  erpItemNumber: z.string().nullable(),
  /** the ERP variant of the item, when the size is an item + variant in the ERP */
  erpVariantCode: z.string().nullable(),
  erpItemName: z.string().nullable(),
  /** false when the mapped item number is not among the ERP items Instep has read */
  erpItemKnown: z.boolean(),
  origin: MappingOrigin.nullable(),
  status: SkuCoverageStatus,
  /** ERP items sharing the SKU's GTIN when the match is ambiguous */
  candidates: z.array(z.string()),
  orders: z.number().int(),
  units: z.number().int(),
  /** orders with this SKU not yet in the ERP */
  blockedOrders: z.number().int(),
})
export type SkuCoverageRow = z.infer<typeof SkuCoverageRow>

export const ErpItemRow = z.object({ number: z.string(), displayName: z.string(), gtin: z.string().nullable() })

export const SetMappingResult = z.object({
  sku: z.string(),
  erpItemNumber: z.string().nullable(),
  erpVariantCode: z.string().nullable(),
  /** orders with this SKU not yet in the ERP: a retry can post them now */
  ordersToRelease: z.number().int(),
  /** live "SKU has no ERP item" / "matches several" exceptions the change answers — pass to exceptions.retry */
  exceptionIds: z.array(z.number().int()),
})
export type SetMappingResult = z.infer<typeof SetMappingResult>

export const ImportRowOutcome = z.object({
  line: z.number().int(),
  sku: z.string(),
  ean: z.string().nullable(),
  erpItemNumber: z.string(),
  erpVariantCode: z.string().nullable(),
  action: z.enum(['add', 'change', 'unchanged', 'reject']),
  /** the mapping before, as "item" or "item variant CODE" */
  previous: z.string().nullable(),
  reason: z.string().nullable(),
})
export type ImportRowOutcome = z.infer<typeof ImportRowOutcome>

export const ImportPreview = z.object({
  counts: z.object({ add: z.number().int(), change: z.number().int(), unchanged: z.number().int(), reject: z.number().int() }),
  rows: z.array(ImportRowOutcome),
})
export type ImportPreview = z.infer<typeof ImportPreview>

const Csv = z.string().max(20_000_000)

export const WarehouseMapping = z.object({
  centraWarehouse: z.string(),
  erpLocation: z.string(),
  updatedAt: IsoDateTime,
})

export const BundleRow = z.object({
  bundleSku: z.string(),
  productName: z.string().nullable(),
  orders: z.number().int(),
  components: z.array(z.object({ sku: z.string().nullable(), productName: z.string().nullable(), quantityPerBundle: z.number(), erpItemNumber: z.string().nullable() })),
})

export const mappingMethods = {
  'mapping.listSkus': method({
    summary: 'Every Centra SKU seen on order lines with its ERP item (or none), what it sold and how many orders it holds back; filtered and paged in SQL.',
    input: Page.extend({
      status: z.enum(['all', 'unmapped', 'ambiguous', 'mapped']).default('all'),
      search: z.string().trim().max(100).optional(),
    }).strict(),
    output: z.object({
      rows: z.array(SkuCoverageRow),
      total: z.number().int(),
      counts: z.object({ all: z.number().int(), mapped: z.number().int(), unmapped: z.number().int(), ambiguous: z.number().int() }),
    }),
    mutates: false,
  }),
  'mapping.searchItems': method({
    summary: 'ERP items Instep has read, by item number, name or GTIN.',
    input: z.object({ search: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ rows: z.array(ErpItemRow) }),
    mutates: false,
  }),
  'mapping.setSku': method({
    summary:
      'Map a Centra SKU to an ERP item (and optionally one of its variants) by hand; never overwritten by automatic matching. An item or variant the ERP is not known to have needs confirmNewItem.',
    input: z
      .object({
        sku: Sku,
        erpItemNumber: ItemNumber,
        erpVariantCode: VariantCode.nullable().optional(),
        ean: z.string().trim().max(20).nullable().optional(),
        confirmNewItem: z.boolean().default(false),
        actor: Person,
      })
      .strict(),
    output: SetMappingResult,
    mutates: true,
    changes: ['mapping', 'exceptions', 'dashboard'],
  }),
  'mapping.removeSku': method({
    summary: 'Remove the mapping of a SKU; orders with it will wait until it is mapped again (automatic matching may map it again on the next sync).',
    input: z.object({ sku: Sku, actor: Person }).strict(),
    output: z.object({ removed: z.boolean() }),
    mutates: true,
    changes: ['mapping'],
  }),
  'mapping.previewImport': method({
    summary:
      'Dry run of a CSV of sku,ean,erp_item_number[,erp_variant_code]: what would be added, changed, left unchanged or rejected (and why). Changes nothing.',
    input: z.object({ csv: Csv, allowNewItems: z.boolean().default(false) }).strict(),
    output: ImportPreview,
    mutates: false,
  }),
  'mapping.applyImport': method({
    summary: 'Apply a CSV of sku,ean,erp_item_number[,erp_variant_code]: the rows the preview accepts are saved as imported mappings, all together.',
    input: z.object({ csv: Csv, allowNewItems: z.boolean().default(false), actor: Person }).strict(),
    output: z.object({ preview: ImportPreview, ordersToRelease: z.number().int(), exceptionIds: z.array(z.number().int()) }),
    mutates: true,
    changes: ['mapping', 'exceptions', 'dashboard'],
  }),
  'mapping.exportCsv': method({
    summary: 'The current SKU map as CSV (sku,ean,erp_item_number,erp_variant_code,origin).',
    input: z.object({}).strict(),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    mutates: false,
  }),
  'mapping.taxCodes': method({
    summary:
      "Centra tax rate → ERP tax code as set in the workspace settings, with the order lines per rate: for all markets, or for one market (its own code, and the code for all markets it falls back to). Lists the markets orders and settings name.",
    input: z.object({ market: z.string().trim().min(1).max(100).optional() }).strict(),
    output: z.object({
      rows: z.array(
        z.object({
          ratePercent: z.string(),
          /** the code in the table asked for: the market's own, or the one for all markets */
          erpTaxCode: z.string().nullable(),
          /** with a market: the code for all markets that applies when the market's own table has none */
          fallbackCode: z.string().nullable(),
          /** order lines with this rate (of the market's orders when a market is asked for) */
          orderLines: z.number().int(),
        }),
      ),
      markets: z.array(z.object({ market: z.string(), orderLines: z.number().int(), ownCodes: z.number().int() })),
    }),
    mutates: false,
  }),
  'mapping.listBundles': method({
    summary: 'Bundle SKUs seen on orders with the component SKUs they were sold with.',
    input: Page.extend({ search: z.string().trim().max(100).optional() }).strict(),
    output: z.object({ rows: z.array(BundleRow), total: z.number().int() }),
    mutates: false,
  }),
  'mapping.itemVariants': method({
    summary: "An ERP item's variants as Instep last read them from the ERP (empty when it has none, or the ERP publishes none).",
    input: z.object({ itemNumber: ItemNumber }).strict(),
    output: z.object({ rows: z.array(z.object({ code: z.string(), description: z.string() })) }),
    mutates: false,
  }),
  'mapping.erpLocations': method({
    summary: 'The ERP\'s locations, read from the ERP now (for choosing the location of a Centra warehouse). available is false when the ERP connection publishes none (file exchange).',
    input: z.object({}).strict(),
    output: z.object({ available: z.boolean(), rows: z.array(z.object({ code: z.string(), displayName: z.string() })) }),
    mutates: false,
  }),
  'mapping.listWarehouses': method({
    summary: 'Centra warehouse → ERP location.',
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(WarehouseMapping) }),
    mutates: false,
  }),
  'mapping.setWarehouse': method({
    summary: 'Set (or with erpLocation null remove) the ERP location of a Centra warehouse.',
    input: z.object({ centraWarehouse: z.string().trim().min(1).max(100), erpLocation: z.string().trim().min(1).max(50).nullable(), actor: Person }).strict(),
    output: z.object({ rows: z.array(WarehouseMapping) }),
    mutates: true,
    changes: ['mapping'],
  }),
}
