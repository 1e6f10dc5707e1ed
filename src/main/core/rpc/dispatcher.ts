/**
 * The single entry for every transport: validates the method name and input against the
 * contract, runs mutations one at a time through a write queue, checks the output, and turns
 * every failure into { code, message, retryable } for the caller.
 */
import { contract, isMethodName, type MethodName } from '../../../shared/contract'
import { AppError, toErrorInfo } from '../../../shared/errors'
import type { CallResult } from '../../../shared/rpc-protocol'
import type { HandlerContext, HandlerMap } from './handlers'

export interface Dispatcher {
  dispatch(method: unknown, input: unknown): Promise<CallResult>
}

function describeZodIssue(issues: { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0]
  const where = first.path.length ? ` at "${first.path.map(String).join('.')}"` : ''
  return `Invalid input${where}: ${first.message}`
}

export function createDispatcher(
  handlers: HandlerMap,
  ctx: HandlerContext,
  onMutated: (areas: readonly string[]) => void,
): Dispatcher {
  let writeQueue: Promise<unknown> = Promise.resolve()

  async function run(method: MethodName, input: unknown): Promise<unknown> {
    const spec = contract[method]
    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) throw new AppError('invalid_input', describeZodIssue(parsed.error.issues))
    const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown
    const output = await handler(parsed.data, ctx)
    const checked = spec.output.safeParse(output)
    if (!checked.success) {
      throw new AppError('internal', `The ${method} answer did not match the contract: ${describeZodIssue(checked.error.issues)}`)
    }
    return checked.data
  }

  return {
    async dispatch(method, input) {
      try {
        if (!isMethodName(method)) {
          throw new AppError('unknown_method', `There is no method named ${JSON.stringify(String(method)).slice(0, 80)}.`)
        }
        const spec = contract[method]
        if (!spec.mutates) return { ok: true, data: await run(method, input) }
        const result = writeQueue.then(() => run(method, input))
        writeQueue = result.catch(() => undefined)
        const data = await result
        onMutated(spec.changes ?? [])
        return { ok: true, data }
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) }
      }
    },
  }
}
