import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { startBrowserServer, type BrowserServer } from '../../src/main/core/transports/browser-server'
import { FakeCentra, FakeErp } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
let server: BrowserServer
let rendererDir: string

beforeEach(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'instep-ui-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Instep</title>')
  t = testCore(() => ({ store: new FakeCentra([]), erp: new FakeErp([]) }))
  server = await startBrowserServer({ core: t.core, rendererDir })
})

afterEach(async () => {
  await server.close()
  await t.close()
  rmSync(rendererDir, { recursive: true, force: true })
})

function connect(token: string, origin = server.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(token)}`, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

function request(ws: WebSocket, payload: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString())
      if (msg.type === 'result') {
        ws.off('message', onMessage)
        resolve(msg)
      }
    }
    ws.on('message', onMessage)
    ws.send(payload)
  })
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only, on a free port, and prints an address carrying the token in the fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the UI with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.origin}/`)
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses requests for another host name (DNS rebinding) and paths outside the UI folder', async () => {
    const { request: httpRequest } = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example:80' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0) }).end()
    })
    expect(status).toBe(421)
    const traversal = await new Promise<number>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: server.port, path: '/../../etc/passwd' }, (res) => { res.resume(); resolve(res.statusCode ?? 0) }).end()
    })
    expect([200, 403]).toContain(traversal)
  })

  it('refuses a WebSocket without the launch token or from another origin', async () => {
    await expect(connect('wrong-token')).rejects.toThrow(/403/)
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow(/403/)
  })

  it('answers contract calls from the page that has the token', async () => {
    const ws = await connect(server.token)
    const result = await request(ws, JSON.stringify({ type: 'call', id: 1, method: 'system.info', input: {} }))
    expect(result).toMatchObject({ id: 1, ok: true, data: { workspaceName: 'Test workspace' } })
    ws.close()
  })

  it('answers malformed and invalid messages with clear errors and keeps the connection', async () => {
    const ws = await connect(server.token)
    expect(await request(ws, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Message is not valid JSON.' } })
    expect(await request(ws, JSON.stringify({ type: 'call', id: 'x', method: 'system.info' }))).toMatchObject({ ok: false })
    expect(await request(ws, JSON.stringify({ type: 'call', id: 2, method: 'exceptions.list', input: { limit: -1 } }))).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await request(ws, JSON.stringify({ type: 'call', id: 3, method: 'system.info', input: {} }))).toMatchObject({ id: 3, ok: true })
    ws.close()
  })

  it('pushes core events to connected pages', async () => {
    const ws = await connect(server.token)
    const event = new Promise<Record<string, unknown>>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString())
        if (msg.type === 'event' && msg.event === 'sync.finished') resolve(msg)
      })
    })
    await request(ws, JSON.stringify({ type: 'call', id: 1, method: 'sync.runNow', input: { job: 'orders' } }))
    expect(await event).toMatchObject({ payload: { job: 'orders', status: 'succeeded' } })
    ws.close()
  })
})
