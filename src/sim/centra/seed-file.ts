/**
 * Seeding the simulator from a file in the API's own response shape. Not implemented yet: it
 * refuses clearly rather than start with data the user did not ask for.
 */
import type { SimCatalog } from '../scenario/catalog'
import type { SimOrder } from '../scenario/orders'

export function loadOrdersFile(path: string, _catalog: SimCatalog): SimOrder[] {
  throw new Error(`Seeding the Centra simulator from a file (${path}) is not supported yet. Start it without --orders-file.`)
}
