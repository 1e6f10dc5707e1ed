/**
 * The ERP as the stock source, for each kind of ERP. Rows name the ERP's item, variant and
 * location; planStock maps them to Centra sizes and warehouses.
 */
import type { ErpStockRow, ErpStockSource } from '../sync/ports'
import type { AvailabilityEndpoint, BcAdapter } from '../sync/connectors/bc'
import type { FileInbox } from '../sync/connectors/file-exchange'
import { ConnectorError } from '../sync/connector-error'

/**
 * Business Central: the tenant's custom availability page when one is configured (per item,
 * variant and location), else the standard API's single inventory total per item, counted at
 * one configured location (BC's standard API has no stock per location or variant).
 */
export function bcStockSource(
  bc: BcAdapter,
  options: { availability: AvailabilityEndpoint | null; inventoryLocation: string; quantityType: () => 'PHYSICAL' | 'FREE_TO_ALLOCATE' },
): ErpStockSource {
  return {
    async readStock(signal) {
      if (!options.availability) {
        const items = await bc.listItemInventory(signal)
        return items.map((i) => ({ itemNumber: i.number, variant: null, location: options.inventoryLocation, quantity: i.inventory }))
      }
      const physical = options.quantityType() === 'PHYSICAL'
      // The page's availableQuantity is what may be sold; physical is sent only when Centra takes physical levels and the page offers it.
      return (await bc.listAvailability(options.availability, signal)).map(
        (r): ErpStockRow => ({ itemNumber: r.itemNumber, variant: r.variantCode, location: r.locationCode, quantity: physical && r.physicalQuantity !== null ? r.physicalQuantity : r.availableQuantity }),
      )
    },
  }
}

/**
 * File exchange: each stock file is a complete snapshot. New files are imported the inbox's way
 * (only once settled and unchanged while read, archived whole or quarantined whole), then the
 * newest imported file is the ERP's stock. If a newer file than that sits in quarantine, the
 * older snapshot would push stale levels, so the run stops and says which file to fix.
 */
export function fileStockSource(inbox: FileInbox): ErpStockSource {
  return {
    async readStock(signal) {
      await inbox.scan('stock', signal, { retainRows: false })
      const latest = await inbox.latestImported('stock', signal)
      const quarantined = await inbox.newestQuarantined('stock')
      if (quarantined && (!latest || quarantined.mtimeMs > latest.mtimeMs)) {
        throw new ConnectorError({
          system: 'erp',
          kind: 'invalid',
          message: `The newest stock file ${quarantined.file} could not be read and is in quarantine/stock/ (its .errors.txt says why). No stock was sent: an older file would set stale levels. Put a corrected file into inbox/stock/, then delete the quarantined one.`,
        })
      }
      if (!latest) {
        throw new ConnectorError({ system: 'erp', kind: 'not_found', message: 'No stock file has arrived in inbox/stock/ yet. Nothing was sent to Centra.' })
      }
      return latest.rows.map((r) => ({ itemNumber: r.itemNumber, variant: r.variant, location: r.location, quantity: r.quantity }))
    },
  }
}
