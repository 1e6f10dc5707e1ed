/** An ERP without an API: orders written to the outbox, shipments read from the warehouse's files. */
import type { WorkspaceConfig } from '../workspace/config'
import type { ConnectionProbe, ErpOrderSink, ErpShipment, ErpShipmentSource, ErpStockSource } from '../sync/ports'
import { fileStockSource } from './erp-stock'
import { probeFileExchange } from './probe'
import { createFileExchangeErp, type FileExchangeColumns, type ShipmentRow } from '../sync/connectors/file-exchange'
import type { ErpPostingRules } from '../sync/erp-rules'

type FileExchangeConfig = Extract<WorkspaceConfig['erp'], { kind: 'file-exchange' }>

/**
 * Rows of one confirmation file become shipments: one per order and tracking number (a parcel).
 * The id is stable for the file's content, so a re-delivered file is recognised.
 */
export function shipmentsFromRows(fileHash: string, rows: ShipmentRow[]): ErpShipment[] {
  const groups = new Map<string, ShipmentRow[]>()
  for (const r of rows) {
    const key = `${r.orderKey}|${r.trackingNumber ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  return [...groups].map(([key, group]) => ({
    source: 'file' as const,
    id: `${fileHash}:${key}`,
    number: group[0].trackingNumber ?? `${group[0].orderKey}/${fileHash.slice(0, 8)}`,
    externalDocumentNumber: group[0].orderKey,
    shippedAt: group[0].shippedDate,
    carrier: group[0].carrier || null,
    trackingNumber: group[0].trackingNumber,
    lines: group.filter((r) => r.itemNumber).map((r) => ({ itemNumber: r.itemNumber!, quantity: r.quantity })),
  }))
}

export function connectFileExchange(config: FileExchangeConfig): {
  erp: ErpOrderSink
  shipments: ErpShipmentSource
  stock: ErpStockSource
  rules: ErpPostingRules
  probe: ConnectionProbe
} {
  const fx = createFileExchangeErp({
    root: config.root,
    format: config.format,
    batch: config.batch,
    decimalSeparator: config.decimalSeparator,
    delimiter: config.delimiter,
    dateFormat: config.dateFormat,
    localCurrency: config.localCurrency,
    columns: config.columns as FileExchangeColumns | undefined,
  })
  const shipments: ErpShipmentSource = {
    // Each file is archived only after its shipments are committed (the inbox's apply contract).
    consume: async (_cursor, commit, signal) => {
      await fx.inbox.scan('shipments', signal, {
        apply: async (file) => commit(shipmentsFromRows(file.hash, file.rows ?? []), null),
      })
    },
  }
  const erp: ErpOrderSink = {
    findByExternalDocumentNumber: (key, signal) => fx.findByExternalDocumentNumber(key, signal),
    createSalesOrder: (draft, signal) => fx.createSalesOrder(draft, signal),
    listItems: (signal) => fx.listItems(signal),
    flush: (signal) => fx.flush(signal),
  }
  // A file-exchange ERP cannot be asked: its currencies are a setting (none set: not checked here).
  const rules: ErpPostingRules = { acceptedCurrencies: async () => config.acceptedCurrencies?.map((c) => c.toUpperCase()) ?? null }
  return { erp, shipments, stock: fileStockSource(fx.inbox), rules, probe: () => probeFileExchange(config.root) }
}
