/**
 * Business Central failures, classified once (retryable, auth, invalid, not found, conflict,
 * offline) and worded for the finance or operations person who will read them.
 */
import { ConnectorError, type FailureKind } from '../../connector-error'
import { isUnreachableCode, unreachableMessage } from '../unreachable'

export interface BcErrorBody {
  code: string
  message: string
}

/** A ConnectorError that keeps Business Central's own code and message for rewording. */
export class BcConnectorError extends ConnectorError {
  readonly bc: BcErrorBody | null

  constructor(args: ConstructorParameters<typeof ConnectorError>[0] & { bc?: BcErrorBody | null }) {
    super(args)
    this.bc = args.bc ?? null
  }
}

/** `{"error":{"code","message"}}` → code and message without BC's trailing correlation id. */
export function parseBcError(data: unknown): BcErrorBody | null {
  if (!data || typeof data !== 'object') return null
  const err = (data as { error?: unknown }).error
  if (!err || typeof err !== 'object') return null
  const { code, message } = err as { code?: unknown; message?: unknown }
  if (typeof code !== 'string') return null
  return { code, message: stripCorrelation(typeof message === 'string' ? message : '') }
}

export function stripCorrelation(message: string): string {
  return message.replace(/\s*CorrelationId:\s*[0-9a-fA-F-]*\.?\s*$/, '').trim()
}

/** Statuses BC documents as transient: throttling, gateway and queue time-outs. */
export const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

export function retryAfterSeconds(header: unknown): number | null {
  if (typeof header !== 'string' || header.trim() === '') return null
  const secs = Number(header)
  if (Number.isFinite(secs) && secs >= 0) return secs
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000)
}

/** A non-2xx answer from Business Central. `write` marks a request that may change data. */
export function fromHttpStatus(args: {
  status: number
  data: unknown
  write: boolean
  retryAfter: number | null
}): ConnectorError {
  const { status, write } = args
  const bc = parseBcError(args.data)
  const detail = bc?.message ? ` (${bc.message})` : ''
  let kind: FailureKind
  let message: string
  let ambiguous = false
  if (status === 401) {
    kind = 'auth'
    message = 'Business Central did not accept Instep\'s sign-in. Check the client id and secret in the connection settings and that the app is registered in Business Central.'
  } else if (status === 403) {
    kind = 'auth'
    message = `Business Central refused access${detail}. Give the Instep app the permission sets it needs in Business Central.`
  } else if (status === 404) {
    kind = 'not_found'
    message = `Business Central could not find what Instep asked for${detail}. Check the environment and company in the connection settings.`
  } else if (status === 409 || bc?.code === 'Request_EntityChanged') {
    kind = 'conflict'
    message = 'Someone changed this record in Business Central at the same time. Instep will read it again before changing it.'
  } else if (status === 429) {
    kind = 'retryable'
    message = 'Business Central is throttling Instep (too many requests). Instep will slow down and try again.'
  } else if (RETRYABLE_STATUSES.has(status)) {
    kind = 'retryable'
    // The request reached BC; for a write we cannot know whether it was applied.
    ambiguous = write && status !== 429
    message = `Business Central is temporarily unavailable (HTTP ${status})${detail}. Instep will try again.`
  } else {
    kind = 'invalid'
    message = `Business Central rejected the request${detail}.`
  }
  return new BcConnectorError({ system: 'erp', kind, message, ambiguous, status, retryAfterSeconds: args.retryAfter, bc })
}

/**
 * No answer at all: the connection failed, was reset, or timed out. `reached` is what was
 * being called (the API or Microsoft's sign-in) and where, for the message; `unreachable` is set
 * when the client saw that no connection could be opened (see unreachable.ts).
 */
export function fromNetworkError(args: {
  code: string | undefined
  write: boolean
  sent: boolean
  cause: unknown
  unreachable?: boolean
  reached?: { system: string; url: string }
}): ConnectorError {
  const timedOut = args.code === 'ECONNABORTED' || args.code === 'ETIMEDOUT'
  if (args.unreachable || isUnreachableCode(args.code)) {
    const reached = args.reached ?? { system: 'Business Central', url: '' }
    return new ConnectorError({
      system: 'erp',
      kind: 'offline',
      // Unreachable after the request went out (see canConnect): a write may have arrived.
      ambiguous: args.write && args.sent && !isUnreachableCode(args.code),
      message: `${unreachableMessage(reached.system, hostOf(reached.url), args.code ?? null)} If it lasts while the network works, check the addresses in the connection settings.`,
      cause: args.cause,
    })
  }
  return new ConnectorError({
    system: 'erp',
    kind: 'retryable',
    ambiguous: args.write && args.sent,
    message: timedOut
      ? 'Business Central did not answer in time. Instep will check whether the change arrived before trying again.'
      : 'The connection to Business Central was interrupted. Instep will check whether the change arrived before trying again.',
    cause: args.cause,
  })
}

/**
 * Rewords a rejected sales order so a finance user knows what to fix, using what we sent
 * (BC's own messages omit the customer number, for instance).
 */
export function explainOrderRejection(
  error: unknown,
  order: { customerNumber: string; currencyCode: string; externalDocumentNumber: string },
): unknown {
  if (!(error instanceof BcConnectorError) || error.kind !== 'invalid' || !error.bc) return error
  const bc = error.bc
  const m = bc.message
  const prefix = `Business Central rejected order ${order.externalDocumentNumber}`
  let message: string | null = null
  if (/sell-to customer cannot be found|customer values do not match/i.test(m)) {
    message = `${prefix}: customer ${order.customerNumber} does not exist. Create the customer or fix the market's customer mapping.`
  } else if (/customerNumber.*customerId.*must be provided/i.test(m)) {
    message = `${prefix}: no customer was given. Set the ERP customer for the order's market.`
  } else if (/Item does not exist/i.test(m)) {
    const no = /No\.='([^']*)'/.exec(m)?.[1]
    message = `${prefix}: item ${no ?? '(unknown)'} does not exist in Business Central. Create the item or fix the SKU mapping.`
  } else if (/Account does not exist/i.test(m)) {
    const no = /No\.='([^']*)'/.exec(m)?.[1]
    message = `${prefix}: G/L account ${no ?? '(unknown)'} for shipping or fees does not exist. Fix the charge account in the settings.`
  } else if (/Item Charge does not exist/i.test(m)) {
    const no = /No\.='([^']*)'/.exec(m)?.[1]
    message = `${prefix}: item charge ${no ?? '(unknown)'} for shipping or fees does not exist. Fix the charge number in the settings.`
  } else if (/Variant Id|Item Variant/i.test(m)) {
    message = `${prefix}: Business Central does not have one of the item variants the SKU mappings name. Check the variant codes in the mapping.`
  } else if (/currencyCode.*does not match/i.test(m)) {
    message = `${prefix}: currency ${order.currencyCode} is not set up in Business Central. Add the currency there or fix the market's currency.`
  } else if (/VAT Prod\. Posting Group|Tax Group Code/i.test(m)) {
    const code = /contains a value \(([^)]*)\)/.exec(m)?.[1]
    message = `${prefix}: tax code ${code ?? '(unknown)'} is not set up in Business Central. Fix the market's tax mapping.`
  } else if (bc.code === 'Application_StringExceededLength') {
    message = `${prefix}: a text is longer than Business Central allows (${m}). Shorten it in the mapping or in Centra.`
  } else if (/pricesIncludeTax/i.test(m)) {
    message = `${prefix}: this company uses US sales tax, so prices cannot include tax. Send the market's prices excluding tax.`
  }
  if (!message) message = `${prefix}: ${m}`
  return new BcConnectorError({ system: 'erp', kind: error.kind, message, status: error.status, cause: error, bc })
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the configured address'
  }
}
