/** The Centra connector: client (HTTP), adapter (Centra's operations), mappers (pure), documents. */
export {
  createCentraAdapter,
  type CentraAdapter,
  type CentraAdapterOptions,
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
