/**
 * Wire format shared by every transport (MessagePort in Electron, WebSocket in browser mode).
 * Kept deliberately tiny: a call, its result, and pushed events.
 */
import type { ErrorInfo } from './errors'

export interface CallMessage {
  type: 'call'
  id: number
  method: string
  input: unknown
}

export type ResultMessage =
  | { type: 'result'; id: number; ok: true; data: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorInfo }

export interface EventMessage {
  type: 'event'
  event: string
  payload: unknown
}

export type CallResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorInfo }

/** Largest message a transport accepts; bigger ones are refused before parsing. */
export const MAX_MESSAGE_BYTES = 1_000_000
