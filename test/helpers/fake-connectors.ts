/**
 * In-memory stand-ins for Centra and the ERP, implementing the engine's ports, for core tests
 * that need exact control (a failure on the Nth call, an answer lost after the write).
 * Connector and simulator behaviour is tested against the real simulators elsewhere.
 */
import type { ErpDocumentReadBack, ErpItem, ErpOrderRef, ErpSalesOrderDraft } from '../../src/shared/models/erp'
import { taxOnMinor } from '../../src/main/core/domains/money/tax'
import type { StoreOrder } from '../../src/shared/models/store-order'
import type { ErpOrderSink, OrderEvent, OrderEventQueue, OrderPage, StoreOrderSource } from '../../src/main/core/sync/ports'
import { ConnectorError } from '../../src/main/core/sync/connector-error'

export function storeOrder(number: number, lines: { sku: string; ean?: string; qty?: number; priceMinor?: number }[], overrides: Partial<StoreOrder> = {}): StoreOrder {
  const orderLines = lines.map((l, i) => ({
    lineId: number * 100 + i,
    kind: 'product' as const,
    sku: l.sku,
    ean: l.ean ?? null,
    productNumber: l.sku.slice(0, 6),
    size: 'M',
    productName: `Item ${l.sku}`,
    quantity: l.qty ?? 1,
    cancelledQuantity: 0,
    taxPercent: '25',
    unitPriceMinor: l.priceMinor ?? 10000,
    unitOriginalPriceMinor: l.priceMinor ?? 10000,
    lineValueMinor: (l.priceMinor ?? 10000) * (l.qty ?? 1),
  }))
  const lineValues = orderLines.reduce((a, l) => a + l.lineValueMinor, 0)
  return {
    centraId: `id${String(number).padStart(30, '0')}`,
    number,
    status: 'CONFIRMED',
    storeType: 'DIRECT_TO_CONSUMER',
    marketId: 1,
    marketName: 'Sweden',
    countryCode: 'SE',
    currency: 'SEK',
    conversionRate: '1',
    taxMode: 'included',
    orderDate: new Date(Date.UTC(2026, 10, 1, 0, number)).toISOString(),
    customerEmail: 'shopper@example.com',
    customerName: 'Shopper',
    lines: orderLines,
    totals: {
      lineValuesMinor: lineValues,
      discountsMinor: 0,
      shippingMinor: 0,
      handlingMinor: 0,
      taxIncludedMinor: Math.round(lineValues / 5),
      taxAddedMinor: 0,
      taxDeductedMinor: 0,
      grandTotalMinor: lineValues,
    },
    ...overrides,
  }
}

export class FakeCentra implements StoreOrderSource {
  calls = 0
  events?: OrderEventQueue
  /** called before each page; may wait or throw */
  beforePage: (page: number) => Promise<void> = async () => {}

  constructor(public orders: StoreOrder[]) {}

  async fetchOrdersPage(args: { since: string | null; page: number; limit: number; signal?: AbortSignal }): Promise<OrderPage> {
    this.calls++
    await this.beforePage(args.page)
    const since = args.since ? Date.parse(args.since) : -Infinity
    const matching = this.orders
      .filter((o) => Date.parse(o.orderDate) >= since)
      .sort((a, b) => Date.parse(a.orderDate) - Date.parse(b.orderDate))
    const slice = matching.slice((args.page - 1) * args.limit, args.page * args.limit)
    return { orders: slice, raw: slice.map((o) => ({ number: o.number })), hasMore: args.page * args.limit < matching.length }
  }
}

/** An at-least-once event queue like Centra's: the oldest unconfirmed events come back until confirmed. */
export class FakeEventQueue implements OrderEventQueue {
  private nextId = 1
  queue: OrderEvent[] = []
  subscribed = 0
  confirmed: number[] = []
  /** fail the confirm call (the events stay queued), as a dropped connection would */
  failConfirm = false

  constructor(private readonly centra: FakeCentra) {}

  push(orderNumber: number, changeType = 'UPDATED'): void {
    this.queue.push({ id: this.nextId++, orderNumber, changeType, order: null })
  }

  async subscribe(): Promise<void> {
    this.subscribed++
  }

  async next(limit: number): Promise<OrderEvent[]> {
    return this.queue.slice(0, limit)
  }

  async confirm(ids: number[]): Promise<void> {
    if (this.failConfirm) throw new ConnectorError({ system: 'centra', kind: 'offline', message: 'Centra cannot be reached.' })
    this.confirmed.push(...ids)
    this.queue = this.queue.filter((e) => !ids.includes(e.id))
  }

  async fetchOrder(number: number) {
    const order = this.centra.orders.find((o) => o.number === number)
    return order ? { order, raw: { number } } : null
  }
}

export class FakeErp implements ErpOrderSink {
  documents: ErpSalesOrderDraft[] = []
  createCalls = 0
  lookups = 0
  /** decides, per create call (1-based), whether to fail and how */
  failCreate: (call: number) => 'none' | 'ambiguous-after-write' | 'ambiguous-before-write' | 'invalid' | 'down' = () => 'none'
  /** called before each create; tests use it to slow the ERP down */
  beforeCreate: () => Promise<void> = async () => {}

  constructor(public items: ErpItem[]) {}

  /** each document keeps the id and number it was created with, whatever happens to the others */
  private seq = new WeakMap<ErpSalesOrderDraft, number>()
  private nextSeq = 0

  private ref(d: ErpSalesOrderDraft): ErpOrderRef {
    if (!this.seq.has(d)) this.seq.set(d, this.nextSeq++)
    const i = this.seq.get(d)!
    const total = d.lines.reduce((a, l) => a + l.unitPriceMinor * l.quantity - l.discountMinor, 0)
    // Only the read-back computes tax like an ERP; the create answer reports the gross as-is.
    return {
      id: `guid-${i}`,
      number: `SO${1000 + i}`,
      externalDocumentNumber: d.externalDocumentNumber,
      documentType: 'salesOrder',
      totalExcludingTaxMinor: Math.round(total * 0.8),
      totalTaxMinor: total - Math.round(total * 0.8),
      totalIncludingTaxMinor: total,
      currencyCode: d.currencyCode,
    }
  }

  async findByExternalDocumentNumber(key: string): Promise<ErpOrderRef | null> {
    this.lookups++
    const i = this.documents.findIndex((d) => d.externalDocumentNumber === key)
    return i >= 0 ? this.ref(this.documents[i]) : null
  }

  async createSalesOrder(draft: ErpSalesOrderDraft): Promise<ErpOrderRef> {
    this.createCalls++
    await this.beforeCreate()
    const mode = this.failCreate(this.createCalls)
    if (mode === 'ambiguous-before-write' || mode === 'down') {
      throw new ConnectorError({ system: 'erp', kind: 'retryable', ambiguous: mode === 'ambiguous-before-write', message: 'The ERP did not answer in time.' })
    }
    if (mode === 'invalid') {
      throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `Business Central rejected the order: customer ${draft.customerNumber} does not exist.` })
    }
    this.documents.push(draft)
    this.ref(draft) // numbered now, in creation order
    if (mode === 'ambiguous-after-write') {
      throw new ConnectorError({ system: 'erp', kind: 'retryable', ambiguous: true, message: 'The connection was reset.' })
    }
    return this.ref(draft)
  }

  async listItems(): Promise<ErpItem[]> {
    return this.items
  }

  /** order keys the warehouse has started shipping: the ERP refuses to change them */
  shipped = new Set<string>()

  async changeOpenOrder(ref: ErpOrderRef, draft: ErpSalesOrderDraft | null): Promise<{ done: ErpOrderRef | null } | { refused: string }> {
    if (this.shipped.has(ref.externalDocumentNumber)) return { refused: `the ERP has already shipped part of ${ref.number}.` }
    const i = this.documents.findIndex((d) => d.externalDocumentNumber === ref.externalDocumentNumber)
    if (i < 0) return { refused: `${ref.number} is no longer open.` }
    if (!draft) {
      this.documents.splice(i, 1)
      return { done: null }
    }
    this.documents[i] = draft
    return { done: this.ref(draft) }
  }

  /** added to the ERP's tax on the first line, to simulate a tax setup that differs from Centra's */
  taxSkewMinor = 0

  /** Computes like an ERP would: tax per line from the rate, totals from the lines. */
  async readDocument(ref: ErpOrderRef): Promise<ErpDocumentReadBack | null> {
    const d = this.documents.find((x) => x.externalDocumentNumber === ref.externalDocumentNumber)
    if (!d) return null
    const lines = d.lines.map((l, i) => {
      const amount = l.unitPriceMinor * l.quantity - l.discountMinor
      const tax = taxOnMinor(amount, l.taxPercent, d.pricesIncludeTax ? 'included' : 'added') + (i === 0 ? this.taxSkewMinor : 0)
      const excl = d.pricesIncludeTax ? amount - tax : amount
      return {
        id: `${ref.id}-${i}`,
        sequence: (i + 1) * 10000,
        kind: l.kind,
        number: l.number,
        description: l.description,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        discountMinor: l.discountMinor,
        taxCode: l.taxCode ?? 'STANDARD',
        taxPercent: l.taxPercent,
        amountExcludingTaxMinor: excl,
        taxMinor: tax,
        amountIncludingTaxMinor: excl + tax,
        netAmountMinor: excl,
        netTaxMinor: tax,
      }
    })
    const excl = lines.reduce((a, l) => a + l.netAmountMinor, 0)
    const tax = lines.reduce((a, l) => a + l.netTaxMinor, 0)
    return { ...ref, totalExcludingTaxMinor: excl, totalTaxMinor: tax, totalIncludingTaxMinor: excl + tax, lines }
  }
}

export const item = (number: string, gtin: string | null = null): ErpItem => ({ id: `item-${number}`, number, displayName: number, gtin })
