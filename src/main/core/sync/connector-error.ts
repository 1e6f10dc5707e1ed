/**
 * Every connector failure is classified once, where the HTTP happens, so the engine can decide
 * without knowing the system: retry, look up first, or raise an exception for a person.
 */
export type FailureKind = 'retryable' | 'auth' | 'invalid' | 'not_found' | 'conflict' | 'offline'

/** A line the ERP cannot take because a SKU mapping points at something it does not have. */
export interface MappingGap {
  sku: string | null
  itemNumber: string
  variantCode: string | null
}

export class ConnectorError extends Error {
  readonly system: 'centra' | 'erp'
  readonly kind: FailureKind
  /** true when a write may have been applied remotely although we saw no answer (timeout, reset, 5xx) */
  readonly ambiguous: boolean
  readonly status: number | null
  /** seconds the remote asked us to wait (Retry-After), when it said so */
  readonly retryAfterSeconds: number | null
  /** set when the fix is a SKU mapping (ecommerce's), found before anything was sent */
  readonly mapping: MappingGap[] | null

  constructor(args: {
    system: 'centra' | 'erp'
    kind: FailureKind
    message: string
    ambiguous?: boolean
    status?: number | null
    retryAfterSeconds?: number | null
    mapping?: MappingGap[] | null
    cause?: unknown
  }) {
    super(args.message, { cause: args.cause })
    this.name = 'ConnectorError'
    this.system = args.system
    this.kind = args.kind
    this.ambiguous = args.ambiguous ?? false
    this.status = args.status ?? null
    this.retryAfterSeconds = args.retryAfterSeconds ?? null
    this.mapping = args.mapping ?? null
  }

  get retryable(): boolean {
    return this.kind === 'retryable' || this.kind === 'offline'
  }
}
