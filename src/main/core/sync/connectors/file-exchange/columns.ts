/**
 * Which column of an ERP's file holds which of our fields. ERPs name columns as they like
 * ("Item No.", "item_number", "Artikelnummer"), so every field has a list of usual names and
 * an installation can name the column outright. Names are compared ignoring case, spaces and
 * punctuation: "Item No." matches "item_no" and "ITEM NO".
 */
export type InboundKind = 'stock' | 'shipments' | 'erp-orders' | 'items'

export const STOCK_FIELDS = ['itemNumber', 'variant', 'location', 'quantity', 'asOf'] as const
export const SHIPMENT_FIELDS = ['orderKey', 'lineNo', 'itemNumber', 'quantity', 'carrier', 'trackingNumber', 'shippedDate'] as const
export const ERP_ORDER_FIELDS = [
  'documentNumber',
  'externalDocumentNumber',
  'documentType',
  'documentDate',
  'currency',
  'totalExcludingTax',
  'totalTax',
  'totalIncludingTax',
  'lineNo',
  'itemNumber',
  'description',
  'quantity',
  'lineAmount',
] as const
export const ITEM_FIELDS = ['number', 'description', 'gtin'] as const

export interface FieldsByKind {
  stock: (typeof STOCK_FIELDS)[number]
  shipments: (typeof SHIPMENT_FIELDS)[number]
  'erp-orders': (typeof ERP_ORDER_FIELDS)[number]
  items: (typeof ITEM_FIELDS)[number]
}

/** Our field → the file's header name (or several accepted names), per kind. */
export type ColumnMapping = { [K in InboundKind]?: Partial<Record<FieldsByKind[K], string | string[]>> }

export interface FieldSpec {
  field: string
  /** how a person calls it, used in quarantine messages */
  label: string
  /** the column must exist in the file */
  required: boolean
  aliases: string[]
}

const f = (field: string, label: string, required: boolean, aliases: string[]): FieldSpec => ({ field, label, required, aliases })

export const FIELD_SPECS: Record<InboundKind, FieldSpec[]> = {
  stock: [
    f('itemNumber', 'item number', true, ['item number', 'item no', 'item', 'sku', 'article number', 'no']),
    f('variant', 'variant', false, ['variant', 'variant code', 'size']),
    f('location', 'location', true, ['location', 'location code', 'warehouse', 'warehouse code']),
    f('quantity', 'quantity', true, ['quantity', 'qty', 'available', 'inventory', 'on hand', 'quantity available']),
    f('asOf', 'as-of date', true, ['as of', 'as of date', 'stock date', 'date']),
  ],
  shipments: [
    f('orderKey', 'order key', true, ['order key', 'external document number', 'external document no', 'order number', 'order no', 'order', 'your reference']),
    f('lineNo', 'line number', false, ['line no', 'line number', 'line']),
    f('itemNumber', 'item number', false, ['item number', 'item no', 'item', 'sku']),
    f('quantity', 'quantity', true, ['quantity', 'qty', 'quantity shipped', 'shipped quantity']),
    f('carrier', 'carrier', true, ['carrier', 'shipping agent', 'shipping agent code']),
    f('trackingNumber', 'tracking number', false, ['tracking number', 'tracking no', 'package tracking no', 'tracking']),
    f('shippedDate', 'shipped date', true, ['shipped date', 'shipment date', 'ship date', 'posting date', 'date']),
  ],
  'erp-orders': [
    f('documentNumber', 'document number', true, ['document number', 'document no', 'no', 'number']),
    f('externalDocumentNumber', 'external document number', true, ['external document number', 'external document no', 'external doc no', 'your reference']),
    f('documentType', 'document type', false, ['document type', 'type']),
    f('documentDate', 'order/invoice date', true, ['document date', 'order date', 'invoice date', 'posting date', 'date']),
    f('currency', 'currency', true, ['currency', 'currency code']),
    f('totalExcludingTax', 'total excluding tax', true, ['total excl tax', 'total excluding tax', 'total amount excluding tax', 'amount excl tax', 'amount']),
    f('totalTax', 'tax', true, ['total tax', 'tax', 'tax amount', 'vat', 'vat amount', 'total tax amount']),
    f('totalIncludingTax', 'total including tax', true, ['total incl tax', 'total including tax', 'total amount including tax', 'amount incl tax', 'amount including vat']),
    f('lineNo', 'line number', false, ['line no', 'line number']),
    f('itemNumber', 'item number', false, ['item number', 'item no', 'item']),
    f('description', 'description', false, ['description', 'line description']),
    f('quantity', 'quantity', false, ['quantity', 'qty']),
    f('lineAmount', 'line amount', false, ['line amount', 'line amount excl tax', 'line amount excluding tax']),
  ],
  items: [
    f('number', 'item number', true, ['number', 'item number', 'item no', 'no', 'sku']),
    f('description', 'description', true, ['description', 'display name', 'name']),
    f('gtin', 'GTIN', false, ['gtin', 'ean', 'barcode', 'gtin 13']),
  ],
}

export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

export interface ResolvedColumns {
  /** field → index into the row's values */
  index: Map<string, number>
  /** field → the header as written in the file (for messages) */
  header: Map<string, string>
  /** required fields whose column was not found, with what we looked for */
  missing: { field: string; label: string; lookedFor: string[] }[]
}

/**
 * Finds each field's column. A configured name wins over the usual names; a header already
 * taken by one field is not handed to another (so "date" cannot be both order and ship date).
 */
export function resolveColumns(kind: InboundKind, headers: string[], mapping: ColumnMapping = {}): ResolvedColumns {
  const normalized = headers.map(normalizeHeader)
  const configured = (mapping[kind] ?? {}) as Record<string, string | string[] | undefined>
  const index = new Map<string, number>()
  const header = new Map<string, string>()
  const taken = new Set<number>()
  const missing: ResolvedColumns['missing'] = []
  const specs = FIELD_SPECS[kind]
  // Configured names first so a usual name never steals a column the installation assigned.
  const ordered = [...specs.filter((s) => configured[s.field]), ...specs.filter((s) => !configured[s.field])]
  for (const spec of ordered) {
    const own = configured[spec.field]
    const names = own ? (Array.isArray(own) ? own : [own]) : spec.aliases
    let found = -1
    for (const name of names) {
      const n = normalizeHeader(name)
      found = normalized.findIndex((h, i) => h === n && !taken.has(i))
      if (found >= 0) break
    }
    if (found >= 0) {
      taken.add(found)
      index.set(spec.field, found)
      header.set(spec.field, headers[found].replace(/^\uFEFF/, '').trim())
    } else if (spec.required) {
      missing.push({ field: spec.field, label: spec.label, lookedFor: names })
    }
  }
  return { index, header, missing }
}
