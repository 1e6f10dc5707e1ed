/**
 * The HTTP side of the simulator: POST /graphql with Centra's token rules, rate limits and
 * response envelope (`extensions` on every answer), plus a small admin API under /__admin/ that
 * demos and tests use to add orders, set faults, read counters and reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql'
import { FaultInjector, parseFaultSpec, withFaults } from '../shared/faults'
import { CENTRA_SDL } from './schema'
import { estimateComplexity } from './complexity'
import { createRoot } from './resolvers'
import type { SimWorld } from './world'
import type { RateLimiter } from './rate-limits'
import { PermissionSet, type SimContext } from './views'
import { returnsOfOrder } from './returns'

export const APP_VERSION = 'v0.34.6-sim'
const MAX_BODY_BYTES = 2 * 1024 * 1024

let cachedSchema: GraphQLSchema | null = null
/** The simulator's schema (built once per process). Tests validate our documents against it. */
export function centraSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(CENTRA_SDL)
  return cachedSchema
}

export interface SimStats {
  startedAt: string
  requests: number
  byStatus: Record<string, number>
  byOperation: Record<string, number>
  rateLimited: number
  unauthorized: number
  faultsFired: number
}


export interface ServerDeps {
  world: SimWorld
  limiter: RateLimiter
  token: string
  faults: string | undefined
  seed: number
  /** the token's permissions; null = all of them */
  permissions?: string[] | null
}

function envelopeExtensions(complexity: number, permissions: Iterable<string>) {
  return { complexity, permissionsUsed: [...permissions], appVersion: APP_VERSION }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers })
  res.end(text)
}

function errorBody(message: string, category: string, complexity = 0) {
  return { errors: [{ message, extensions: { category } }], extensions: envelopeExtensions(complexity, []) }
}

/** What Centra's edge answers for a status the fault injector chose. */
export function faultBody(status: number): { contentType: string; body: string } {
  const messages: Record<number, string> = {
    429: 'Too Many Requests',
    500: 'Internal server error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  }
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(errorBody(messages[status] ?? `HTTP ${status}`, 'internal')) }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('Request body is too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function tokenOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim()
  const cookie = req.headers.cookie
  const match = cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith('graphql-access='))
  return match ? decodeURIComponent(match.slice('graphql-access='.length)) : null
}

export function createHandler(deps: ServerDeps) {
  const schema = centraSchema()
  const root = createRoot({ world: deps.world, limiter: deps.limiter })
  const injector = new FaultInjector(parseFaultSpec(deps.faults), deps.seed)
  const granted = deps.permissions ? new Set(deps.permissions) : null
  const stats: SimStats = { startedAt: new Date().toISOString(), requests: 0, byStatus: {}, byOperation: {}, rateLimited: 0, unauthorized: 0, faultsFired: 0 }

  const graphql = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return sendJson(res, 405, errorBody('Use POST for GraphQL requests', 'request'), { allow: 'POST' })
    const token = tokenOf(req)
    if (!token || token !== deps.token) {
      stats.unauthorized++
      req.resume()
      // Centra answers a missing, wrong, revoked or expired token with 401 and an authentication error.
      return sendJson(res, 401, errorBody('Unauthorized: the access token is missing, invalid, revoked or expired', 'authentication'))
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown }
    try {
      body = JSON.parse(await readBody(req))
    } catch {
      return sendJson(res, 400, errorBody('Request body must be JSON: {"query": "...", "variables": {...}}', 'request'))
    }
    if (typeof body?.query !== 'string') return sendJson(res, 400, errorBody('Request body needs a "query" string', 'request'))
    const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>
    let document: DocumentNode
    try {
      document = parse(body.query)
    } catch (e) {
      const err = e as GraphQLError
      return sendJson(res, 200, { errors: [{ message: err.message, extensions: { category: 'graphql' }, locations: err.locations }], extensions: envelopeExtensions(0, []) })
    }
    const invalid = validate(schema, document)
    if (invalid.length > 0) {
      return sendJson(res, 200, {
        errors: invalid.map((e) => ({ message: e.message, extensions: { category: 'graphql' }, locations: e.locations })),
        extensions: envelopeExtensions(0, []),
      })
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    const operation = typeof body.operationName === 'string' ? operations.find((o) => o.name?.value === body.operationName) : operations[0]
    if (!operation || (operations.length > 1 && typeof body.operationName !== 'string')) {
      return sendJson(res, 200, errorBody('Must provide operationName when the document has several operations', 'graphql'))
    }
    const complexity = estimateComplexity(schema, document, operation, variables)
    const mutations = operation.operation === 'mutation' ? operation.selectionSet.selections.length : 0
    const ceiling = deps.limiter.maxComplexity()
    if (ceiling !== null && complexity > ceiling) {
      // Waiting would never help, so this is an error, not a 429.
      return sendJson(res, 200, errorBody(`Query complexity ${complexity} exceeds the limit of ${ceiling}. Ask for fewer items per page or fewer fields.`, 'complexity', complexity))
    }
    const refused = deps.limiter.take({ mutations, complexity })
    if (refused) {
      stats.rateLimited++
      return sendJson(res, 429, errorBody(`Too Many Requests: ${refused.type} limit reached`, 'rateLimit', complexity), {
        'retry-after': String(refused.retryAfterSeconds),
      })
    }
    for (const sel of operation.selectionSet.selections) {
      if (sel.kind === 'Field') stats.byOperation[sel.name.value] = (stats.byOperation[sel.name.value] ?? 0) + 1
    }
    const ctx: SimContext = { catalog: deps.world.catalog, permissions: new PermissionSet(granted), stock: deps.world.stock, returnsOf: (o) => returnsOfOrder(deps.world, o) }
    const result = await execute({ schema, document, rootValue: root, contextValue: ctx, variableValues: variables, operationName: operation.name?.value })
    const out: Record<string, unknown> = {}
    if (result.errors?.length) {
      out.errors = result.errors.map((e) => ({ message: e.message, extensions: { category: 'graphql', ...(e.extensions ?? {}) }, locations: e.locations, path: e.path }))
    }
    out.data = result.data ?? null
    out.extensions = envelopeExtensions(complexity, ctx.permissions)
    sendJson(res, 200, out)
  }

  const faulted = withFaults(injector, graphql, faultBody)

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const raw = req.method === 'POST' ? await readBody(req) : ''
    let input: Record<string, unknown>
    try {
      input = raw ? JSON.parse(raw) : {}
    } catch {
      return sendJson(res, 400, { error: 'Body must be JSON' })
    }
    if (req.method === 'POST' && path === '/__admin/orders') {
      const count = Number(input.count ?? 1)
      if (!Number.isInteger(count) || count < 1 || count > 10_000) return sendJson(res, 400, { error: 'count must be an integer from 1 to 10000' })
      const added = deps.world.appendOrders(count)
      return sendJson(res, 200, { added: added.length, numbers: added.map((o) => o.number), total: deps.world.store.size })
    }
    if (req.method === 'POST' && path === '/__admin/faults') {
      try {
        injector.set(parseFaultSpec(typeof input.spec === 'string' ? input.spec : ''))
      } catch (e) {
        return sendJson(res, 400, { error: (e as Error).message })
      }
      return sendJson(res, 200, { faults: injector.list() })
    }
    if (req.method === 'GET' && path === '/__admin/stats') {
      const w = deps.world
      return sendJson(res, 200, {
        ...stats,
        faultsFired: injector.fired,
        orders: w.store.size,
        pendingEvents: w.events.size,
        shipments: w.shipments.all().length,
        emailsSent: w.shipments.all().reduce((n, s) => n + s.emailsSent, 0),
        faults: injector.list(),
        rateLimits: deps.limiter.report(),
      })
    }
    if (req.method === 'POST' && path === '/__admin/reset') {
      deps.world.reset()
      deps.limiter.reset()
      injector.set(parseFaultSpec(deps.faults))
      injector.fired = 0
      Object.assign(stats, { requests: 0, byStatus: {}, byOperation: {}, rateLimited: 0, unauthorized: 0 })
      return sendJson(res, 200, { ok: true, orders: deps.world.store.size })
    }
    return sendJson(res, 404, { error: `No admin route ${req.method} ${path}` })
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]
    stats.requests++
    res.on('finish', () => {
      stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1
    })
    try {
      if (path.startsWith('/__admin/')) return await admin(req, res, path)
      if (path === '/graphql') return await faulted(req, res)
      return sendJson(res, 404, errorBody(`No route ${path}. The Integration API answers at /graphql.`, 'request'))
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, errorBody(`Internal error: ${(e as Error).message}`, 'internal'))
      else res.destroy()
    }
  }
}
