/**
 * Being offline is a state, not a failure. A run that could not reach Centra or the ERP is
 * stored as failed (sync_runs has no column for the difference), with an error that starts with
 * these words: the alert feed and the screens tell it apart by them.
 */
export const OFFLINE_MESSAGE_PREFIX = 'Instep cannot reach '

export function isOfflineError(error: string | null | undefined): boolean {
  return typeof error === 'string' && error.startsWith(OFFLINE_MESSAGE_PREFIX)
}
