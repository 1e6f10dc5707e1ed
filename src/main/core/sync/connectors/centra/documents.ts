/**
 * The GraphQL documents Instep sends to Centra, in one place so a test can validate every one
 * of them against the simulator's schema. Selections are kept to what the mappers read
 * (Centra charges complexity per field). Money is read twice where the tax mode matters:
 * `unitPrice` defaults to includingTax: true, and the net alias serves tax-added markets.
 */
export const MONEY_FIELDS = /* GraphQL */ `
fragment InstepMoney on MonetaryValue {
  value
  currency { code }
  conversionRate
}
`

export const ORDER_FIELDS = /* GraphQL */ `
fragment InstepOrder on Order {
  __typename
  id
  number
  status
  isOnHold
  store { type }
  market { id name }
  orderDate
  grandTotal { ...InstepMoney }
  totals {
    lineValues { value }
    discounts { value }
    shipping { value }
    handling { value }
    taxIncluded { value }
    taxAdded { value }
    taxDeducted { value }
  }
  discountsApplied {
    value { value }
    ... on AppliedDiscount { discount { code name } }
  }
  lines(includeFullyCancelled: true) {
    __typename
    id
    productName
    productNumber
    size
    quantity
    cancelledQuantity
    taxPercent
    unitPrice { value }
    unitPriceNet: unitPrice(includingTax: false) { value }
    unitOriginalPrice { value }
    unitOriginalPriceNet: unitOriginalPrice(includingTax: false) { value }
    lineValue { value }
    lineValueNet: lineValue(includingTax: false) { value }
    productSize { SKU EAN }
  }
  shippingAddress { firstName lastName email country { code } }
  ... on DirectToConsumerOrder { customer { email firstName lastName } }
  ... on WholesaleOrder { buyer { email firstName lastName } }
}
`

/** One page of orders placed at or after a date, oldest first; `where` is an OrderFilter. */
export const ORDERS_PAGE = /* GraphQL */ `
query InstepOrdersPage($where: OrderFilter, $limit: Int!, $page: Int!) {
  orders(where: $where, sort: [orderDate_ASC, id_ASC], limit: $limit, page: $page) {
    ...InstepOrder
  }
}
${ORDER_FIELDS}
${MONEY_FIELDS}
`

/** One order by number (what the events queue and webhooks hand out). */
export const ORDER_BY_NUMBER = /* GraphQL */ `
query InstepOrderByNumber($number: Int!) {
  orders(where: { number: [$number] }, limit: 1) {
    ...InstepOrder
  }
}
${ORDER_FIELDS}
${MONEY_FIELDS}
`

/** Current quotas; needs no permission, but counts against the request budget itself. */
export const RATE_LIMITS = /* GraphQL */ `
query InstepRateLimits {
  rateLimits { type intervalSeconds quota usedQuota remainingQuota }
}
`

/** A cheap call that proves URL and token work ("Test connection"). */
export const PING = /* GraphQL */ `
query InstepPing {
  currencies(where: { isBase: true }) { code }
}
`

const USER_ERRORS = 'userErrors { message path } userWarnings { message path }'

// ---------------- events queue ----------------

/** Additive and idempotent; no changeTypes = all of them. */
export const SET_EVENT_LISTENERS = /* GraphQL */ `
mutation InstepSetEventListeners($input: [EventListenerInput!]!) {
  setEventListeners(input: $input) {
    eventListeners { objectType changeTypes }
    ${USER_ERRORS}
  }
}
`

/** Oldest unconfirmed events first; orders come with their current state, so no second call is needed. */
export const EVENTS = /* GraphQL */ `
query InstepEvents($where: EventFilter, $limit: Int) {
  events(where: $where, limit: $limit) {
    id
    objectType
    changeType
    objectReference
    createdAt
    object {
      __typename
      ...InstepOrder
    }
  }
}
${ORDER_FIELDS}
${MONEY_FIELDS}
`

export const CONFIRM_EVENTS = /* GraphQL */ `
mutation InstepConfirmEvents($ids: [Int!]!) {
  confirmEvents(input: { eventsIds: $ids }) {
    ${USER_ERRORS}
  }
}
`

// ---------------- order-to-cash ----------------

export const CONFIRM_ORDER = /* GraphQL */ `
mutation InstepConfirmOrder($order: OrderInput!) {
  confirmOrder(input: { order: $order }) {
    order { number status }
    ${USER_ERRORS}
  }
}
`

export const CANCEL_ORDER_LINES = /* GraphQL */ `
mutation InstepCancelOrderLines($order: OrderInput!, $lines: [OrderLineCancelInput!]!, $comment: String) {
  updateDirectToConsumerOrder(order: $order, input: { cancelLines: $lines, cancellationComment: $comment }) {
    order { ...InstepOrder }
    ${USER_ERRORS}
  }
}
${ORDER_FIELDS}
${MONEY_FIELDS}
`

export const SET_ORDERS_LOCK = /* GraphQL */ `
mutation InstepSetOrdersLock($orders: [OrderInput!]!, $isLocked: Boolean!) {
  setOrdersLock(input: { orders: $orders, isLocked: $isLocked }) {
    orders { number isLocked }
    ${USER_ERRORS}
  }
}
`

const SHIPMENT_FIELDS = /* GraphQL */ `
fragment InstepShipment on Shipment {
  id
  number
  order { number status }
  isGoodToGo
  isPaid
  isCaptured
  isShipped
  shippedAt
  trackingNumber
  grandTotal { value currency { code } }
  lines { id quantity orderLine { id } }
}
`

export const CREATE_SHIPMENT = /* GraphQL */ `
mutation InstepCreateShipment($input: ShipmentCreateInput!) {
  createShipment(input: $input) {
    shipment { ...InstepShipment }
    ${USER_ERRORS}
  }
}
${SHIPMENT_FIELDS}
`

export const COMPLETE_SHIPMENT = /* GraphQL */ `
mutation InstepCompleteShipment($id: Int!, $input: ShipmentCompleteInput!) {
  completeShipment(id: $id, input: $input) {
    shipment { ...InstepShipment }
    ${USER_ERRORS}
  }
}
${SHIPMENT_FIELDS}
`

export const UPDATE_SHIPMENT = /* GraphQL */ `
mutation InstepUpdateShipment($id: Int!, $input: ShipmentUpdateInput!) {
  updateShipment(id: $id, input: $input) {
    shipment { ...InstepShipment }
    ${USER_ERRORS}
  }
}
${SHIPMENT_FIELDS}
`

export const CAPTURE_SHIPMENT = /* GraphQL */ `
mutation InstepCaptureShipment($id: Int!) {
  captureShipment(id: $id) {
    shipment { ...InstepShipment }
    paymentHistoryEntry { id status entryType value { value } }
    ${USER_ERRORS}
  }
}
${SHIPMENT_FIELDS}
`

/** Shipments of some orders: the look-up after an ambiguous createShipment. */
export const SHIPMENTS_FOR_ORDERS = /* GraphQL */ `
query InstepShipmentsForOrders($numbers: [Int!]!, $limit: Int!) {
  shipments(where: { orderNumber: $numbers }, limit: $limit) { ...InstepShipment }
}
${SHIPMENT_FIELDS}
`

// ---------------- stock and catalog ----------------

export const SET_STOCK = /* GraphQL */ `
mutation InstepSetStock($input: StockSetInput!) {
  setStock(input: $input) {
    stockChanges { id }
    ${USER_ERRORS}
  }
}
`

export const CHANGE_STOCK = /* GraphQL */ `
mutation InstepChangeStock($input: StockChangeInput!) {
  changeStock(input: $input) {
    stockChange { id }
    ${USER_ERRORS}
  }
}
`

export const WAREHOUSES = /* GraphQL */ `
query InstepWarehouses {
  warehouses { id name }
}
`

/** Sizes with their SKU parts and GTIN, for mapping; freeToAllocateQuantity is the cheap stock figure. */
export const PRODUCT_SIZES = /* GraphQL */ `
query InstepProductSizes($limit: Int!, $page: Int!, $withStock: Boolean = false) {
  productSizes(limit: $limit, page: $page) {
    id
    SKU
    EAN
    sizeNumber
    description
    isActive
    productVariant { id variantNumber name product { id productNumber name } }
    stockTotals @include(if: $withStock) { freeToAllocateQuantity physicalQuantity }
  }
}
`

/**
 * Stock per size for the stock sync: the least that identifies a size plus one stock figure.
 * Centra counts freeToAllocateQuantity as free and the other stock quantities as expensive, so
 * physical stock is asked for only when the workspace pushes physical levels.
 */
export const SIZE_STOCK_FREE = /* GraphQL */ `
query InstepSizeStockFree($limit: Int!, $page: Int!) {
  productSizes(limit: $limit, page: $page) { id SKU size { id } productVariant { id } stockTotals { freeToAllocateQuantity } }
}
`

export const SIZE_STOCK_PHYSICAL = /* GraphQL */ `
query InstepSizeStockPhysical($limit: Int!, $page: Int!) {
  productSizes(limit: $limit, page: $page) { id SKU size { id } productVariant { id } stockTotals { physicalQuantity } }
}
`

export const SET_ID_CONVERSIONS = /* GraphQL */ `
mutation InstepSetIdConversions($input: [IdConversionSetInput!]!) {
  setIdConversions(input: $input) {
    entries { id objectType internalId externalId }
    ${USER_ERRORS}
  }
}
`

export const ID_CONVERSIONS = /* GraphQL */ `
query InstepIdConversions($where: IdConversionFilter) {
  idConversions(where: $where) { id objectType internalId externalId }
}
`

export const MARKETS = /* GraphQL */ `
query InstepMarkets {
  markets { id name assignedToCountries { name code } }
}
`

export const BUNDLES = /* GraphQL */ `
query InstepBundles($limit: Int!, $page: Int!) {
  bundles(limit: $limit, page: $page) {
    id
    type
    priceType
    product { id name productNumber }
    sections { id quantity productVariants { id variantNumber product { productNumber } } }
  }
}
`

export const ALL_DOCUMENTS: Record<string, string> = {
  MARKETS,
  BUNDLES,
  ID_CONVERSIONS,
  ORDERS_PAGE,
  ORDER_BY_NUMBER,
  RATE_LIMITS,
  PING,
  SET_EVENT_LISTENERS,
  EVENTS,
  CONFIRM_EVENTS,
  CONFIRM_ORDER,
  CANCEL_ORDER_LINES,
  SET_ORDERS_LOCK,
  CREATE_SHIPMENT,
  COMPLETE_SHIPMENT,
  UPDATE_SHIPMENT,
  CAPTURE_SHIPMENT,
  SHIPMENTS_FOR_ORDERS,
  SET_STOCK,
  CHANGE_STOCK,
  WAREHOUSES,
  PRODUCT_SIZES,
  SET_ID_CONVERSIONS,
}
