/** Business Central's error shape: `{"error":{"code","message"}}`, message ending in a correlation id. */
import { randomUUID } from 'node:crypto'

export class BcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function errorBody(code: string, message: string): string {
  const text = message.endsWith('.') ? message : `${message}.`
  return JSON.stringify({ error: { code, message: `${text}  CorrelationId:  ${randomUUID()}.` } })
}

/** What BC (or its gateway) answers for a status the fault injector chose. */
export function faultBody(status: number): { contentType: string; body: string } {
  const known: Record<number, [string, string]> = {
    408: ['Request_Timeout', 'The operation has timed out'],
    429: ['Application_TooManyRequests', 'Too many requests reached. Actual (6001). Maximum (6000)'],
    500: ['Internal_ServerError', 'Something went wrong'],
    502: ['Internal_ServerError', 'Bad gateway'],
    503: ['Internal_ServiceUnavailable', 'The service is temporarily unavailable'],
    504: ['Internal_ServerError', 'The request took too long to process'],
  }
  const [code, message] = known[status] ?? ['Unknown', `HTTP ${status}`]
  return { contentType: 'application/json; odata.metadata=minimal', body: errorBody(code, message) }
}

export const badRequest = (code: string, message: string) => new BcError(400, code, message)
export const dialog = (message: string) => new BcError(400, 'Application_DialogException', message)
export const notFoundRoute = (url: string) =>
  new BcError(404, 'BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${url}'`)
