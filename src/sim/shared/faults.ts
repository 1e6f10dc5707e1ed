/**
 * Fault injection shared by the simulators: the failures real APIs produce, on demand.
 *
 * A spec is a comma-separated list of rules, each `kind[:arg]@trigger`:
 *   latency:50            add 50 ms to every request (no trigger = always)
 *   429@rate=0.1          answer 429 to 10 % of requests (Retry-After: 1)
 *   503@nth=3             answer 503 to the 3rd request only
 *   500@every=10          every 10th request
 *   timeout@rate=0.05     accept the request, never answer (the client must time out)
 *   reset@nth=7           destroy the socket without answering
 *   malformed@rate=0.01   answer 200 with a body that is not JSON
 *   after:timeout@nth=2   run the request for real, then time out (the write happened, the
 *                         client cannot know: the case idempotency exists for)
 * Triggers: rate=<0..1>, nth=<n> (1-based, once), every=<n>; `path=/x` limits a rule to a path prefix.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRng, type Rng } from '../scenario/rng'

export type FaultKind = 'latency' | 'status' | 'timeout' | 'reset' | 'malformed'

export interface FaultRule {
  kind: FaultKind
  /** for status: the HTTP status; for latency: milliseconds */
  value?: number
  /** apply after the real handler ran (the remote did the work, the client sees a failure) */
  after?: boolean
  rate?: number
  nth?: number
  every?: number
  pathPrefix?: string
  retryAfterSeconds?: number
}

export function parseFaultSpec(spec: string | undefined | null): FaultRule[] {
  if (!spec || !spec.trim()) return []
  return spec.split(',').map((part) => parseRule(part.trim()))
}

function parseRule(text: string): FaultRule {
  const [head, ...triggers] = text.split('@')
  let body = head
  const rule: FaultRule = { kind: 'status' }
  if (body.startsWith('after:')) {
    rule.after = true
    body = body.slice('after:'.length)
  }
  const [name, arg] = body.split(':')
  if (/^\d{3}$/.test(name)) {
    rule.kind = 'status'
    rule.value = Number(name)
    if (name === '429' || name === '503') rule.retryAfterSeconds = 1
  } else if (name === 'latency' || name === 'timeout' || name === 'reset' || name === 'malformed') {
    rule.kind = name
    if (name === 'latency') {
      rule.value = Number(arg ?? '0')
      if (!Number.isFinite(rule.value) || rule.value < 0) throw new Error(`Fault "${text}": latency needs milliseconds, e.g. latency:50`)
    }
  } else {
    throw new Error(`Fault "${text}" is not understood. Use latency:MS, a status like 429 or 503, timeout, reset or malformed.`)
  }
  for (const trig of triggers.join('@').split('&').filter(Boolean)) {
    const [key, value] = trig.split('=')
    if (key === 'rate') rule.rate = Number(value)
    else if (key === 'nth') rule.nth = Number(value)
    else if (key === 'every') rule.every = Number(value)
    else if (key === 'path') rule.pathPrefix = value
    else if (key === 'retryAfter') rule.retryAfterSeconds = Number(value)
    else throw new Error(`Fault "${text}": unknown trigger "${key}" (use rate, nth, every, path, retryAfter)`)
  }
  return rule
}

/** Decides, per request, which rules fire. Deterministic for a given seed and request order. */
export class FaultInjector {
  private rules: FaultRule[]
  private counter = 0
  private rng: Rng
  /** requests that met a fault other than latency, for /__admin/stats */
  fired = 0

  constructor(rules: FaultRule[] = [], seed = 1) {
    this.rules = rules
    this.rng = createRng(seed)
  }

  set(rules: FaultRule[]): void {
    this.rules = rules
    this.counter = 0
  }

  list(): FaultRule[] {
    return [...this.rules]
  }

  /** Rules that fire for this request (latency rules first). */
  decide(path: string): FaultRule[] {
    this.counter++
    const n = this.counter
    const fired = this.rules.filter((r) => {
      if (r.pathPrefix && !path.startsWith(r.pathPrefix)) return false
      if (r.nth !== undefined) return n === r.nth
      if (r.every !== undefined) return r.every > 0 && n % r.every === 0
      if (r.rate !== undefined) return this.rng.next() < r.rate
      return true
    })
    if (fired.some((r) => r.kind !== 'latency')) this.fired++
    return fired
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Wraps a request handler with the injector. `failureBody` renders the error body the real
 * system would send for a status (Centra and Business Central word them differently).
 */
export function withFaults(
  injector: FaultInjector,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  failureBody: (status: number) => { contentType: string; body: string },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const fired = injector.decide(req.url ?? '/')
    for (const rule of fired) if (rule.kind === 'latency') await sleep(rule.value ?? 0)
    const before = fired.find((r) => r.kind !== 'latency' && !r.after)
    const after = fired.find((r) => r.kind !== 'latency' && r.after)
    if (before) return fail(req, res, before, failureBody)
    if (after) {
      // Let the real handler do its work, but swallow its answer.
      const sink = new Proxy(res, {
        get(target, prop) {
          if (prop === 'writeHead' || prop === 'setHeader') return () => sink
          if (prop === 'end' || prop === 'write') return () => true
          const v = Reflect.get(target, prop)
          return typeof v === 'function' ? v.bind(target) : v
        },
      })
      await handler(req, sink)
      return fail(req, res, after, failureBody)
    }
    return handler(req, res)
  }
}

function fail(
  req: IncomingMessage,
  res: ServerResponse,
  rule: FaultRule,
  failureBody: (status: number) => { contentType: string; body: string },
): void {
  if (rule.kind === 'timeout') {
    // Hold the connection open without answering; drained so the client side sees a timeout.
    req.resume()
    return
  }
  if (rule.kind === 'reset') {
    req.socket.destroy()
    return
  }
  if (rule.kind === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"data": {"orders": [ {"id": "truncated')
    return
  }
  const status = rule.value ?? 500
  const { contentType, body } = failureBody(status)
  const headers: Record<string, string> = { 'content-type': contentType }
  if (rule.retryAfterSeconds !== undefined) headers['retry-after'] = String(rule.retryAfterSeconds)
  res.writeHead(status, headers)
  res.end(body)
}
