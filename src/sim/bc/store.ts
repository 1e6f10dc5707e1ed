/**
 * In-memory Business Central company: master data seeded from the shared demo catalog, sales
 * documents created through the API, and the validation BC applies on the way in.
 */
import { randomUUID } from 'node:crypto'
import Decimal from 'decimal.js'
import { generateCatalog, type SimCatalog } from '../scenario/catalog'
import { createRng, type Rng } from '../scenario/rng'
import { BcError, badRequest, dialog } from './errors'
import { ENTITIES, fieldOf, type EntityDef } from './schema'
import { roundTo } from './tax'
import type { ChangeType } from './webhooks'

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000'
export const EMPTY_DATE = '0001-01-01'

type Json = Record<string, unknown>

export interface Versioned {
  id: string
  etag: string
  lastModifiedDateTime: string
}

export interface ItemRec extends Versioned {
  number: string
  displayName: string
  gtin: string
  unitPrice: Decimal
  inventory: Decimal
  taxGroupCode: string
  /** VAT Prod. Posting Group (VAT companies) */
  vatProdGroup: string
  sku: string
}

export interface CustomerRec extends Versioned {
  number: string
  displayName: string
  country: string
  currencyCode: string
  /** VAT company: the market's standard rate; sales-tax company: the tax area's rate */
  taxRate: string
  taxLiable: boolean
  taxAreaDisplayName: string
}

export interface CurrencyRec extends Versioned {
  code: string
  displayName: string
  decimals: number
  precision: Decimal
}

export type SimpleRec = Versioned & Record<string, unknown>

export interface LineRec extends Versioned {
  sequence: number
  lineType: 'Item' | 'Account' | 'Charge' | 'Comment'
  itemId: string
  accountId: string
  lineObjectNumber: string
  description: string
  description2: string
  unitOfMeasureCode: string
  quantity: Decimal
  unitPrice: Decimal
  discountAmount: Decimal | null
  discountPercent: Decimal | null
  taxIdentifier: string
  taxPercent: Decimal
  shipQuantity: Decimal
  invoiceQuantity: Decimal
  shippedQuantity: Decimal
  invoicedQuantity: Decimal
  shipmentDate: string
  itemVariantId: string
  locationId: string
}

export interface DocRec extends Versioned {
  kind: 'salesOrder' | 'salesInvoice'
  number: string
  /** writable header values as last written (addresses, dates, references) */
  header: Json
  customer: CustomerRec
  currencyCode: string
  pricesIncludeTax: boolean
  discountAmount: Decimal
  lines: LineRec[]
  status: string
  orderId: string
  orderNumber: string
}

export interface ShipmentRec extends Versioned {
  number: string
  order: DocRec
  postingDate: string
  lines: { id: string; sequence: number; line: LineRec; quantity: Decimal }[]
}

export interface StoreOptions {
  seed: number
  salesTax: boolean
}

export class BcStore {
  readonly catalog: SimCatalog
  readonly salesTax: boolean
  readonly lcy: string
  readonly company: SimpleRec
  readonly items: ItemRec[] = []
  readonly customers: CustomerRec[] = []
  readonly currencies: CurrencyRec[] = []
  /**
   * Item variants (itemId, itemNumber, code, description). Most of the demo catalog is one item
   * per size; one product is kept the other common way, one item per colour with a variant per
   * size (see seedStyleItems). Tests add more with addItemVariant.
   */
  readonly itemVariants: SimpleRec[] = []
  /** Item charges (Charge (Item) lines): not published by the standard API, only usable on lines */
  readonly itemCharges: SimpleRec[] = []
  readonly locations: SimpleRec[] = []
  readonly taxGroups: SimpleRec[] = []
  readonly accounts: SimpleRec[] = []
  readonly salesOrders: DocRec[] = []
  readonly salesInvoices: DocRec[] = []
  readonly salesShipments: ShipmentRec[] = []
  /** every order ever created, including ones removed by posting: the "exactly once" ledger */
  readonly createdOrders: { id: string; number: string; externalDocumentNumber: string; customerNumber: string; createdAt: string }[] = []
  /** VAT Prod. Posting Group → rate; STANDARD resolves to the customer's market rate */
  readonly vatProdGroups = new Map<string, string | null>()
  /** told about every write, for webhook notifications */
  onChange: (set: string, id: string, changeType: ChangeType) => void = () => undefined
  private readonly rng: Rng
  private etagCounter = 0
  private seq = { order: 101001, invoice: 103001, shipment: 102001 }

  constructor(opts: StoreOptions) {
    this.rng = createRng(opts.seed)
    this.salesTax = opts.salesTax
    this.catalog = generateCatalog({ seed: opts.seed })
    this.lcy = opts.salesTax ? 'USD' : this.catalog.baseCurrency
    this.company = this.versioned({
      systemVersion: '26.0.30643.32100',
      timestamp: 0,
      name: opts.salesTax ? 'INSTEP US' : 'INSTEP',
      displayName: opts.salesTax ? 'Instep Demo Inc.' : 'Instep Demo AB',
      businessProfileId: '',
      systemCreatedAt: '2026-01-01T00:00:00Z',
      systemCreatedBy: EMPTY_GUID,
      systemModifiedAt: '2026-01-01T00:00:00Z',
      systemModifiedBy: EMPTY_GUID,
    })
    this.seed()
  }

  // ---------- ids, etags --------------------------------------------------------------

  /** Adds a variant to an item, as BC's item card would. */
  addItemVariant(itemNumber: string, code: string, description: string): SimpleRec {
    const item = this.items.find((i) => i.number === itemNumber)
    if (!item) throw new Error(`No item ${itemNumber}`)
    const variant = this.versioned({ itemId: item.id, itemNumber, code: code.toUpperCase(), description })
    this.itemVariants.push(variant)
    return variant
  }

  /** Seeded GUIDs for master data so a seed gives the same ids on every run. */
  private seededGuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.rng.next() * 16).toString(16)).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
  }

  private versioned<T extends object>(fields: T): T & SimpleRec {
    const rec = { ...fields, id: this.seededGuid(), etag: '', lastModifiedDateTime: '' } as T & SimpleRec
    this.touch(rec)
    return rec
  }

  /** Every write gets a new weak ETag and modification time, like BC's SystemModifiedAt. */
  touch(rec: Versioned): void {
    this.etagCounter++
    const big = BigInt(Math.floor(this.rng.next() * 1e15)) * 10000n + BigInt(this.etagCounter)
    rec.etag = `W/"${Buffer.from(`'${this.etagCounter};${big};00;'`).toString('base64')}"`
    rec.lastModifiedDateTime = new Date().toISOString()
  }

  // ---------- seed ----------------------------------------------------------------------

  private seed(): void {
    const c = this.catalog
    for (const cur of c.currencies) {
      if (cur.code === this.lcy) continue
      this.currencies.push(
        this.versioned({
          code: cur.code,
          displayName: cur.code,
          decimals: cur.decimals,
          precision: new Decimal(10).pow(-cur.decimals),
        }),
      )
    }
    for (const m of c.markets) {
      const us = m.countryCode === 'US'
      this.customers.push(
        this.versioned({
          number: m.erpCustomerNumber,
          displayName: `Web shop ${m.name}`,
          country: m.countryCode,
          currencyCode: m.currency,
          taxRate: this.salesTax ? (us ? m.taxRate : '0') : m.taxRate,
          taxLiable: this.salesTax ? us : false,
          taxAreaDisplayName: this.salesTax ? (us ? 'NY-NYC' : 'EXPORT') : '',
        }),
      )
    }
    const styled = styledProduct(c)
    const styledSkus = new Set(styled?.variants.flatMap((v) => v.sizes.map((z) => z.sku)) ?? [])
    for (const it of c.erpItems) {
      // Built even when left out, so every later record keeps the id and stock this seed always gave it.
      const rec = this.versioned({
          number: it.number,
          displayName: it.displayName,
          gtin: it.gtin,
          unitPrice: new Decimal(it.unitPriceMinor).div(100),
          inventory: new Decimal(this.rng.int(0, 40)),
          taxGroupCode: this.salesTax ? 'TAXABLE' : '',
          vatProdGroup: 'STANDARD',
          sku: it.sku,
        })
      if (!styledSkus.has(it.sku)) this.items.push(rec)
    }
    for (const w of c.warehouses) {
      this.locations.push(this.versioned({ code: w.erpLocationCode, displayName: w.name, country: w.erpLocationCode === 'MAIN' ? 'SE' : 'US' }))
    }
    this.accounts.push(this.versioned({ number: '6110', displayName: 'Shipping fees' }))
    this.accounts.push(this.versioned({ number: '6120', displayName: 'Handling fees' }))
    if (this.salesTax) {
      for (const [code, name] of [['TAXABLE', 'Taxable goods'], ['NONTAXABLE', 'Non-taxable'], ['SHIPPING', 'Freight']]) {
        this.taxGroups.push(this.versioned({ code, displayName: name, taxType: 'Sales_x0020_Tax' }))
      }
    } else {
      this.vatProdGroups.set('STANDARD', null)
      this.vatProdGroups.set('ZERO', '0')
      const rates = new Set(['25', '19', '10', '0', ...c.markets.map((m) => m.taxRate)])
      for (const r of rates) this.vatProdGroups.set(vatCode(r), r)
      for (const code of this.vatProdGroups.keys()) {
        this.taxGroups.push(this.versioned({ code, displayName: code === 'STANDARD' ? 'Standard rate of the customer' : code, taxType: 'VAT' }))
      }
    }
    // Seeded last: records added here never shift the ids of the ones above.
    this.itemCharges.push(this.versioned({ number: 'S-FREIGHT', displayName: 'Freight charge' }))
    this.itemCharges.push(this.versioned({ number: 'S-HANDLING', displayName: 'Handling charge' }))
    if (styled) this.seedStyleItems(styled)
  }

  /**
   * One item per colour (number = product number + colour code, no GTIN: BC keeps barcodes of
   * variants in item references, which the standard API does not publish) with a variant per
   * size (code = size name). So the Centra SKU is the item number followed by the variant code.
   */
  private seedStyleItems(product: SimCatalog['products'][number]): void {
    for (const variant of product.variants) {
      const item = this.versioned({
        number: `${product.productNumber}${variant.variantNumber}`,
        displayName: `${product.name} ${variant.name}`,
        gtin: '',
        unitPrice: new Decimal(product.basePriceMinor).div(100),
        inventory: new Decimal(this.rng.int(0, 120)),
        taxGroupCode: this.salesTax ? 'TAXABLE' : '',
        vatProdGroup: 'STANDARD',
        sku: '',
      })
      this.items.push(item)
      for (const size of variant.sizes) this.addItemVariant(item.number, size.sizeName, `${product.name} ${variant.name} ${size.sizeName}`)
    }
  }

  // ---------- look-ups ------------------------------------------------------------------

  precisionOf(currencyCode: string): Decimal {
    if (!currencyCode || currencyCode === this.lcy) return new Decimal('0.01')
    return this.currencies.find((c) => c.code === currencyCode)?.precision ?? new Decimal('0.01')
  }

  currencyIdOf(code: string): string {
    if (!code || code === this.lcy) return EMPTY_GUID
    return this.currencies.find((c) => c.code === code)?.id ?? EMPTY_GUID
  }

  findDoc(id: string): DocRec | undefined {
    return this.salesOrders.find((d) => d.id === id) ?? this.salesInvoices.find((d) => d.id === id)
  }

  // ---------- validation shared by POST and PATCH ---------------------------------------

  /** Rejects unknown and read-only properties, wrong JSON types and strings over MaxLength. */
  validateBody(entity: EntityDef, body: unknown, allowNav: string[] = []): Json {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('BadRequest', 'The request body must be a JSON object')
    }
    const obj = { ...(body as Json) }
    for (const [key, value] of Object.entries(obj)) {
      if (key.startsWith('@odata.')) continue
      if (allowNav.includes(key)) continue
      const def = fieldOf(entity, key)
      if (!def) {
        throw badRequest(
          'BadRequest',
          `The property '${key}' does not exist on type 'Microsoft.NAV.${entity.type}'. Make sure to only use property names that are defined by the type`,
        )
      }
      if (def.readOnly) throw badRequest('BadRequest_InvalidOperation', `Control '${key}' is read-only`)
      checkType(def.name, def.type, value)
      if (def.maxLength !== undefined && typeof value === 'string' && value.length > def.maxLength) {
        throw badRequest(
          'Application_StringExceededLength',
          `The length of the string is ${value.length}, but it must be less than or equal to ${def.maxLength} characters. Value: ${value}`,
        )
      }
      // AL Code fields store upper case whatever was sent ("web-1" becomes "WEB-1").
      if (def.code && typeof value === 'string') obj[key] = value.toUpperCase()
    }
    return obj
  }

  // ---------- customers ----------------------------------------------------------------

  /**
   * A new customer (a shopper, when the integration creates one ERP customer per shopper).
   * Tax follows the existing web customer of the same country, as a customer template would.
   */
  createCustomer(body: unknown): CustomerRec {
    const input = this.validateBody(ENTITIES.customer, body)
    const number = String(input.number ?? '')
    if (!number) throw dialog('The field No. of table Customer must have a value.')
    if (this.customers.some((c) => c.number === number)) {
      throw new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table Customer already exists. Identification fields and values: No.='${number}'`)
    }
    const country = String(input.country ?? '')
    const template = this.customers.find((c) => c.country === country)
    if (!template) throw dialog(`The Country/Region Code '${country}' has no customer template in this company.`)
    const customer = this.versioned({
      number,
      displayName: String(input.displayName ?? ''),
      country,
      currencyCode: (input.currencyCode as string | undefined) ?? template.currencyCode,
      taxRate: template.taxRate,
      taxLiable: template.taxLiable,
      taxAreaDisplayName: template.taxAreaDisplayName,
    })
    this.customers.push(customer)
    return customer
  }

  // ---------- sales orders --------------------------------------------------------------

  createSalesOrder(body: unknown): DocRec {
    const input = this.validateBody(ENTITIES.salesOrder, body, ['salesOrderLines'])
    const rawLines = input.salesOrderLines ?? []
    if (!Array.isArray(rawLines)) throw badRequest('BadRequest', "The property 'salesOrderLines' must be an array")
    const customer = this.resolveCustomer(input)
    const currencyCode = this.resolveCurrency(input.currencyCode, customer)
    const pricesIncludeTax = input.pricesIncludeTax === true
    if (pricesIncludeTax && this.salesTax) {
      throw dialog('The "pricesIncludeTax" cannot be set to true if VAT Calculation Type is Sales Tax')
    }
    const today = new Date().toISOString().slice(0, 10)
    const header: Json = {}
    for (const def of ENTITIES.salesOrder.fields) {
      if (def.readOnly || !(def.name in input)) continue
      header[def.name] = input[def.name]
    }
    header.orderDate ??= today
    header.postingDate ??= header.orderDate
    const doc: DocRec = {
      id: randomUUID(),
      etag: '',
      lastModifiedDateTime: '',
      kind: 'salesOrder',
      number: '',
      header,
      customer,
      currencyCode,
      pricesIncludeTax,
      discountAmount: new Decimal((input.discountAmount as number | undefined) ?? 0),
      lines: [],
      status: 'Draft',
      orderId: EMPTY_GUID,
      orderNumber: '',
    }
    // Deep insert is atomic: build every line before the order becomes visible.
    for (const raw of rawLines) doc.lines.push(this.buildLine(doc, raw))
    doc.number = `S-ORD${this.seq.order++}`
    this.touch(doc)
    this.salesOrders.push(doc)
    this.onChange('salesOrders', doc.id, 'created')
    this.createdOrders.push({
      id: doc.id,
      number: doc.number,
      externalDocumentNumber: String(header.externalDocumentNumber ?? ''),
      customerNumber: doc.customer.number,
      createdAt: doc.lastModifiedDateTime,
    })
    return doc
  }

  /** Validates everything first, then applies: a rejected PATCH changes nothing. */
  patchSalesOrder(doc: DocRec, body: unknown): DocRec {
    const input = this.validateBody(ENTITIES.salesOrder, body)
    const customer = 'customerNumber' in input || 'customerId' in input ? this.resolveCustomer({ ...input }) : doc.customer
    const currencyCode = 'currencyCode' in input ? this.resolveCurrency(input.currencyCode, customer) : doc.currencyCode
    if (input.pricesIncludeTax === true && this.salesTax) {
      throw dialog('The "pricesIncludeTax" cannot be set to true if VAT Calculation Type is Sales Tax')
    }
    doc.customer = customer
    doc.currencyCode = currencyCode
    if ('pricesIncludeTax' in input) doc.pricesIncludeTax = input.pricesIncludeTax === true
    if ('discountAmount' in input) doc.discountAmount = new Decimal(input.discountAmount as number)
    for (const def of ENTITIES.salesOrder.fields) if (def.name in input) doc.header[def.name] = input[def.name]
    this.touch(doc)
    this.onChange('salesOrders', doc.id, 'updated')
    return doc
  }

  deleteSalesOrder(doc: DocRec): void {
    this.salesOrders.splice(this.salesOrders.indexOf(doc), 1)
    this.onChange('salesOrders', doc.id, 'deleted')
  }

  /** Line changes re-total the order: BC reports the header as updated too. */
  lineChanged(doc: DocRec): void {
    this.touch(doc)
    this.onChange('salesOrders', doc.id, 'updated')
  }

  addLine(doc: DocRec, body: unknown): LineRec {
    const line = this.buildLine(doc, body)
    doc.lines.push(line)
    this.lineChanged(doc)
    return line
  }

  /** A rejected PATCH leaves the line as it was. */
  patchLine(doc: DocRec, line: LineRec, body: unknown): LineRec {
    const before = { ...line }
    try {
      return this.applyLinePatch(doc, line, body)
    } catch (e) {
      Object.assign(line, before)
      throw e
    }
  }

  private applyLinePatch(doc: DocRec, line: LineRec, body: unknown): LineRec {
    const input = this.validateBody(ENTITIES.salesOrderLine, body)
    for (const immutable of ['sequence', 'documentId', 'lineObjectNumber', 'itemId', 'accountId', 'lineType'] as const) {
      if (immutable in input && String(input[immutable]) !== String((line as unknown as Json)[immutable] ?? doc.id)) {
        throw dialog(`You cannot change the ${immutable} of a line. Delete the line and insert it again`)
      }
    }
    if ('quantity' in input) {
      line.quantity = new Decimal(input.quantity as number)
      line.shipQuantity = line.quantity.minus(line.shippedQuantity)
      line.invoiceQuantity = line.quantity.minus(line.invoicedQuantity)
    }
    if ('unitPrice' in input) line.unitPrice = new Decimal(input.unitPrice as number)
    if ('discountAmount' in input) {
      line.discountAmount = new Decimal(input.discountAmount as number)
      line.discountPercent = null
    }
    if ('discountPercent' in input) {
      line.discountPercent = new Decimal(input.discountPercent as number)
      line.discountAmount = null
    }
    if ('description' in input) line.description = String(input.description)
    if ('description2' in input) line.description2 = String(input.description2)
    if ('shipQuantity' in input) line.shipQuantity = this.checkQtyToHandle(line, input.shipQuantity as number, line.shippedQuantity, 'Qty. to Ship')
    if ('invoiceQuantity' in input) {
      line.invoiceQuantity = this.checkQtyToHandle(line, input.invoiceQuantity as number, line.invoicedQuantity, 'Qty. to Invoice')
    }
    if ('taxCode' in input) Object.assign(line, this.resolveTax(doc.customer, String(input.taxCode), line.lineType))
    this.touch(line)
    this.lineChanged(doc)
    return line
  }

  private checkQtyToHandle(line: LineRec, value: number, handled: Decimal, caption: string): Decimal {
    const v = new Decimal(value)
    if (v.lt(0) || v.gt(line.quantity.minus(handled))) {
      throw dialog(`You cannot handle more than the outstanding ${line.quantity.minus(handled).toString()} units. (${caption})`)
    }
    return v
  }

  private resolveCustomer(input: Json): CustomerRec {
    const number = input.customerNumber as string | undefined
    const id = input.customerId as string | undefined
    if (!number && (!id || id === EMPTY_GUID)) throw dialog('A "customerNumber" or a "customerId" must be provided')
    const byNumber = number ? this.customers.find((c) => c.number === number) : undefined
    const byId = id && id !== EMPTY_GUID ? this.customers.find((c) => c.id === id) : undefined
    if (number && id && id !== EMPTY_GUID && byNumber !== byId) {
      throw dialog('The sell-to customer values do not match to a specific Customer')
    }
    const customer = byNumber ?? byId
    if (!customer) throw dialog('The sell-to customer cannot be found')
    return customer
  }

  private resolveCurrency(code: unknown, customer: CustomerRec): string {
    if (code === undefined || code === null) return customer.currencyCode
    const text = String(code)
    if (text === '' || text === this.lcy) return this.lcy
    if (!this.currencies.some((c) => c.code === text)) throw dialog('The "currencyCode" does not match to a Currency')
    return text
  }

  private buildLine(doc: DocRec, body: unknown): LineRec {
    const input = this.validateBody(ENTITIES.salesOrderLine, body)
    if (input.documentId !== undefined && input.documentId !== doc.id) {
      throw dialog('The documentId of the line does not match the sales order')
    }
    const itemId = input.itemId as string | undefined
    const accountId = input.accountId as string | undefined
    if (itemId && itemId !== EMPTY_GUID && accountId && accountId !== EMPTY_GUID) {
      throw dialog('You cannot set both the itemId and the accountId')
    }
    const lineType = (input.lineType as string | undefined) ?? (itemId ? 'Item' : accountId ? 'Account' : 'Comment')
    if (!['Item', 'Account', 'Charge', 'Comment'].includes(lineType)) {
      throw badRequest('BadRequest', `'${lineType}' is not an option. The existing options are: Comment,Account,Item,Charge`)
    }
    const number = input.lineObjectNumber as string | undefined
    let item: ItemRec | undefined
    let account: SimpleRec | undefined
    let charge: SimpleRec | undefined
    if (lineType === 'Item') {
      item = itemId ? this.items.find((i) => i.id === itemId) : this.items.find((i) => i.number === number)
      if (!item) {
        throw dialog(number ? `Item does not exist. Identification fields and values: No.='${number}'` : 'Item does not exist')
      }
      if (number && item.number !== number) throw dialog('The itemId and lineObjectNumber do not match the same item')
    } else if (lineType === 'Account') {
      account = accountId ? this.accounts.find((a) => a.id === accountId) : this.accounts.find((a) => a.number === number)
      if (!account) throw dialog(number ? `Account does not exist. Identification fields and values: No.='${number}'` : 'Account does not exist')
    } else if (lineType === 'Charge') {
      // The API page passes lineObjectNumber straight to the Sales Line's No., validated against Item Charge.
      charge = this.itemCharges.find((x) => x.number === number)
      if (!charge) throw badRequest('Internal_RecordNotFound', `The Item Charge does not exist. Identification fields and values: No.='${number ?? ''}'`)
    }
    if (input.sequence !== undefined && input.sequence !== 0 && doc.lines.some((l) => l.sequence === input.sequence)) {
      throw dialog('You cannot insert a line because a line already exists')
    }
    const lastSeq = doc.lines.reduce((m, l) => Math.max(m, l.sequence), 0)
    const quantity = new Decimal((input.quantity as number | undefined) ?? 0)
    const price = input.unitPrice !== undefined ? new Decimal(input.unitPrice as number) : (item?.unitPrice ?? new Decimal(0))
    const tax = lineType === 'Comment'
      ? { taxIdentifier: '', taxPercent: new Decimal(0) }
      : this.resolveTax(doc.customer, (input.taxCode as string | undefined) ?? null, lineType, item)
    const line: LineRec = {
      id: randomUUID(),
      etag: '',
      lastModifiedDateTime: '',
      sequence: (input.sequence as number | undefined) || lastSeq + 10000,
      lineType: lineType as LineRec['lineType'],
      itemId: item?.id ?? EMPTY_GUID,
      accountId: account?.id ?? EMPTY_GUID,
      lineObjectNumber: item?.number ?? ((account ?? charge)?.number as string | undefined) ?? '',
      description: (input.description as string | undefined) ?? item?.displayName ?? ((account ?? charge)?.displayName as string | undefined) ?? '',
      description2: (input.description2 as string | undefined) ?? '',
      unitOfMeasureCode: lineType === 'Item' ? ((input.unitOfMeasureCode as string | undefined) ?? 'PCS') : '',
      quantity,
      unitPrice: price,
      discountAmount: input.discountAmount !== undefined ? new Decimal(input.discountAmount as number) : null,
      discountPercent: input.discountPercent !== undefined ? new Decimal(input.discountPercent as number) : null,
      ...tax,
      shipQuantity: lineType === 'Item' ? quantity : new Decimal(0),
      invoiceQuantity: quantity,
      shippedQuantity: new Decimal(0),
      invoicedQuantity: new Decimal(0),
      shipmentDate: (input.shipmentDate as string | undefined) ?? String(doc.header.orderDate ?? EMPTY_DATE),
      itemVariantId: (input.itemVariantId as string | undefined) ?? EMPTY_GUID,
      locationId: (input.locationId as string | undefined) ?? EMPTY_GUID,
    }
    // "Variant Id" relates to Item Variant filtered on the line's item: another item's variant is not found.
    if (line.itemVariantId !== EMPTY_GUID && !this.itemVariants.some((v) => v.id === line.itemVariantId && v.itemId === line.itemId)) {
      throw badRequest(
        'Internal_InvalidTableRelation',
        `The field Variant Id of table Sales Invoice Line Aggregate contains a value (${line.itemVariantId}) that cannot be found in the related table (Item Variant). Item No.='${line.lineObjectNumber}'`,
      )
    }
    if (line.locationId !== EMPTY_GUID && !this.locations.some((l) => l.id === line.locationId)) {
      throw badRequest('Internal_RecordNotFound', `The Location does not exist. Identification fields and values: Id='${line.locationId}'`)
    }
    this.touch(line)
    return line
  }

  /**
   * Writing taxCode sets the VAT Prod. Posting Group (VAT company) or the Tax Group (sales-tax
   * company); reading it returns the VAT identifier, so "STANDARD" written reads back "VAT25".
   */
  resolveTax(
    customer: CustomerRec,
    written: string | null,
    lineType: string,
    item?: ItemRec,
  ): { taxIdentifier: string; taxPercent: Decimal } {
    if (this.salesTax) {
      // G/L and item-charge lines for fees default to the freight tax group, as their cards would.
      const group = written ?? (lineType === 'Account' || lineType === 'Charge' ? 'SHIPPING' : (item?.taxGroupCode ?? 'TAXABLE'))
      if (!this.taxGroups.some((g) => g.code === group)) {
        throw new BcError(
          400,
          'Internal_InvalidTableRelation',
          `The field Tax Group Code of table Sales Line contains a value (${group}) that cannot be found in the related table (Tax Group)`,
        )
      }
      const rate = customer.taxLiable && group !== 'NONTAXABLE' ? customer.taxRate : '0'
      return { taxIdentifier: group, taxPercent: new Decimal(rate) }
    }
    const group = written ?? item?.vatProdGroup ?? 'STANDARD'
    if (!this.vatProdGroups.has(group)) {
      throw new BcError(
        400,
        'Internal_InvalidTableRelation',
        `The field VAT Prod. Posting Group of table Sales Line contains a value (${group}) that cannot be found in the related table (VAT Product Posting Group)`,
      )
    }
    const rate = this.vatProdGroups.get(group) ?? customer.taxRate
    return { taxIdentifier: vatCode(rate), taxPercent: new Decimal(rate) }
  }

  /**
   * Everything a write can change, captured so a transactional `$batch` can be undone. Records
   * are shallow-copied: Decimal values are immutable, and every write replaces field values.
   */
  snapshot(): () => void {
    const lists = [this.salesOrders, this.salesInvoices, this.salesShipments, this.createdOrders] as unknown[][]
    const listCopies = lists.map((l) => [...l])
    const docs = [...this.salesOrders, ...this.salesInvoices].map((d) => ({
      ref: d,
      fields: { ...d, header: { ...d.header } },
      lines: d.lines.map((l) => ({ ref: l, fields: { ...l } })),
    }))
    const items = this.items.map((i) => ({ ref: i, fields: { ...i } }))
    const seq = { ...this.seq }
    return () => {
      lists.forEach((l, i) => l.splice(0, l.length, ...listCopies[i]))
      for (const d of docs) {
        Object.assign(d.ref, d.fields)
        d.ref.lines = d.lines.map((l) => Object.assign(l.ref, l.fields))
      }
      for (const i of items) Object.assign(i.ref, i.fields)
      this.seq = seq
    }
  }

  // ---------- posting -------------------------------------------------------------------

  /** Microsoft.NAV.shipAndInvoice: shipment + posted invoice; a fully handled order disappears. */
  shipAndInvoice(doc: DocRec): { shipment: ShipmentRec | null; invoice: DocRec } {
    const items = doc.lines.filter((l) => l.lineType === 'Item')
    if (items.length === 0) throw dialog('There is nothing to post')
    for (const l of items) if (l.quantity.isZero()) throw dialog(`Quantity must have a value in Sales Line: Document Type=Order, Document No.=${doc.number}, Line No.=${l.sequence}`)
    // Sales-Post refuses an item charge not assigned to item lines; the standard API cannot assign one.
    const charge = doc.lines.find((l) => l.lineType === 'Charge' && l.invoiceQuantity.gt(0))
    if (charge) throw dialog(`You must assign item charge ${charge.lineObjectNumber} if you want to invoice it`)
    const today = new Date().toISOString().slice(0, 10)
    const toShip = doc.lines.filter((l) => l.lineType === 'Item' && l.shipQuantity.gt(0))
    let shipment: ShipmentRec | null = null
    if (toShip.length > 0) {
      shipment = {
        id: randomUUID(),
        etag: '',
        lastModifiedDateTime: '',
        number: `S-SHPT${this.seq.shipment++}`,
        order: doc,
        postingDate: today,
        lines: toShip.map((l) => ({ id: randomUUID(), sequence: l.sequence, line: { ...l }, quantity: l.shipQuantity })),
      }
      this.touch(shipment)
      this.salesShipments.push(shipment)
      this.onChange('salesShipments', shipment.id, 'created')
    }
    const prec = this.precisionOf(doc.currencyCode)
    const invoiceLines: LineRec[] = doc.lines
      .filter((l) => l.invoiceQuantity.gt(0) || l.lineType === 'Comment')
      .map((l) => ({
        ...l,
        id: randomUUID(),
        quantity: l.invoiceQuantity,
        // A line discount given as an amount belongs to the whole quantity: invoice its share.
        discountAmount:
          l.discountAmount && !l.quantity.isZero() ? roundTo(l.discountAmount.mul(l.invoiceQuantity).div(l.quantity), prec) : l.discountAmount,
      }))
    // Shipping takes the goods out of stock (Item.Inventory is the sum over all locations).
    for (const l of toShip) {
      const item = this.items.find((i) => i.id === l.itemId)
      if (item) {
        item.inventory = item.inventory.minus(l.shipQuantity)
        this.touch(item)
        this.onChange('items', item.id, 'updated')
      }
    }
    const invoice: DocRec = {
      ...doc,
      id: randomUUID(),
      kind: 'salesInvoice',
      number: `PS-INV${this.seq.invoice++}`,
      header: { ...doc.header, invoiceDate: today, postingDate: today, dueDate: today },
      lines: invoiceLines,
      status: 'Open',
      orderId: doc.id,
      orderNumber: doc.number,
    }
    this.touch(invoice)
    this.salesInvoices.push(invoice)
    this.onChange('salesInvoices', invoice.id, 'created')
    for (const l of doc.lines) {
      if (l.lineType === 'Item') l.shippedQuantity = l.shippedQuantity.plus(l.shipQuantity)
      l.invoicedQuantity = l.invoicedQuantity.plus(l.invoiceQuantity)
      l.shipQuantity = l.quantity.minus(l.shippedQuantity)
      l.invoiceQuantity = l.quantity.minus(l.invoicedQuantity)
      this.touch(l)
    }
    const fully = doc.lines.every((l) => l.invoicedQuantity.gte(l.quantity))
    if (fully) this.deleteSalesOrder(doc)
    else this.lineChanged(doc)
    return { shipment, invoice }
  }
}


/** The product the simulated company keeps as items per colour with size variants (none in tiny catalogs). */
export function styledProduct(catalog: SimCatalog): SimCatalog['products'][number] | null {
  return catalog.products.length > 6 ? catalog.products[5] : null
}

export function vatCode(rate: string): string {
  return `VAT${rate}`
}


function checkType(name: string, type: string, value: unknown): void {
  const fail = (edm: string) => {
    throw badRequest('BadRequest', `Cannot convert the literal '${String(value)}' to the expected type '${edm}' (property '${name}')`)
  }
  if (value === null) return
  switch (type) {
    case 'string':
    case 'enum':
      if (typeof value !== 'string') fail('Edm.String')
      return
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('Edm.Decimal')
      return
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('Edm.Int32')
      return
    case 'bool':
      if (typeof value !== 'boolean') fail('Edm.Boolean')
      return
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) fail('Edm.Date')
      return
    case 'guid':
      if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
        throw badRequest('Application_InvalidGUID', `The value '${String(value)}' of '${name}' is not a valid GUID`)
      }
      return
    default:
      return
  }
}
