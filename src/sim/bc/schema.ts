/**
 * The part of Business Central's API v2.0 schema the simulator serves. Names, types and max
 * lengths are copied from the real `$metadata` (BC 26.0, fixtures/business-central/captured);
 * read-only flags follow the AL API pages (`Editable = false`), which `$metadata` does not carry.
 * A test keeps this table honest against the fixture.
 */

/** `stream` is an Edm.Stream (a picture): BC serves it through a media link, never inline in JSON */
export type FieldType = 'guid' | 'string' | 'date' | 'datetime' | 'decimal' | 'bool' | 'int' | 'enum' | 'stream'

export interface FieldDef {
  name: string
  type: FieldType
  maxLength?: number
  readOnly?: boolean
  /** an AL Code field underneath: values are stored in upper case */
  code?: boolean
}

export interface EntityDef {
  /** EDM type name, e.g. `salesOrder` */
  type: string
  /** entity set name under a company, e.g. `salesOrders` */
  set: string
  fields: FieldDef[]
  /** collection navigation properties the simulator can expand */
  expandable?: string[]
  insertable?: boolean
}

/** Compact field notation: `name:type[:maxLength][:ro][:code]`. */
function f(spec: string): FieldDef {
  const [name, type, ...rest] = spec.split(':')
  const def: FieldDef = { name, type: type as FieldType }
  for (const r of rest) {
    if (r === 'ro') def.readOnly = true
    else if (r === 'code') def.code = true
    else def.maxLength = Number(r)
  }
  return def
}

const fields = (specs: string): FieldDef[] => specs.trim().split(/\s+/).map(f)

const ADDRESS = (prefix: string, ro: boolean): string =>
  ['AddressLine1:string:100', 'AddressLine2:string:50', 'City:string:30', 'Country:string:10', 'State:string:30', 'PostCode:string:20']
    .map((s) => `${prefix}${s}${ro ? ':ro' : ''}`)
    .join(' ')

const SALES_DOC_LINE_COMMON = `
  id:guid:ro documentId:guid sequence:int itemId:guid accountId:guid lineType:enum lineObjectNumber:string:20:code
  description:string:100 description2:string:50 unitOfMeasureId:guid unitOfMeasureCode:string:10:code
  quantity:decimal unitPrice:decimal discountAmount:decimal discountPercent:decimal discountAppliedBeforeTax:bool:ro
  amountExcludingTax:decimal:ro taxCode:string:50:code taxPercent:decimal:ro totalTaxAmount:decimal:ro
  amountIncludingTax:decimal:ro invoiceDiscountAllocation:decimal:ro netAmount:decimal:ro netTaxAmount:decimal:ro
  netAmountIncludingTax:decimal:ro shipmentDate:date`

export const ENTITIES: Record<string, EntityDef> = {
  company: {
    type: 'company',
    set: 'companies',
    fields: fields(`id:guid:ro systemVersion:string:ro timestamp:int:ro name:string:30:ro displayName:string:250:ro
      businessProfileId:string:250:ro systemCreatedAt:datetime:ro systemCreatedBy:guid:ro systemModifiedAt:datetime:ro systemModifiedBy:guid:ro`),
  },
  item: {
    type: 'item',
    set: 'items',
    insertable: false,
    expandable: ['itemVariants'],
    fields: fields(`id:guid:ro number:string:20 displayName:string:100 displayName2:string:50 type:enum
      itemCategoryId:guid itemCategoryCode:string:20 blocked:bool gtin:string:14 inventory:decimal unitPrice:decimal
      priceIncludesTax:bool unitCost:decimal taxGroupId:guid taxGroupCode:string:20 baseUnitOfMeasureId:guid
      baseUnitOfMeasureCode:string:10 generalProductPostingGroupId:guid generalProductPostingGroupCode:string:20
      inventoryPostingGroupId:guid inventoryPostingGroupCode:string:20 lastModifiedDateTime:datetime:ro`),
  },
  itemVariant: {
    type: 'itemVariant',
    set: 'itemVariants',
    insertable: false,
    fields: fields(`id:guid:ro itemId:guid itemNumber:string:20 code:string:10 description:string:100 lastModifiedDateTime:datetime:ro`),
  },
  customer: {
    type: 'customer',
    set: 'customers',
    insertable: true,
    fields: fields(`id:guid:ro number:string:20 displayName:string:100 type:enum addressLine1:string:100 addressLine2:string:50
      city:string:30 state:string:30 country:string:10 postalCode:string:20 phoneNumber:string:30 email:string:80
      website:string:80 salespersonCode:string:20 balanceDue:decimal:ro creditLimit:decimal taxLiable:bool taxAreaId:guid
      taxAreaDisplayName:string:ro taxRegistrationNumber:string currencyId:guid currencyCode:string paymentTermsId:guid
      shipmentMethodId:guid paymentMethodId:guid blocked:enum lastModifiedDateTime:datetime:ro`),
  },
  companyInformation: {
    type: 'companyInformation',
    set: 'companyInformation',
    insertable: false,
    // currencyCode is the company's local currency (LCY), which the currencies list leaves out.
    fields: fields(`id:guid:ro displayName:string:100 addressLine1:string:100 addressLine2:string:50 city:string:30
      state:string:30 country:string:10 postalCode:string:20 phoneNumber:string:30 faxNumber:string:30 email:string:80
      website:string:80 taxRegistrationNumber:string currencyCode:string currentFiscalYearStartDate:date
      industry:string:30 picture:stream:ro experience:string lastModifiedDateTime:datetime:ro`),
  },
  currency: {
    type: 'currency',
    set: 'currencies',
    insertable: false,
    fields: fields(`id:guid:ro code:string:10 displayName:string:30 symbol:string:10 amountDecimalPlaces:string:5
      amountRoundingPrecision:decimal lastModifiedDateTime:datetime:ro`),
  },
  location: {
    type: 'location',
    set: 'locations',
    insertable: false,
    fields: fields(`id:guid:ro code:string:10 displayName:string:100 contact:string:100 addressLine1:string:100
      addressLine2:string:50 city:string:30 state:string:30 country:string:10 postalCode:string:20 phoneNumber:string:30
      email:string:80 website:string:90 lastModifiedDateTime:datetime:ro`),
  },
  taxGroup: {
    type: 'taxGroup',
    set: 'taxGroups',
    insertable: false,
    fields: fields(`id:guid:ro code:string:20 displayName:string:100 taxType:enum lastModifiedDateTime:datetime:ro`),
  },
  salesOrder: {
    type: 'salesOrder',
    set: 'salesOrders',
    insertable: true,
    expandable: ['salesOrderLines'],
    fields: fields(`id:guid:ro number:string:20:ro externalDocumentNumber:string:35:code orderDate:date postingDate:date
      customerId:guid customerNumber:string:20:code customerName:string:100:ro billToName:string:100:ro billToCustomerId:guid
      billToCustomerNumber:string:20:code shipToName:string:100 shipToContact:string:100
      ${ADDRESS('sellTo', false)} ${ADDRESS('billTo', true)} ${ADDRESS('shipTo', false)}
      shortcutDimension1Code:string:20:code shortcutDimension2Code:string:20:code currencyId:guid currencyCode:string:code
      pricesIncludeTax:bool paymentTermsId:guid shipmentMethodId:guid salesperson:string:20:code partialShipping:bool
      requestedDeliveryDate:date discountAmount:decimal discountAppliedBeforeTax:bool:ro
      totalAmountExcludingTax:decimal:ro totalTaxAmount:decimal:ro totalAmountIncludingTax:decimal:ro
      fullyShipped:bool:ro status:enum:ro lastModifiedDateTime:datetime:ro phoneNumber:string:30 email:string:80`),
  },
  salesOrderLine: {
    type: 'salesOrderLine',
    set: 'salesOrderLines',
    insertable: true,
    fields: fields(`${SALES_DOC_LINE_COMMON} shippedQuantity:decimal:ro invoicedQuantity:decimal:ro invoiceQuantity:decimal
      shipQuantity:decimal itemVariantId:guid locationId:guid`),
  },
  salesInvoice: {
    type: 'salesInvoice',
    set: 'salesInvoices',
    insertable: false,
    expandable: ['salesInvoiceLines'],
    fields: fields(`id:guid:ro number:string:20:ro externalDocumentNumber:string:35 invoiceDate:date postingDate:date
      dueDate:date promisedPayDate:date customerPurchaseOrderReference:string:35 customerId:guid customerNumber:string:20
      customerName:string:100:ro billToName:string:100:ro billToCustomerId:guid billToCustomerNumber:string:20
      shipToName:string:100 shipToContact:string:100 ${ADDRESS('sellTo', false)} ${ADDRESS('billTo', true)}
      ${ADDRESS('shipTo', false)} currencyId:guid shortcutDimension1Code:string:20 shortcutDimension2Code:string:20
      currencyCode:string orderId:guid:ro orderNumber:string:20:ro paymentTermsId:guid shipmentMethodId:guid
      salesperson:string:20 disputeStatusId:guid disputeStatus:string:10 pricesIncludeTax:bool remainingAmount:decimal:ro
      discountAmount:decimal discountAppliedBeforeTax:bool:ro totalAmountExcludingTax:decimal:ro totalTaxAmount:decimal:ro
      totalAmountIncludingTax:decimal:ro status:enum:ro lastModifiedDateTime:datetime:ro phoneNumber:string:30 email:string:80`),
  },
  salesInvoiceLine: {
    type: 'salesInvoiceLine',
    set: 'salesInvoiceLines',
    insertable: false,
    fields: fields(`${SALES_DOC_LINE_COMMON} itemVariantId:guid locationId:guid`),
  },
}

export function entityBySet(set: string): EntityDef | undefined {
  return Object.values(ENTITIES).find((e) => e.set === set)
}

export function fieldOf(entity: EntityDef, name: string): FieldDef | undefined {
  return entity.fields.find((x) => x.name === name)
}
