/** What the sandboxed page sees of the preload: `window.instep` in Electron, absent in a browser. */
import type { InstepBridge } from '../shared/bridge'

declare global {
  interface Window {
    instep?: InstepBridge
  }
}

export {}
