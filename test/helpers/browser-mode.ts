/**
 * Starts Instep in browser mode exactly as a user would (`instep serve --demo`), reads the
 * address it prints, and opens it in Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'

const root = resolve(__dirname, '../..')

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export interface RunningApp {
  url: string
  workspaceDir: string
  output: () => string
  /** Takes the demo's simulators (or only the ERP's) off the network or back on (needs `networkControl`). */
  setDemoNetwork(state: 'offline' | 'offline erp' | 'online'): Promise<void>
  stop(): Promise<void>
}

export interface BrowserModeOptions {
  /** run jobs on their schedule like a real installation (off by default, so tests decide when syncs run) */
  schedule?: boolean
  /** let the test take the demo simulators off the network (serve's test-only --demo-network-control) */
  networkControl?: boolean
}

export async function startBrowserMode(args: string[] = [], options: BrowserModeOptions = {}): Promise<RunningApp> {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'instep-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'bin', 'instep.mjs'),
      'serve',
      '--demo',
      ...(options.schedule ? [] : ['--no-schedule']),
      ...(options.networkControl ? ['--demo-network-control'] : []),
      '--workspace',
      workspaceDir,
      '--port',
      '0',
      ...args,
    ],
    { cwd: root, env: { ...process.env, INSTEP_HOME: workspaceDir }, stdio: [options.networkControl ? 'pipe' : 'ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in time:\n${out}`)), 90_000)
    const check = () => {
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1])
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited with ${code}:\n${out}`))
    })
  })
  return {
    url,
    workspaceDir,
    output: () => out,
    async setDemoNetwork(state) {
      if (!child.stdin) throw new Error('start the app with { networkControl: true } to take its simulators off the network')
      const acks = out.split(`Demo simulators: ${state}\n`).length
      child.stdin.write(`${state}\n`)
      const deadline = Date.now() + 10_000
      while (out.split(`Demo simulators: ${state}\n`).length === acks) {
        if (Date.now() > deadline) throw new Error(`the demo simulators did not go ${state}:\n${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop() {
      child.stdin?.end()
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(workspaceDir, { recursive: true, force: true })
    },
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  return page
}

/**
 * One demo app in browser mode and one Chromium page for a test file: started before its tests,
 * stopped after them. Read `app` and `page` inside tests (they exist once the file has started).
 */
export function useDemoApp(args: string[] = [], options: BrowserModeOptions = {}): { readonly app: RunningApp; readonly page: Page } {
  const state: { app?: RunningApp; browser?: Browser; page?: Page } = {}
  beforeAll(async () => {
    state.app = await startBrowserMode(args, options)
    state.browser = await launchChromium()
    state.page = await openApp(state.browser, state.app.url)
  })
  afterAll(async () => {
    await state.browser?.close()
    await state.app?.stop()
  })
  return {
    get app() {
      return state.app!
    },
    get page() {
      return state.page!
    },
  }
}
