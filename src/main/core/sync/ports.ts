/**
 * What the sync engine needs from each external system. Connectors implement these; the engine
 * never sees HTTP, and connectors never see the store (they get what they need from the engine).
 */
import type { ErpCustomer, ErpCustomerDraft, ErpDocumentReadBack, ErpItem, ErpItemVariant, ErpLocation, ErpOrderRef, ErpSalesOrderDraft } from '../../../shared/models/erp'
import type { StoreOrder } from '../../../shared/models/store-order'

export interface OrderPage {
  orders: StoreOrder[]
  /** raw JSON of each order as Centra sent it, same order as `orders` */
  raw: unknown[]
  hasMore: boolean
}

/** An order event from the store's change feed (at-least-once: the same event may come again). */
export interface OrderEvent {
  id: number
  orderNumber: number
  changeType: string
  /** the order as the event carried it, when it did */
  order: { order: StoreOrder; raw: unknown } | null
}

/** The store's event queue: subscribe once, read the oldest unconfirmed, confirm after commit. */
export interface OrderEventQueue {
  /** Idempotent: subscribing again changes nothing. */
  subscribe(signal?: AbortSignal): Promise<void>
  next(limit: number, signal?: AbortSignal): Promise<OrderEvent[]>
  confirm(ids: number[], signal?: AbortSignal): Promise<void>
  fetchOrder(number: number, signal?: AbortSignal): Promise<{ order: StoreOrder; raw: unknown } | null>
}

export interface StoreOrderSource {
  /** present when the store offers a change feed; polling stays on as the fallback */
  events?: OrderEventQueue
  /**
   * Orders whose orderDate is at or after `since` (ISO; null = from the beginning), oldest first.
   * Pages are 1-based. Replays are expected: callers upsert by Centra id.
   */
  fetchOrdersPage(args: { since: string | null; page: number; limit: number; signal?: AbortSignal }): Promise<OrderPage>
}

export interface ErpOrderSink {
  /** Look the idempotency key up among open orders and posted invoices; null when absent. */
  findByExternalDocumentNumber(externalDocumentNumber: string, signal?: AbortSignal): Promise<ErpOrderRef | null>
  /** The same for many keys with few requests; a key missing from the answer is not in the ERP. */
  findManyByExternalDocumentNumber?(keys: string[], signal?: AbortSignal): Promise<Map<string, ErpOrderRef>>
  createSalesOrder(draft: ErpSalesOrderDraft, signal?: AbortSignal): Promise<ErpOrderRef>
  /**
   * Replaces an order still open in the ERP with a new draft, or deletes it (null draft), unless
   * the ERP has shipped any of it or it was changed there meanwhile: then it refuses, with why.
   */
  changeOpenOrder?(ref: ErpOrderRef, draft: ErpSalesOrderDraft | null, signal?: AbortSignal): Promise<{ done: ErpOrderRef | null } | { refused: string }>
  /** Creates the customer unless it exists (looked up by number first); safe to repeat. */
  ensureCustomer?(customer: ErpCustomerDraft, signal?: AbortSignal): Promise<void>
  listItems(signal?: AbortSignal): Promise<ErpItem[]>
  /** The ERP's item variants, where it keeps sizes as variants of one item (Business Central). */
  listItemVariants?(signal?: AbortSignal): Promise<ErpItemVariant[]>
  /** Where the ERP keeps stock: what a Centra warehouse is mapped to. */
  listLocations?(signal?: AbortSignal): Promise<ErpLocation[]>
  listCustomers?(signal?: AbortSignal): Promise<ErpCustomer[]>
  /** Publishes anything the sink holds back for batching (file exchange per batch); called at the end of a run. */
  flush?(signal?: AbortSignal): Promise<unknown>
  /** The document as the ERP computed it (totals, tax per line); absent where the ERP cannot tell. */
  readDocument?(ref: ErpOrderRef, signal?: AbortSignal): Promise<ErpDocumentReadBack | null>
  /** The same for many documents with few requests, keyed by document id. */
  readDocuments?(refs: ErpOrderRef[], signal?: AbortSignal): Promise<Map<string, ErpDocumentReadBack>>
}

/** A shipment as the ERP or the warehouse reports it. */
export interface ErpShipment {
  /** where it comes from: the ERP's API, or a warehouse confirmation file */
  source?: 'erp' | 'file'
  /** stable id of the shipment at its source */
  id: string
  /** what people see, e.g. the ERP's posted shipment number */
  number: string
  /** our idempotency key on the ERP order (prefix + Centra order number) */
  externalDocumentNumber: string
  shippedAt: string | null
  carrier: string | null
  trackingNumber: string | null
  lines: { itemNumber: string; quantity: number }[]
}

export interface ErpShipmentSource {
  /**
   * Hands each batch of shipments newer than the cursor to `commit`, which stores them (and the
   * next cursor) in one transaction. The source moves on — advances its cursor, archives a
   * warehouse file — only after `commit` returned, so a crash never loses a shipment.
   */
  consume(cursor: string | null, commit: (batch: ErpShipment[], nextCursor: string | null) => void, signal?: AbortSignal): Promise<void>
}

export interface StoreShipment {
  id: number
  lines: { orderLineId: number | null; quantity: number }[]
  isShipped: boolean
  isPaid: boolean
  isCaptured: boolean
}

/** What fulfilment needs from the store: shipments for an order, and the steps of one. */
export interface StoreShipmentSink {
  shipmentsForOrder(orderNumber: number, signal?: AbortSignal): Promise<StoreShipment[]>
  createShipment(args: { orderNumber: number; lines: { lineId: number; quantity: number }[]; additionalMessage: string }, signal?: AbortSignal): Promise<StoreShipment>
  completeShipment(id: number, args: { shippedAt: string | null; sendEmail: boolean; carrier: string | null; trackingNumber: string | null }, signal?: AbortSignal): Promise<StoreShipment>
  capture(id: number, signal?: AbortSignal): Promise<StoreShipment>
  markPaid(id: number, signal?: AbortSignal): Promise<StoreShipment>
}

/** One thing tried against a connection (sign in, read orders…), in words for a business user. */
export interface ProbeCheck {
  name: string
  ok: boolean
  detail: string
}

/** Tries a connection without changing anything in the remote system. */
export type ConnectionProbe = () => Promise<ProbeCheck[]>

/** ERP availability for one item (and variant) at one location. */
export interface ErpStockRow {
  itemNumber: string
  variant?: string | null
  location: string
  quantity: number
}

export interface ErpStockSource {
  /** Everything the ERP has on stock now (BC: one total per item, at the main location). */
  readStock(signal?: AbortSignal): Promise<ErpStockRow[]>
}

/**
 * A Centra size with its stock. Centra reports stock per size as one total over all its
 * warehouses (`stockTotals`), not per warehouse: see planStock for how the diff copes.
 */
export interface StoreStockSize {
  sku: string
  sizeId: number
  variantId: number
  /** Centra's total of the configured quantity type (physical or free to allocate); null when Centra gave none */
  total: number | null
}

export interface StoreStockSink {
  readLevels(signal?: AbortSignal): Promise<StoreStockSize[]>
  /** Absolute levels for many sizes in one warehouse; a rejected row comes back by SKU and never fails the rest. */
  setStock(
    args: { warehouseId: number; quantityType: 'PHYSICAL' | 'FREE_TO_ALLOCATE'; description: string; levels: { sku: string; variantId: number; sizeId: number; quantity: number }[] },
    signal?: AbortSignal,
  ): Promise<{ stockChangeIds: number[]; rejected: { sku: string; message: string }[] }>
}
