/**
 * Where updates come from. A release build carries the address electron-builder wrote into
 * app-update.yml (from `publish.url` in electron-builder.yml); INSTEP_UPDATE_URL or the app's
 * setting overrides it, e.g. to point a test machine at a staging feed.
 */

export interface FeedSource {
  /** the `updates.feedUrl` setting, if the user or an administrator set one */
  setting?: string | null
  env?: NodeJS.ProcessEnv
}

export type FeedChoice =
  | { kind: 'url'; url: string }
  /** use the app-update.yml that electron-builder packaged with the app */
  | { kind: 'packaged' }
  | { kind: 'invalid'; message: string }

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function chooseFeed(source: FeedSource): FeedChoice {
  const env = source.env ?? process.env
  const raw = (env.INSTEP_UPDATE_URL ?? source.setting ?? '').trim()
  if (!raw) return { kind: 'packaged' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { kind: 'invalid', message: `The update address "${raw}" is not a web address.` }
  }
  // Updates are verified by sha512 from the feed itself, so the feed must not be tamperable in
  // transit: https only (plain http only to this machine, for tests and local mirrors).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { kind: 'invalid', message: `The update address must start with https:// (got ${url.protocol}//${url.host}).` }
  }
  if (url.username || url.password) {
    return { kind: 'invalid', message: 'The update address must not contain a user name or password.' }
  }
  return { kind: 'url', url: url.href.endsWith('/') ? url.href : `${url.href}/` }
}
