/** Business Central through its API v2.0: orders in, read-back, posted shipments out. */
import type { WorkspaceConfig } from '../workspace/config'
import type { SecretResolver } from '../workspace/secrets'
import type { ConnectionProbe, ErpOrderSink, ErpShipmentSource, ErpStockSource } from '../sync/ports'
import { bcStockSource } from './erp-stock'
import { probeBusinessCentral } from './probe'
import { createBcAdapter, type BcIdCache } from '../sync/connectors/bc'
import { bcPostingRules } from '../sync/connectors/bc/posting-rules'
import type { ErpPostingRules } from '../sync/erp-rules'

type BcConfig = Extract<WorkspaceConfig['erp'], { kind: 'business-central' }>

export function connectBusinessCentral(
  config: BcConfig,
  secrets: SecretResolver,
  quantityType: () => 'PHYSICAL' | 'FREE_TO_ALLOCATE',
  idCache?: BcIdCache,
): { erp: ErpOrderSink; shipments: ErpShipmentSource; stock: ErpStockSource; rules: ErpPostingRules; probe: ConnectionProbe } {
  const bc = createBcAdapter({
    baseUrl: config.baseUrl,
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: secrets.resolve(config.clientSecret, 'The Business Central client secret'),
    companyId: config.companyId,
    companyName: config.companyName,
    timeoutMs: config.timeoutMs,
    idCache,
  })
  const erp: ErpOrderSink = {
    findByExternalDocumentNumber: (key, signal) => bc.findByExternalDocumentNumber(key, signal),
    createSalesOrder: (draft, signal) => bc.createSalesOrder(draft, signal),
    ensureCustomer: (customer, signal) => bc.ensureCustomer(customer, signal),
    changeOpenOrder: (ref, draft, signal) => bc.changeOpenOrder(ref, draft, signal),
    listItems: (signal) => bc.listItems(signal),
    listItemVariants: (signal) => bc.listItemVariants(signal),
    listLocations: (signal) => bc.listLocations(signal),
    listCustomers: (signal) => bc.listCustomers(signal),
    findManyByExternalDocumentNumber: (keys, signal) => bc.findManyByExternalDocumentNumber(keys, signal),
    readDocument: (ref, signal) => bc.readDocument(ref, signal),
    readDocuments: (refs, signal) => bc.readDocuments(refs, signal),
  }
  // Posted shipments carry no carrier or tracking in Business Central's API: a warehouse file does.
  const shipments: ErpShipmentSource = {
    consume: async (cursor, commit, signal) => {
      const { shipments: list, cursor: next } = await bc.listShipmentsSince(cursor, signal)
      commit(
        list.map((s) => ({
          source: 'erp' as const,
          id: s.id,
          number: s.number,
          externalDocumentNumber: s.externalDocumentNumber,
          shippedAt: s.postingDate || null,
          carrier: null,
          trackingNumber: null,
          lines: s.lines.map((l) => ({ itemNumber: l.itemNumber, quantity: l.quantity })),
        })),
        next,
      )
    },
  }
  const stock = bcStockSource(bc, { availability: config.availability ?? null, inventoryLocation: config.inventoryLocation, quantityType })
  return { erp, shipments, stock, rules: bcPostingRules(bc.client), probe: () => probeBusinessCentral(bc, config.availability ?? null) }
}
