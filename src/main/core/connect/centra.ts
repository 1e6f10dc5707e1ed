/** The Centra side of a workspace: orders (change feed + polling) and shipments. */
import type { WorkspaceConfig } from '../workspace/config'
import type { SecretResolver } from '../workspace/secrets'
import type { ConnectionProbe, StoreOrderSource, StoreShipment, StoreShipmentSink, StoreStockSink } from '../sync/ports'
import { centraStockSink } from './centra-stock'
import { probeCentra } from './probe'
import type { CentraShipment } from '../sync/connectors/centra/mappers/fulfilment'
import { createCentraAdapter } from '../sync/connectors/centra'
import { createCentraReturnReader } from '../sync/connectors/centra/returns'
import type { StoreReturnSource } from '../sync/return-ports'

const toStoreShipment = (s: CentraShipment): StoreShipment => ({
  id: s.id,
  lines: s.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
  isShipped: s.isShipped,
  isPaid: s.isPaid,
  isCaptured: s.isCaptured,
})

export function connectCentra(
  config: WorkspaceConfig['centra'],
  secrets: SecretResolver,
  quantityType: () => 'PHYSICAL' | 'FREE_TO_ALLOCATE',
): { store: StoreOrderSource; storeShipments: StoreShipmentSink; storeStock: StoreStockSink; storeReturns: StoreReturnSource; probe: ConnectionProbe } {
  const centra = createCentraAdapter({
    baseUrl: config.url,
    token: secrets.resolve(config.token, 'The Centra API token'),
    timeoutMs: config.timeoutMs,
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
  const storeShipments: StoreShipmentSink = {
    shipmentsForOrder: async (number, signal) => (await centra.shipmentsForOrders([number], signal)).map(toStoreShipment),
    createShipment: async (args, signal) =>
      toStoreShipment(
        await centra.createShipment({ orderNumber: args.orderNumber, lines: args.lines, isGoodToGo: true, additionalMessage: args.additionalMessage }, signal),
      ),
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
  return { store, storeShipments, storeStock: centraStockSink(centra, quantityType), storeReturns: createCentraReturnReader(centra.client), probe: () => probeCentra(centra) }
}
