import { defineHandlers } from '../../rpc/handlers'

export const fulfilmentHandlers = defineHandlers({
  'fulfilment.awaiting': ({ limit, offset }, { repos }) => repos.fulfilments.awaiting(limit, offset),
})
