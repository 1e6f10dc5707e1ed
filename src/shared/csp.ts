/**
 * The one Content-Security-Policy of the user interface, sent by Electron main and by browser
 * mode alike: scripts only from the app itself (no inline, no eval), inline styles for Mantine,
 * no plugins, no framing, no form posts. Only the places the page may connect to differ.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = ["'self'"]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connectSrc.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}
