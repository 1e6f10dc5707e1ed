import { describe, expect, it } from 'vitest'
import { createWsTransport, rpcUrl, takeToken, TOKEN_KEY, type LinkState, type SocketLike } from '../../src/renderer/src/api'

function memoryEnv(href: string, stored: Record<string, string> = {}) {
  const url = new URL(href)
  const store = new Map(Object.entries(stored))
  const replaced: string[] = []
  return {
    env: {
      location: { hash: url.hash, pathname: url.pathname, search: url.search },
      history: { state: null, replaceState: (_s: unknown, _t: string, u?: string | URL | null) => void replaced.push(String(u)) },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    },
    store,
    replaced,
  }
}

describe('launch token from the page address', () => {
  it('reads the token from the fragment, keeps it for the tab and takes it out of the address bar', () => {
    const m = memoryEnv('http://127.0.0.1:4000/#token=abc-123_XY')
    expect(takeToken(m.env)).toBe('abc-123_XY')
    expect(m.store.get(TOKEN_KEY)).toBe('abc-123_XY')
    expect(m.replaced).toEqual(['/'])
  })

  it('keeps other fragment parameters and the query string', () => {
    const m = memoryEnv('http://127.0.0.1:4000/app?x=1#token=t1&view=ex')
    expect(takeToken(m.env)).toBe('t1')
    expect(m.replaced).toEqual(['/app?x=1#view=ex'])
  })

  it('after a reload (no fragment) uses the token kept for this tab and leaves the address alone', () => {
    const m = memoryEnv('http://127.0.0.1:4000/', { [TOKEN_KEY]: 'kept' })
    expect(takeToken(m.env)).toBe('kept')
    expect(m.replaced).toEqual([])
  })

  it('a new token in the fragment replaces the kept one', () => {
    const m = memoryEnv('http://127.0.0.1:4000/#token=new', { [TOKEN_KEY]: 'old' })
    expect(takeToken(m.env)).toBe('new')
    expect(m.store.get(TOKEN_KEY)).toBe('new')
  })

  it('has no token when neither the fragment nor the tab has one', () => {
    expect(takeToken(memoryEnv('http://127.0.0.1:4000/').env)).toBeNull()
  })

  it('works against the real window APIs too', () => {
    window.history.replaceState(null, '', '/#token=from-window')
    expect(takeToken()).toBe('from-window')
    expect(window.location.hash).toBe('')
    expect(window.sessionStorage.getItem(TOKEN_KEY)).toBe('from-window')
  })

  it('puts the token on the socket address, encoded', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a+b/c')).toBe('ws://127.0.0.1:4000/rpc?token=a%2Bb%2Fc')
    expect(rpcUrl({ protocol: 'https:', host: 'x' }, 't')).toBe('wss://x/rpc?token=t')
  })
})

class FakeSocket implements SocketLike {
  readyState = 0
  sent: { type: string; id: number; method: string; input: unknown }[] = []
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.drop()
  }
  open() {
    this.readyState = 1
    this.onopen?.({})
  }
  drop() {
    this.readyState = 3
    this.onerror?.({})
    this.onclose?.({})
  }
  reply(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }
}

function harness(options: { initialAttempts?: number; queueTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = []
  let timers: { fn: () => void; ms: number; id: number }[] = []
  let nextTimer = 1
  const states: LinkState[] = []
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:4000/rpc?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const id = nextTimer++
      timers.push({ fn, ms, id })
      return id
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id)
    },
    ...options,
  })
  transport.onLinkState((s) => states.push(s))
  /** runs the timers due within `ms` */
  const advance = (ms: number) => {
    const due = timers.filter((t) => t.ms <= ms)
    timers = timers.filter((t) => t.ms > ms)
    for (const t of due) t.fn()
  }
  return { transport, sockets, states, advance, timers: () => timers, last: () => sockets[sockets.length - 1] }
}

describe('WebSocket transport', () => {
  it('holds calls until the socket opens, then sends them and resolves with the answer', async () => {
    const h = harness()
    expect(h.sockets[0].url).toBe('ws://127.0.0.1:4000/rpc?token=t')
    const pending = h.transport.call('system.info', {})
    expect(h.sockets[0].sent).toEqual([])
    h.sockets[0].open()
    expect(h.sockets[0].sent).toEqual([{ type: 'call', id: 1, method: 'system.info', input: {} }])
    h.sockets[0].reply({ type: 'result', id: 1, ok: true, data: { workspaceName: 'Demo' } })
    await expect(pending).resolves.toEqual({ ok: true, data: { workspaceName: 'Demo' } })
    expect(h.states.map((s) => s.state)).toEqual(['connecting', 'ready'])
  })

  it('passes error answers and pushed events through', async () => {
    const h = harness()
    h.sockets[0].open()
    const seen: unknown[] = []
    h.transport.on('sync.progress', (p) => seen.push(p))
    const pending = h.transport.call('sync.cancel', { runId: 1 })
    h.sockets[0].reply({ type: 'event', event: 'sync.progress', payload: { runId: 1, done: 2 } })
    h.sockets[0].reply({ type: 'result', id: 1, ok: false, error: { code: 'not_found', message: 'No run 1', retryable: false } })
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'No run 1', retryable: false } })
    expect(seen).toEqual([{ runId: 1, done: 2 }])
  })

  it('after a drop: fails calls that were in flight, shows reconnecting, and sends new calls once back', async () => {
    const h = harness()
    h.sockets[0].open()
    const inFlight = h.transport.call('sync.runNow', { job: 'orders' })
    h.sockets[0].drop()
    // Not resent: it may have reached the core, and a second run must not start by accident.
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } })
    expect(h.states.at(-1)).toEqual({ state: 'reconnecting', attempt: 1 })

    const waiting = h.transport.call('dashboard.summary', {})
    h.advance(1000)
    expect(h.sockets).toHaveLength(2)
    h.last().open()
    expect(h.states.at(-1)).toEqual({ state: 'ready' })
    expect(h.last().sent).toEqual([{ type: 'call', id: 2, method: 'dashboard.summary', input: {} }])
    h.last().reply({ type: 'result', id: 2, ok: true, data: { ordersSynced: 1 } })
    await expect(waiting).resolves.toEqual({ ok: true, data: { ordersSynced: 1 } })
  })

  it('backs off longer after each failed reconnect', () => {
    const h = harness()
    h.sockets[0].open()
    h.sockets[0].drop()
    const delays: number[] = []
    for (let i = 0; i < 6; i++) {
      const t = h.timers().at(-1)!
      delays.push(t.ms)
      h.advance(t.ms)
      h.last().drop()
    }
    expect(delays).toEqual([350, 600, 1100, 2100, 4100, 5100]) // random()=0.5 of 500·2^n, capped at 10 s, +100 ms
    expect(h.states.at(-1)).toEqual({ state: 'reconnecting', attempt: 7 })
  })

  it('fails a waiting call with a clear message when the connection does not come back in time', async () => {
    const h = harness({ queueTimeoutMs: 15_000 })
    h.sockets[0].open()
    h.sockets[0].drop()
    const waiting = h.transport.call('exceptions.list', { limit: 10 })
    h.advance(15_000)
    const result = await waiting
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(!result.ok && result.error.message).toMatch(/did not reconnect within 15 seconds/)
  })

  it('gives up on first contact after a few attempts and reports failed', async () => {
    const h = harness({ initialAttempts: 3 })
    const waiting = h.transport.call('system.info', {})
    h.sockets[0].drop()
    h.advance(10_000)
    h.last().drop()
    h.advance(10_000)
    h.last().drop()
    expect(h.sockets).toHaveLength(3)
    expect(h.states.at(-1)?.state).toBe('failed')
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } })
    await expect(h.transport.call('system.info', {})).resolves.toMatchObject({ ok: false })
  })
})
