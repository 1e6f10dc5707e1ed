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

export const ALL_DOCUMENTS: Record<string, string> = { ORDERS_PAGE, ORDER_BY_NUMBER, RATE_LIMITS, PING }
