/**
 * The typed client: `call('exceptions.list', { limit: 50 })` gets its input and output types
 * from the contract, and a `{ ok: false }` answer becomes a thrown ApiError carrying the core's
 * code, message and retryable flag.
 */
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract'
import type { ErrorCode, ErrorInfo } from '@shared/errors'
import type { EventName, EventPayload } from '@shared/events'
import type { LinkState, Transport } from './transport'

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'ApiError'
    this.code = info.code
    this.retryable = info.retryable
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  onLinkState(listener: (state: LinkState) => void): () => void
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.call(method, input)
      if (!result.ok) throw new ApiError(result.error)
      // The core validates every output against the contract before it leaves.
      return result.data as never
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void)
    },
    onLinkState(listener) {
      return transport.onLinkState(listener)
    },
  }
}

let current: ApiClient | null = null

/** Chosen once at start (see `connect.ts`); tests may call it with a fake transport. */
export function setTransport(transport: Transport | null): ApiClient | null {
  current = transport ? createClient(transport) : null
  return current
}

export function getClient(): ApiClient {
  if (!current) throw new Error('No transport to the Instep core has been set up yet.')
  return current
}

export function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return getClient().call(method, input)
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getClient().on(event, listener)
}
