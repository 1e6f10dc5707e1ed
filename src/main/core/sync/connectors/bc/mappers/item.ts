/** Business Central items to Instep's ERP item model. */
import type { ErpItem } from '../../../../../../shared/models/erp'

export interface BcItem {
  id: string
  number: string
  displayName: string
  gtin?: string | null
  inventory?: number
}

export const ITEM_SELECT = 'id,number,displayName,gtin,inventory'

export function toErpItem(item: BcItem): ErpItem {
  const gtin = (item.gtin ?? '').trim()
  return { id: item.id, number: item.number, displayName: item.displayName, gtin: gtin === '' ? null : gtin }
}
