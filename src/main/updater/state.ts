/**
 * What the updater is doing, as one value the UI can show without knowing electron-updater:
 * idle → checking → available → downloading → ready → installing, or error from any step.
 * Every message is written for the person using Instep, not for a developer.
 */

export type UpdateState =
  /** nothing in progress; `message` says how the last check ended, e.g. "Instep is up to date" */
  | { state: 'idle'; message: string | null; checkedAt: string | null }
  | { state: 'checking' }
  | { state: 'available'; version: string; releaseNotes: string | null }
  | { state: 'downloading'; version: string; percent: number; transferredBytes: number; totalBytes: number }
  /** downloaded and verified; `restartPending` when the user asked to restart but a sync is running */
  | { state: 'ready'; version: string; releaseNotes: string | null; restartPending: boolean; message: string | null }
  | { state: 'installing'; version: string }
  | { state: 'error'; code: UpdateErrorCode; message: string }

export type UpdateErrorCode =
  | 'feed_unreachable'
  | 'feed_missing'
  | 'download_failed'
  | 'checksum_mismatch'
  | 'signature_invalid'
  | 'not_configured'
  | 'install_failed'
  | 'unknown'

export type UpdatePhase = 'check' | 'download' | 'install'

export const messages = {
  upToDate: (version: string) => `Instep is up to date (version ${version}).`,
  waitingForSync: 'The update is ready. Instep will restart to install it when the sync that is running now finishes.',
  disabled: 'Automatic updates are off in this copy of Instep (it was not installed from a release).',
} as const

/** Release notes arrive as a string, a list (full changelog) or HTML; the UI gets plain text or null. */
export function releaseNotesText(notes: string | readonly { version: string; note: string | null }[] | null | undefined): string | null {
  if (notes == null) return null
  const text =
    typeof notes === 'string' ? notes : notes.map((n) => (n.note ? `${n.version}: ${n.note}` : n.version)).join('\n')
  const plain = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return plain.length ? plain : null
}

interface ErrorLike {
  code?: unknown
  message?: unknown
  statusCode?: unknown
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])

/**
 * Turns an electron-updater failure into a code and a sentence. The codes come from
 * builder-util-runtime (ERR_CHECKSUM_MISMATCH, ERR_UPDATER_*), from Node's sockets (ECONNREFUSED…)
 * and, in the packaged app, from Chromium's network stack ("net::ERR_…"), which has no code.
 */
export function describeUpdateError(error: unknown, phase: UpdatePhase): { code: UpdateErrorCode; message: string } {
  const e = (error && typeof error === 'object' ? error : {}) as ErrorLike
  const code = typeof e.code === 'string' ? e.code : ''
  const text = typeof e.message === 'string' ? e.message : String(error)
  const status = typeof e.statusCode === 'number' ? e.statusCode : null

  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(text)) {
    return {
      code: 'checksum_mismatch',
      message:
        'Instep downloaded an update but it did not match its published fingerprint (sha512), so it was thrown away and nothing was installed. ' +
        'The download may have been damaged. You can keep working; Instep will try again later. If this keeps happening, tell whoever looks after Instep for your team.',
    }
  }
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner/i.test(text)) {
    return {
      code: 'signature_invalid',
      message:
        'Instep downloaded an update that is not signed by Instep’s publisher, so it was not installed. You can keep working. Please tell whoever looks after Instep for your team.',
    }
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || (phase === 'check' && status === 404)) {
    return {
      code: 'feed_missing',
      message:
        'Instep could not check for updates: the update server has no release information for this system. You can keep working; it will try again later.',
    }
  }
  const network = NETWORK_CODES.has(code) || /net::ERR_|timed out|socket hang up|aborted/i.test(text) || (status !== null && status >= 500)
  if (phase === 'check' && (network || code.startsWith('HTTP_ERROR_'))) {
    return {
      code: 'feed_unreachable',
      message: 'Instep could not check for updates: the update server did not answer. You can keep working; it will try again later.',
    }
  }
  if (phase === 'download' && (network || /Cannot download/i.test(text))) {
    return {
      code: 'download_failed',
      message: 'Instep could not download the update: the connection to the update server was lost. You can keep working; it will try again later.',
    }
  }
  if (phase === 'install') {
    return {
      code: 'install_failed',
      message: 'Instep could not install the update. You can keep working on this version; the update will be offered again.',
    }
  }
  return {
    code: 'unknown',
    message: `Instep could not ${phase === 'check' ? 'check for' : 'download'} updates (${firstLine(text)}). You can keep working; it will try again later.`,
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim()
  return line.length > 160 ? `${line.slice(0, 157)}…` : line
}
