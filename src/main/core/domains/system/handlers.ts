import { defineHandlers } from '../../rpc/handlers'

export const systemHandlers = defineHandlers({
  'system.info': (_input, ctx) => ctx.info(),
})
