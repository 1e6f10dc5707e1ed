/**
 * Builds the connectors for a workspace from its config, resolving secrets at the last moment
 * so they live only inside the connector objects in core.
 */
import type { WorkspaceConfig } from './workspace/config'
import type { SecretResolver } from './workspace/secrets'
import type { ErpOrderSink, ErpShipmentSource, StoreOrderSource, StoreShipment, StoreShipmentSink } from './sync/ports'
import type { CentraShipment } from './sync/connectors/centra/mappers/fulfilment'
import { createCentraAdapter } from './sync/connectors/centra'
import { createBcAdapter } from './sync/connectors/bc'

export interface Connectors {
  store: StoreOrderSource
  erp: ErpOrderSink
  shipments?: ErpShipmentSource
  storeShipments?: StoreShipmentSink
}

const toStoreShipment = (s: CentraShipment): StoreShipment => ({
  id: s.id,
  lines: s.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
  isShipped: s.isShipped,
  isPaid: s.isPaid,
  isCaptured: s.isCaptured,
})

export function connectFromConfig(config: WorkspaceConfig, secrets: SecretResolver): Connectors {
  const centra = createCentraAdapter({
    baseUrl: config.centra.url,
    token: secrets.resolve(config.centra.token, 'The Centra API token'),
    timeoutMs: config.centra.timeoutMs,
  })
  const store: StoreOrderSource = {
    fetchOrdersPage: (args) => centra.fetchOrdersPage(args),
    events: {
      subscribe: (signal) => centra.setEventListeners([{ objectType: 'Order' }], signal),
      next: async (limit, signal) =>
        (await centra.fetchEvents({ objectTypes: ['Order'], limit, signal })).map((e) => ({
          id: e.id,
          orderNumber: e.objectReference,
          changeType: e.changeType,
          order: e.order,
        })),
      confirm: async (ids, signal) => {
        await centra.confirmEvents(ids, signal)
      },
      fetchOrder: (number, signal) => centra.fetchOrderByNumber(number, signal),
    },
  }
  const bc = createBcAdapter({
    baseUrl: config.erp.baseUrl,
    tokenUrl: config.erp.tokenUrl,
    clientId: config.erp.clientId,
    clientSecret: secrets.resolve(config.erp.clientSecret, 'The Business Central client secret'),
    companyId: config.erp.companyId,
    companyName: config.erp.companyName,
    timeoutMs: config.erp.timeoutMs,
  })
  const erp: ErpOrderSink = {
    findByExternalDocumentNumber: (key, signal) => bc.findByExternalDocumentNumber(key, signal),
    createSalesOrder: (draft, signal) => bc.createSalesOrder(draft, signal),
    listItems: (signal) => bc.listItems(signal),
    // Business Central shows calculated lines on open orders; a posted invoice is read by recon.
    readDocument: (ref, signal) => (ref.documentType === 'salesOrder' ? bc.getSalesOrder(ref.id, signal) : Promise.resolve(null)),
  }
  // Business Central's posted shipments carry no carrier or tracking: the warehouse file does.
  const shipments: ErpShipmentSource = {
    shipmentsSince: async (cursor, signal) => {
      const { shipments: list, cursor: next } = await bc.listShipmentsSince(cursor, signal)
      return {
        cursor: next,
        shipments: list.map((s) => ({
          id: s.id,
          number: s.number,
          externalDocumentNumber: s.externalDocumentNumber,
          shippedAt: s.postingDate || null,
          carrier: null,
          trackingNumber: null,
          lines: s.lines.map((l) => ({ itemNumber: l.itemNumber, quantity: l.quantity })),
        })),
      }
    },
  }
  const storeShipments: StoreShipmentSink = {
    shipmentsForOrder: async (number, signal) => (await centra.shipmentsForOrders([number], signal)).map(toStoreShipment),
    createShipment: async (args, signal) =>
      toStoreShipment(await centra.createShipment({ orderNumber: args.orderNumber, lines: args.lines, isGoodToGo: true, additionalMessage: args.additionalMessage }, signal)),
    completeShipment: async (id, args, signal) =>
      toStoreShipment(
        await centra.completeShipment(
          id,
          {
            shippedAt: args.shippedAt ?? undefined,
            sendEmail: args.sendEmail,
            shipmentInfo: { carrier: args.carrier ?? undefined, trackingNumber: args.trackingNumber ?? undefined },
          },
          signal,
        ),
      ),
    capture: async (id, signal) => toStoreShipment(await centra.captureShipment(id, signal)),
    markPaid: async (id, signal) => toStoreShipment(await centra.markShipmentPaid(id, signal)),
  }
  return { store, erp, shipments, storeShipments }
}
