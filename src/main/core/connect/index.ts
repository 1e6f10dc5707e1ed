/**
 * Builds the connectors for a workspace from its config, resolving secrets at the last moment
 * so they live only inside the connector objects in core. The ERP is a setting: Business
 * Central's API, or file exchange.
 */
import type { WorkspaceConfig } from '../workspace/config'
import type { SecretResolver } from '../workspace/secrets'
import type { ConnectionProbe, ErpOrderSink, ErpShipmentSource, StoreOrderSource, StoreShipmentSink } from '../sync/ports'
import type { ErpStockSource, StoreStockSink } from '../sync/ports'
import { connectCentra } from './centra'
import { connectBusinessCentral } from './business-central'
import type { BcIdCache } from '../sync/connectors/bc'
import { connectFileExchange } from './file-exchange'
import type { StoreReturnSource } from '../sync/return-ports'
import type { ErpPostingRules } from '../sync/erp-rules'

export interface Connectors {
  store: StoreOrderSource
  erp: ErpOrderSink
  /** what the ERP accepts (currencies, field lengths), checked before posting */
  erpRules?: ErpPostingRules
  shipments?: ErpShipmentSource
  storeShipments?: StoreShipmentSink
  /** Centra returns, recorded for month-end and the order trace (never posted) */
  storeReturns?: StoreReturnSource
  /** stock: ERP availability in, Centra levels out (absent: the stock jobs say so) */
  stockSource?: ErpStockSource
  storeStock?: StoreStockSink
  /** read-only checks behind "Test connection" */
  probes?: { store: ConnectionProbe; erp: ConnectionProbe }
}

/** What connectors may keep in the workspace store (handed over by core; connectors never see repos). */
export interface ConnectorStores {
  /** Business Central item and variant ids, so a restart does not read every item again */
  bcIds?: BcIdCache
}

export function connectFromConfig(config: WorkspaceConfig, secrets: SecretResolver, stores: ConnectorStores = {}): Connectors {
  const quantityType = () => config.stock.quantityType
  const centra = connectCentra(config.centra, secrets, quantityType)
  const erp = config.erp.kind === 'business-central' ? connectBusinessCentral(config.erp, secrets, quantityType, stores.bcIds) : connectFileExchange(config.erp)
  return {
    store: centra.store,
    storeShipments: centra.storeShipments,
    storeReturns: centra.storeReturns,
    erp: erp.erp,
    erpRules: erp.rules,
    shipments: erp.shipments,
    stockSource: erp.stock,
    storeStock: centra.storeStock,
    probes: { store: centra.probe, erp: erp.probe },
  }
}
