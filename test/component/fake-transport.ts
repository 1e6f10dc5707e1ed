/**
 * A transport the tests control: answers contract calls from handlers, records every call, and
 * pushes events on demand. Inject it with <ApiProvider transport={fake}> (see render.tsx).
 */
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import type { EventName, EventPayload } from '@shared/events'
import type { CallResult } from '@shared/rpc-protocol'
import type { LinkState, Transport } from '../../src/renderer/src/api'

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>
export type Handlers = { [M in MethodName]?: Handler<M> }

export class FakeError {
  constructor(readonly info: ErrorInfo) {}
}

export interface FakeTransport extends Transport {
  calls: { method: string; input: unknown }[]
  callsOf<M extends MethodName>(method: M): MethodInput<M>[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  setLink(state: LinkState): void
  handlers: Handlers
}

export function createFakeTransport(handlers: Handlers = {}): FakeTransport {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const linkListeners = new Set<(s: LinkState) => void>()
  let link: LinkState = { state: 'ready' }
  const calls: { method: string; input: unknown }[] = []
  const fake: FakeTransport = {
    calls,
    handlers,
    callsOf: <M extends MethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>),
    async call(method, input): Promise<CallResult> {
      calls.push({ method, input })
      const handler = fake.handlers[method as MethodName] as ((i: unknown) => unknown) | undefined
      if (!handler) return { ok: false, error: { code: 'unknown_method', message: `No fake for ${method}`, retryable: false } }
      try {
        return { ok: true, data: await handler(input) }
      } catch (e) {
        if (e instanceof FakeError) return { ok: false, error: e.info }
        throw e
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => {
        set.delete(listener)
      }
    },
    onLinkState(listener) {
      linkListeners.add(listener)
      listener(link)
      return () => {
        linkListeners.delete(listener)
      }
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    setLink(state) {
      link = state
      for (const l of linkListeners) l(state)
    },
  }
  return fake
}

/** A promise the test settles by hand, for answers that must arrive at a chosen moment. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
