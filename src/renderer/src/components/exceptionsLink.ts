/**
 * "Show me the rows behind this number": a screen leaves the filter here and navigates to the
 * Exceptions screen, which takes it once when it opens. Module state, so no screen or the shell
 * has to be rewired to pass it along.
 */
import type { ExceptionFilter } from '@shared/contract'

let pending: ExceptionFilter | null = null

export function openExceptionsWith(filter: ExceptionFilter, navigate: (routeId: string) => void): void {
  pending = filter
  navigate('exceptions')
}

/** The filter another screen asked for, once; null when the user came by the menu. */
export function takeExceptionsFilter(): ExceptionFilter | null {
  const f = pending
  pending = null
  return f
}
