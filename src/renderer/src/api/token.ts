/**
 * Browser mode: `instep serve` prints an address with the launch token in the URL fragment
 * (`/#token=…`). The fragment never reaches a server or a log; we keep the token for this tab
 * in sessionStorage (so a reload still works) and take it out of the address bar at once so it
 * is not copied, bookmarked or shown in screenshots.
 */
export const TOKEN_KEY = 'instep.token'

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

export function takeToken(env: TokenEnv = { location: window.location, history: window.history, storage: window.sessionStorage }): string | null {
  const hash = env.location.hash.replace(/^#/, '')
  const params = new URLSearchParams(hash)
  const fromHash = params.get('token')
  if (fromHash) {
    env.storage.setItem(TOKEN_KEY, fromHash)
    params.delete('token')
    const rest = params.toString()
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`)
    return fromHash
  }
  return env.storage.getItem(TOKEN_KEY)
}
