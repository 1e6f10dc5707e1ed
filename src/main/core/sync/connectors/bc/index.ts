/** Business Central connector (API v2.0): see adapter.ts for what it offers the engine. */
export { createBcAdapter, type BcAdapter, type BcAdapterOptions, type BcOrderWithLines, type BcShipment, type BcCustomer, type AvailabilityEndpoint, type ErpAvailability } from './adapter'
export { createItemIdResolver, type BcIdCache } from './item-ids'
export { BcClient, redactUrl, type BcClientOptions, type BcLogEvent, type BcRequest, type BcResponse } from './client'
export { BcConnectorError, explainOrderRejection, parseBcError } from './errors'
export { toBcSalesOrder, toErpOrderRef, toLineReadBack, type ErpOrderLineReadBack } from './mappers/sales-order'
export { toErpItem } from './mappers/item'
