/**
 * The Centra connector: client (the only HTTP code), adapter (Centra's operations in its own
 * terms, implementing the engine's StoreOrderSource), mappers (pure), documents (GraphQL).
 *
 * Defaults worth knowing: 40 requests, 15 mutations and 180 000 complexity points per 10 s
 * (inside Centra's default tier, leaving room for the store's other integrations), 4 in flight,
 * 30 s per call, 5 attempts for retryable failures. Mutations are retried only when Centra
 * certainly did not run them (429, connection refused). The tax-mode rule is in mappers/order.ts.
 */
export {
  createCentraAdapter,
  type CentraAdapter,
  type CentraAdapterOptions,
  type CentraBundle,
  type CentraRateLimit,
  type CentraEvent,
  type CentraChangeType,
  type CentraWarning,
  type CreateShipmentArgs,
  type ShipmentInfo,
  type StockLevel,
  type CentraIdConversion,
  toCentraDateTime,
} from './adapter'
export type { CentraShipment, CentraProductSize } from './mappers/fulfilment'
export { createCentraClient, DEFAULT_LIMITS, DEFAULT_RETRY, type CentraClient, type CentraClientOptions, type CentraLimits, type CentraLogEntry, type CentraRetryPolicy } from './client'
export { mapCentraOrder, mapCentraOrderLine, deriveTaxMode, CentraMappingError } from './mappers/order'
export { ALL_DOCUMENTS } from './documents'
