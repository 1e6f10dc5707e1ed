/**
 * Browser mode: the renderer served on 127.0.0.1 and the core reachable over a WebSocket.
 * Only pages that know this launch's token can call the core: the token travels in the URL
 * fragment (never sent to the server by the browser, never logged), the page presents it when
 * it opens the socket, and the socket also checks Origin and Host so another local site or a
 * DNS-rebinding page cannot talk to it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer } from 'ws'
import { MAX_MESSAGE_BYTES } from '../../../shared/rpc-protocol'
import { contentSecurityPolicy } from '../../../shared/csp'
import type { Core } from '../core'
import { openConnection } from './connection'

export interface BrowserServerOptions {
  core: Core
  rendererDir: string
  host?: string
  port?: number
  token?: string
}

export interface BrowserServer {
  /** address to open, token in the fragment */
  url: string
  origin: string
  port: number
  token: string
  /** new connections go to this core; the windows still on the old one are closed shortly (they reload on the new one) */
  swapCore(core: Core): void
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

function csp(port: number): string {
  return contentSecurityPolicy(["'self'", `ws://127.0.0.1:${port}`, `ws://localhost:${port}`])
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(24).toString('base64url')
  let core = options.core
  const root = resolve(options.rendererDir)
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The user interface has not been built (${join(root, 'index.html')} is missing). Run: npm run build`)
  }
  let port = 0
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  const serveStatic = (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421).end('Wrong host')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(root, pathname))
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end()
      return
    }
    // Client-side routes fall back to the app shell.
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    })
    if (req.method === 'HEAD') res.end()
    // A file gone between the check and the read (the UI being rebuilt) fails this answer, not the server.
    else createReadStream(file).on('error', () => res.destroy()).pipe(res)
  }

  const server = createServer(serveStatic)
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const origin = req.headers.origin ?? ''
    const okOrigin = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (url.pathname !== '/rpc' || !allowedHosts().has(req.headers.host ?? '') || !okOrigin || !sameToken(url.searchParams.get('token'), token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = openConnection(core, (msg) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg))
      })
      ws.on('message', (data, isBinary) => conn.receive(isBinary ? null : data.toString('utf8')))
      ws.on('close', () => conn.close())
      ws.on('error', () => conn.close())
    })
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolvePromise())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    swapCore(next) {
      core = next
      // Leave the old connections a moment to deliver the answer to the call that switched.
      const old = [...wss.clients]
      setTimeout(() => {
        for (const client of old) client.close(1012, 'Workspace switched')
      }, 1_000).unref()
    },
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
