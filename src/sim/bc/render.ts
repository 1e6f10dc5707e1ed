/**
 * Business Central's JSON presentation of the simulator's records: field order and defaults as
 * BC serialises them (empty GUIDs, `0001-01-01`, escaped enum names), totals from the tax maths.
 */
import Decimal from 'decimal.js'
import type { EntityDef } from './schema'
import {
  EMPTY_DATE,
  EMPTY_GUID,
  type BcStore,
  type CurrencyRec,
  type CustomerRec,
  type DocRec,
  type ItemRec,
  type LineRec,
  type ShipmentRec,
  type SimpleRec,
} from './store'
import { calculateDocument, type TaxLineInput } from './tax'

type Json = Record<string, unknown>

export class BcView {
  constructor(private readonly store: BcStore) {}

  computeDoc(doc: DocRec) {
    const inputs: TaxLineInput[] = doc.lines
      .filter((l) => l.lineType !== 'Comment')
      .map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountAmount: l.discountAmount,
        discountPercent: l.discountPercent,
        taxIdentifier: l.taxIdentifier,
        taxPercent: l.taxPercent,
      }))
    const result = calculateDocument({
      lines: inputs,
      pricesIncludeTax: doc.pricesIncludeTax,
      precision: this.store.precisionOf(doc.currencyCode),
      invoiceDiscountAmount: doc.discountAmount,
      salesTax: this.store.salesTax,
    })
    const byLine = new Map<LineRec, (typeof result.lines)[number]>()
    let i = 0
    for (const l of doc.lines) if (l.lineType !== 'Comment') byLine.set(l, result.lines[i++])
    return { result, byLine }
  }

  /**
   * `light` skips the tax calculation (totals read 0, no lines): list requests filter and page
   * on light rows and render only the page, so look-ups stay cheap with thousands of orders.
   */
  renderDoc(doc: DocRec, expandLines: boolean, light = false): Json {
    const { result, byLine } = light ? { result: EMPTY_TOTALS, byLine: new Map() } : this.computeDoc(doc)
    const c = doc.customer
    const h = doc.header
    const base: Json = {
      '@odata.etag': doc.etag,
      id: doc.id,
      number: doc.number,
      externalDocumentNumber: h.externalDocumentNumber ?? '',
    }
    if (doc.kind === 'salesOrder') {
      Object.assign(base, { orderDate: h.orderDate, postingDate: h.postingDate ?? EMPTY_DATE })
    } else {
      Object.assign(base, {
        invoiceDate: h.invoiceDate ?? h.orderDate,
        postingDate: h.postingDate ?? EMPTY_DATE,
        dueDate: h.dueDate ?? EMPTY_DATE,
        promisedPayDate: EMPTY_DATE,
        customerPurchaseOrderReference: h.customerPurchaseOrderReference ?? '',
      })
    }
    Object.assign(base, {
      customerId: c.id,
      customerNumber: c.number,
      customerName: c.displayName,
      billToName: c.displayName,
      billToCustomerId: c.id,
      billToCustomerNumber: c.number,
      shipToName: h.shipToName ?? c.displayName,
      shipToContact: h.shipToContact ?? '',
    })
    for (const prefix of ['sellTo', 'billTo', 'shipTo']) {
      for (const s of ['AddressLine1', 'AddressLine2', 'City', 'Country', 'State', 'PostCode']) {
        const key = `${prefix}${s}`
        base[key] = h[key] ?? (s === 'Country' ? c.country : '')
      }
    }
    Object.assign(base, {
      shortcutDimension1Code: h.shortcutDimension1Code ?? '',
      shortcutDimension2Code: h.shortcutDimension2Code ?? '',
      currencyId: this.store.currencyIdOf(doc.currencyCode),
      currencyCode: doc.currencyCode,
    })
    if (doc.kind === 'salesInvoice') {
      Object.assign(base, { orderId: doc.orderId, orderNumber: doc.orderNumber })
    }
    Object.assign(base, {
      pricesIncludeTax: doc.pricesIncludeTax,
      paymentTermsId: h.paymentTermsId ?? EMPTY_GUID,
      shipmentMethodId: h.shipmentMethodId ?? EMPTY_GUID,
      salesperson: h.salesperson ?? '',
    })
    if (doc.kind === 'salesOrder') {
      Object.assign(base, { partialShipping: h.partialShipping ?? true, requestedDeliveryDate: h.requestedDeliveryDate ?? EMPTY_DATE })
    } else {
      Object.assign(base, {
        disputeStatusId: EMPTY_GUID,
        disputeStatus: '',
        remainingAmount: num(result.totalAmountIncludingTax),
      })
    }
    Object.assign(base, {
      discountAmount: num(doc.discountAmount),
      discountAppliedBeforeTax: this.store.salesTax,
      totalAmountExcludingTax: num(result.totalAmountExcludingTax),
      totalTaxAmount: num(result.totalTaxAmount),
      totalAmountIncludingTax: num(result.totalAmountIncludingTax),
    })
    if (doc.kind === 'salesOrder') base.fullyShipped = doc.lines.every((l) => l.shippedQuantity.gte(l.quantity))
    Object.assign(base, {
      status: doc.status,
      lastModifiedDateTime: doc.lastModifiedDateTime,
      phoneNumber: h.phoneNumber ?? '',
      email: h.email ?? '',
    })
    if (expandLines && !light) {
      base[doc.kind === 'salesOrder' ? 'salesOrderLines' : 'salesInvoiceLines'] = doc.lines.map((l) =>
        this.renderLine(doc, l, byLine.get(l)),
      )
    }
    return base
  }

  computeAndRenderLines(doc: DocRec): Json[] {
    const { byLine } = this.computeDoc(doc)
    return doc.lines.map((l) => this.renderLine(doc, l, byLine.get(l)))
  }

  renderLineOf(doc: DocRec, line: LineRec): Json {
    return this.renderLine(doc, line, this.computeDoc(doc).byLine.get(line))
  }

  private renderLine(doc: DocRec, l: LineRec, calc: ReturnType<BcView['computeDoc']>['result']['lines'][number] | undefined): Json {
    const zero = 0
    const out: Json = {
      '@odata.etag': l.etag,
      id: l.id,
      documentId: doc.id,
      sequence: l.sequence,
      itemId: l.itemId,
      accountId: l.accountId,
      lineType: l.lineType,
      lineObjectNumber: l.lineObjectNumber,
      description: l.description,
      description2: l.description2,
      unitOfMeasureId: EMPTY_GUID,
      unitOfMeasureCode: l.unitOfMeasureCode,
      quantity: num(l.quantity),
      unitPrice: num(l.unitPrice),
      discountAmount: calc ? num(calc.lineDiscountAmount) : zero,
      discountPercent: calc ? num(calc.lineDiscountPercent) : zero,
      discountAppliedBeforeTax: this.store.salesTax,
      amountExcludingTax: calc ? num(calc.amountExcludingTax) : zero,
      taxCode: l.taxIdentifier,
      taxPercent: calc ? num(calc.taxPercent.toDecimalPlaces(5)) : zero,
      totalTaxAmount: calc ? num(calc.totalTaxAmount) : zero,
      amountIncludingTax: calc ? num(calc.amountIncludingTax) : zero,
      invoiceDiscountAllocation: calc ? num(calc.invoiceDiscountAllocation) : zero,
      netAmount: calc ? num(calc.amount) : zero,
      netTaxAmount: calc ? num(calc.amountIncludingVat.minus(calc.vatBase)) : zero,
      netAmountIncludingTax: calc ? num(calc.amountIncludingVat) : zero,
      shipmentDate: l.shipmentDate,
    }
    if (doc.kind === 'salesOrder') {
      Object.assign(out, {
        shippedQuantity: num(l.shippedQuantity),
        invoicedQuantity: num(l.invoicedQuantity),
        invoiceQuantity: num(l.invoiceQuantity),
        shipQuantity: num(l.shipQuantity),
      })
    }
    out.itemVariantId = l.itemVariantId
    out.locationId = l.locationId
    return out
  }

  renderShipment(s: ShipmentRec, expandLines: boolean): Json {
    const order = this.renderDoc(s.order, false)
    const out: Json = {
      '@odata.etag': s.etag,
      id: s.id,
      number: s.number,
      externalDocumentNumber: order.externalDocumentNumber,
      invoiceDate: order.orderDate,
      postingDate: s.postingDate,
      dueDate: s.postingDate,
      customerPurchaseOrderReference: '',
      customerId: order.customerId,
      customerNumber: order.customerNumber,
      customerName: order.customerName,
      billToName: order.billToName,
      billToCustomerId: order.billToCustomerId,
      billToCustomerNumber: order.billToCustomerNumber,
      shipToName: order.shipToName,
      shipToContact: order.shipToContact,
      currencyCode: order.currencyCode,
      orderNumber: s.order.number,
      paymentTermsCode: '',
      shipmentMethodCode: '',
      salesperson: order.salesperson,
      pricesIncludeTax: order.pricesIncludeTax,
      lastModifiedDateTime: s.lastModifiedDateTime,
      phoneNumber: order.phoneNumber,
      email: order.email,
    }
    if (expandLines) out.salesShipmentLines = s.lines.map((sl) => this.renderShipmentLine(s, sl))
    return out
  }

  renderShipmentLine(s: ShipmentRec, sl: ShipmentRec['lines'][number]): Json {
    return {
      '@odata.etag': s.etag,
      id: sl.id,
      documentId: s.id,
      documentNo: s.number,
      sequence: sl.sequence,
      lineType: sl.line.lineType,
      lineObjectNumber: sl.line.lineObjectNumber,
      description: sl.line.description,
      description2: sl.line.description2,
      unitOfMeasureCode: sl.line.unitOfMeasureCode,
      unitPrice: num(sl.line.unitPrice),
      quantity: num(sl.quantity),
      discountPercent: num(sl.line.discountPercent ?? new Decimal(0)),
      taxPercent: num(sl.line.taxPercent),
      shipmentDate: s.postingDate,
    }
  }

  renderItem(i: ItemRec): Json {
    return {
      '@odata.etag': i.etag,
      id: i.id,
      number: i.number,
      displayName: i.displayName,
      displayName2: '',
      type: 'Inventory',
      itemCategoryId: EMPTY_GUID,
      itemCategoryCode: '',
      blocked: false,
      gtin: i.gtin,
      inventory: num(i.inventory),
      unitPrice: num(i.unitPrice),
      priceIncludesTax: false,
      unitCost: num(i.unitPrice.mul('0.4').toDecimalPlaces(2)),
      taxGroupId: this.store.taxGroups.find((g) => g.code === i.taxGroupCode)?.id ?? EMPTY_GUID,
      taxGroupCode: i.taxGroupCode,
      baseUnitOfMeasureId: EMPTY_GUID,
      baseUnitOfMeasureCode: 'PCS',
      generalProductPostingGroupId: EMPTY_GUID,
      generalProductPostingGroupCode: 'RETAIL',
      inventoryPostingGroupId: EMPTY_GUID,
      inventoryPostingGroupCode: 'RESALE',
      lastModifiedDateTime: i.lastModifiedDateTime,
    }
  }

  renderCustomer(c: CustomerRec): Json {
    return {
      '@odata.etag': c.etag,
      id: c.id,
      number: c.number,
      displayName: c.displayName,
      type: 'Company',
      addressLine1: '',
      addressLine2: '',
      city: '',
      state: '',
      country: c.country,
      postalCode: '',
      phoneNumber: '',
      email: '',
      website: '',
      salespersonCode: '',
      balanceDue: 0,
      creditLimit: 0,
      taxLiable: c.taxLiable,
      taxAreaId: EMPTY_GUID,
      taxAreaDisplayName: c.taxAreaDisplayName,
      taxRegistrationNumber: '',
      currencyId: this.store.currencyIdOf(c.currencyCode),
      currencyCode: c.currencyCode,
      paymentTermsId: EMPTY_GUID,
      shipmentMethodId: EMPTY_GUID,
      paymentMethodId: EMPTY_GUID,
      blocked: '_x0020_',
      lastModifiedDateTime: c.lastModifiedDateTime,
    }
  }

  renderCurrency(c: CurrencyRec): Json {
    return {
      '@odata.etag': c.etag,
      id: c.id,
      code: c.code,
      displayName: c.displayName,
      symbol: '',
      amountDecimalPlaces: c.decimals === 0 ? '0:0' : `${c.decimals}:${c.decimals}`,
      amountRoundingPrecision: num(c.precision),
      lastModifiedDateTime: c.lastModifiedDateTime,
    }
  }

  renderSimple(entity: EntityDef, r: SimpleRec): Json {
    const out: Json = { '@odata.etag': r.etag }
    for (const def of entity.fields) {
      if (def.type === 'stream') continue
      out[def.name] = def.name in r ? r[def.name] : def.type === 'guid' ? EMPTY_GUID : def.type === 'string' ? '' : null
    }
    return out
  }
}

const EMPTY_TOTALS = {
  lines: [],
  totalAmountExcludingTax: new Decimal(0),
  totalTaxAmount: new Decimal(0),
  totalAmountIncludingTax: new Decimal(0),
}

function num(d: Decimal): number {
  return Number(d.toString())
}
