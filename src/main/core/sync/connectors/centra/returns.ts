/**
 * Reading Centra returns: the Return events of the change feed and the top-level `returns`
 * list. Kept beside the adapter (same client, same limits) as its own small reader because
 * returns are only recorded, never written.
 *
 * Fields beyond id, status, shipment and lines (the dates, the comment and the shipping,
 * handling and voucher values) are unverified names. Should Centra answer that it has no such
 * field, the reader falls back, for the rest of the session, to the documented fields only:
 * returns are then dated when Instep first sees them and carry no extra values.
 */
import { ConnectorError } from '../../connector-error'
import type { ReturnEvent, StoreReturnSource } from '../../return-ports'
import type { StoreReturn } from '../../../../../shared/models/store-return'
import { pageSize } from './adapter'
import type { CentraClient } from './client'
import { mapCentraEvent } from './mappers/fulfilment'
import { CentraMappingError } from './mappers/order'
import { mapCentraReturn } from './mappers/return'

const DOCUMENTED = `
  __typename
  id
  status
  shipment { id order { number } grandTotal { currency { code } } }
  lines {
    id
    quantity
    shipmentLine { id quantity lineValue { value currency { code } } orderLine { id productSize { SKU } } }
  }`

/** Every field Instep reads, the unverified ones included. */
export const RETURN_FIELDS = /* GraphQL */ `
fragment InstepReturn on Return {${DOCUMENTED}
  createdAt
  completedAt
  comment
  shippingCost { value currency { code } }
  handlingCost { value currency { code } }
  voucherValue { value currency { code } }
}
`

/** The fallback: only the fields the facts sheet documents. */
export const RETURN_FIELDS_DOCUMENTED = /* GraphQL */ `
fragment InstepReturn on Return {${DOCUMENTED}
}
`

const returnsPage = (fragment: string) => /* GraphQL */ `
query InstepReturnsPage($limit: Int!, $page: Int!) {
  returns(limit: $limit, page: $page) { ...InstepReturn }
}
${fragment}
`

const returnEvents = (fragment: string) => /* GraphQL */ `
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
${fragment}
`

export const RETURNS_PAGE = returnsPage(RETURN_FIELDS)
export const RETURN_EVENTS = returnEvents(RETURN_FIELDS)
export const RETURNS_PAGE_DOCUMENTED = returnsPage(RETURN_FIELDS_DOCUMENTED)
export const RETURN_EVENTS_DOCUMENTED = returnEvents(RETURN_FIELDS_DOCUMENTED)

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

export const RETURN_DOCUMENTS: Record<string, string> = {
  RETURNS_PAGE,
  RETURN_EVENTS,
  RETURNS_PAGE_DOCUMENTED,
  RETURN_EVENTS_DOCUMENTED,
  SET_RETURN_LISTENER,
  CONFIRM_RETURN_EVENTS,
}

function mapOrThrow(raw: unknown): StoreReturn {
  try {
    return mapCentraReturn(raw)
  } catch (e) {
    if (e instanceof CentraMappingError) throw new ConnectorError({ system: 'centra', kind: 'invalid', message: `${e.message}. Instep cannot record this return.`, cause: e })
    throw e
  }
}

type Payload = { userErrors?: { message?: string; path?: (string | number)[] | null }[] } | null

/** Centra's answer when a document names a field its schema does not have. */
const UNKNOWN_FIELD = /Cannot query field "(createdAt|completedAt|comment|shippingCost|handlingCost|voucherValue)" on type "\w*Return"/

export function createCentraReturnReader(client: CentraClient): StoreReturnSource {
  let documentedOnly = false
  /** Runs the full query, or the documented one once Centra has said it lacks an extra field. */
  async function read<T>(full: string, documented: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    if (!documentedOnly) {
      try {
        return await client.query<T>(full, variables, { signal })
      } catch (e) {
        if (!(e instanceof ConnectorError && UNKNOWN_FIELD.test(e.message))) throw e
        documentedOnly = true
      }
    }
    return client.query<T>(documented, variables, { signal })
  }
  return {
    async subscribe(signal) {
      const data = await client.mutate<{ setEventListeners: Payload }>(SET_RETURN_LISTENER, {}, { signal })
      client.assertNoUserErrors('the return event subscription', data.setEventListeners)
    },
    async next(limit, signal): Promise<ReturnEvent[]> {
      const data = await read<{ events: unknown[] }>(RETURN_EVENTS, RETURN_EVENTS_DOCUMENTED, { limit }, signal)
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
      const size = pageSize(limit)
      const data = await read<{ returns: unknown[] }>(RETURNS_PAGE, RETURNS_PAGE_DOCUMENTED, { page, limit: size }, signal)
      const raw = data.returns ?? []
      return { returns: raw.map((r) => ({ ret: mapOrThrow(r), raw: r })), hasMore: raw.length === size }
    },
  }
}
