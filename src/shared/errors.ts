/**
 * Errors that cross a process boundary travel as { code, message, retryable } so every side
 * (renderer, CLI, tests) can rebuild them and show the message to a business user.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'conflict',
  'cancelled',
  'unavailable',
  'auth',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorInfo {
  code: ErrorCode
  message: string
  retryable: boolean
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.retryable = options.retryable ?? false
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, retryable: this.retryable }
  }

  static fromInfo(info: ErrorInfo): AppError {
    return new AppError(info.code, info.message, { retryable: info.retryable })
  }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Unexpected error: ${message}`, retryable: false }
}
