import { defineHandlers } from '../../rpc/handlers'

export const exceptionHandlers = defineHandlers({
  'exceptions.list': (input, { repos }) => repos.exceptions.list(input),
})
