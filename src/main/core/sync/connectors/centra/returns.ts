/**
 * Reading Centra returns: the Return events of the change feed and the top-level `returns`
 * list. Kept beside the adapter (same client, same limits) as its own small reader because
 * returns are only recorded, never written. Fields beyond id, status, shipment and lines are
 * unverified names (see mappers/return.ts).
 */
import { ConnectorError } from '../../connector-error'
import type { ReturnEvent, StoreReturnSource } from '../../return-ports'
import type { StoreReturn } from '../../../../../shared/models/store-return'
import type { CentraClient } from './client'
import { mapCentraEvent } from './mappers/fulfilment'
import { CentraMappingError } from './mappers/order'
import { mapCentraReturn } from './mappers/return'

export const RETURN_FIELDS = /* GraphQL */ `
fragment InstepReturn on Return {
  __typename
  id
  status
  createdAt
  completedAt
  comment
  shippingCost { value currency { code } }
  handlingCost { value currency { code } }
  voucherValue { value currency { code } }
  shipment { id order { number } grandTotal { currency { code } } }
  lines {
    id
    quantity
    shipmentLine { id quantity lineValue { value currency { code } } orderLine { id productSize { SKU } } }
  }
}
`

export const RETURNS_PAGE = /* GraphQL */ `
query InstepReturnsPage($limit: Int!, $page: Int!) {
  returns(limit: $limit, page: $page) { ...InstepReturn }
}
${RETURN_FIELDS}
`

export const RETURN_EVENTS = /* GraphQL */ `
query InstepReturnEvents($limit: Int) {
  events(where: { objectType: [Return] }, limit: $limit) {
    id
    objectType
    changeType
    objectReference
    createdAt
    object { __typename ...InstepReturn }
  }
}
${RETURN_FIELDS}
`

export const SET_RETURN_LISTENER = /* GraphQL */ `
mutation InstepSetReturnListener {
  setEventListeners(input: [{ objectType: Return }]) {
    eventListeners { objectType changeTypes }
    userErrors { message path }
    userWarnings { message path }
  }
}
`

export const CONFIRM_RETURN_EVENTS = /* GraphQL */ `
mutation InstepConfirmReturnEvents($ids: [Int!]!) {
  confirmEvents(input: { eventsIds: $ids }) {
    userErrors { message path }
    userWarnings { message path }
  }
}
`

export const RETURN_DOCUMENTS: Record<string, string> = { RETURNS_PAGE, RETURN_EVENTS, SET_RETURN_LISTENER, CONFIRM_RETURN_EVENTS }

const MAX_PAGE = 200

function mapOrThrow(raw: unknown): StoreReturn {
  try {
    return mapCentraReturn(raw)
  } catch (e) {
    if (e instanceof CentraMappingError) throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `${e.message}. Instep cannot record this return.`, cause: e })
    throw e
  }
}

type Payload = { userErrors?: { message?: string; path?: (string | number)[] | null }[] } | null

export function createCentraReturnReader(client: CentraClient): StoreReturnSource {
  return {
    async subscribe(signal) {
      const data = await client.mutate<{ setEventListeners: Payload }>(SET_RETURN_LISTENER, {}, { signal })
      client.assertNoUserErrors('the return event subscription', data.setEventListeners)
    },
    async next(limit, signal): Promise<ReturnEvent[]> {
      const data = await client.query<{ events: unknown[] }>(RETURN_EVENTS, { limit }, { signal })
      return (data.events ?? []).map((raw) => {
        const e = mapCentraEvent(raw)
        const object = e.rawObject as { __typename?: string } | null
        const isReturn = object && /Return$/.test(object.__typename ?? '')
        return { id: e.id, returnId: String(e.objectReference), changeType: e.changeType, ret: isReturn ? { ret: mapOrThrow(object), raw: object } : null }
      })
    },
    async confirm(ids, signal) {
      if (ids.length === 0) return
      const data = await client.mutate<{ confirmEvents: Payload }>(CONFIRM_RETURN_EVENTS, { ids }, { signal })
      client.assertNoUserErrors('confirming return events', data.confirmEvents)
    },
    async page(page, limit, signal) {
      const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE)
      const data = await client.query<{ returns: unknown[] }>(RETURNS_PAGE, { page, limit: size }, { signal })
      const raw = data.returns ?? []
      return { returns: raw.map((r) => ({ ret: mapOrThrow(r), raw: r })), hasMore: raw.length === size }
    },
  }
}
