/**
 * `instep start` and `instep serve`: the app in a desktop window when Electron can run here,
 * otherwise the same UI served to a browser on 127.0.0.1 (browser mode).
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { Option, type Command } from 'commander'
import { createCore, type Core } from '../../main/core/core'
import { startBrowserServer, type BrowserServer } from '../../main/core/transports/browser-server'
import { hostCoreInProcess } from '../../main/core/workspace/in-process-host'
import { controlDemoNetworkFromStdin, editDemoStockByHand, shipDemoOrders, startDemoEnvironment, startDemoStockCount, type DemoEnvironment } from '../demo-workspace'
import { parsePort, untilStopped, workspaceDirFrom } from './options'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const rendererDir = join(repoRoot, 'out', 'renderer')

interface ServeOptions {
  workspace?: string
  demo?: boolean
  port: number
  host: string
  browser?: boolean
  erpFaults?: string
  centraFaults?: string
  schedule: boolean
  erp?: 'business-central' | 'file-exchange'
  demoNetworkControl?: boolean
}

/** Why Electron cannot run here, or null when it can. */
function electronUnavailable(): string | null {
  let binary: string
  try {
    binary = createRequire(import.meta.url)('electron') as string
  } catch {
    return 'the Electron binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)'
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return 'the Electron binary is not installed'
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display'
  if (!existsSync(join(repoRoot, 'out', 'main', 'index.js'))) return 'the app is not built (run: npm run build)'
  return null
}

async function runElectron(workspaceDir: string): Promise<number> {
  const binary = createRequire(import.meta.url)('electron') as string
  const child = spawn(binary, [repoRoot, '--workspace', workspaceDir], { stdio: 'inherit' })
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)))
}

/** Demo workspaces get one sync at first start, so the dashboard opens on real numbers. */
async function firstDemoSync(core: Core, demo: DemoEnvironment): Promise<void> {
  const runs = await core.dispatch('sync.listRuns', { limit: 1 })
  if (runs.ok && Array.isArray(runs.data) && runs.data.length > 0) return
  process.stdout.write('Preparing the demo workspace: first order sync…\n')
  const run = await core.runner.wait(core.runner.start('orders', 'demo-setup'))
  process.stdout.write(
    `  ${run.counters.fetched} orders read, ${run.counters.posted} posted to the ERP, ${run.counters.blocked} blocked (see Exceptions)\n`,
  )
  // The oldest orders Centra still waits on leave the warehouse, so shipments flow back at once.
  const awaiting = await core.dispatch('fulfilment.awaiting', { limit: 5 })
  if (!demo.bc || !awaiting.ok) return
  await shipDemoOrders(demo, (awaiting.data as { rows: { number: number }[] }).rows.map((r) => r.number))
  const shipped = await core.runner.wait(core.runner.start('fulfilment', 'demo-setup'))
  process.stdout.write(`  ${shipped.counters.posted} shipments sent back to Centra, customers notified\n`)
  await firstDemoStock(core, demo)
}

/**
 * Stock: a first sweep, then a few delta runs with the ERP's stock moving in between and two
 * sizes corrected by hand in Centra, so the Stock & drift screen opens with a short history;
 * last, a run during a half-finished ERP stock count, which the guardrail holds for review.
 */
async function firstDemoStock(core: Core, demo: DemoEnvironment): Promise<void> {
  process.stdout.write('  first stock sync…\n')
  const sweep = await core.runner.wait(core.runner.start('stock-sweep', 'demo-setup'))
  for (let i = 0; i < 3; i++) {
    if (i === 1) await editDemoStockByHand(demo)
    await core.runner.wait(core.runner.start('stock', 'demo-setup'))
  }
  process.stdout.write(`  ${sweep.counters.posted} stock levels set in Centra${sweep.error ? ` (${sweep.error})` : ''}\n`)
  // The ERP is mid-way through a stock count: the next run is held for review, as it should be.
  await startDemoStockCount(demo)
  const held = await core.runner.wait(core.runner.start('stock', 'demo-setup'))
  if (held.status === 'partial') process.stdout.write('  one stock update held for review (a stock count in progress): see Stock & drift\n')
}

async function serve(opts: ServeOptions, allowElectron: boolean): Promise<void> {
  const workspaceDir = workspaceDirFrom(opts.workspace)
  let demo: DemoEnvironment | null = null
  if (opts.demo) {
    demo = await startDemoEnvironment(workspaceDir, { erpFaults: opts.erpFaults, centraFaults: opts.centraFaults, erp: opts.erp })
    process.stdout.write(`Demo Centra simulator:   ${demo.centra.url}\n`)
    if (demo.bc) process.stdout.write(`Demo Business Central:   ${demo.bc.baseUrl}\n`)
    if (demo.exchangeDir) process.stdout.write(`Demo ERP exchange folder: ${demo.exchangeDir}\n`)
    if (opts.demoNetworkControl) controlDemoNetworkFromStdin(demo)
  }
  try {
    const why = allowElectron && !opts.browser ? electronUnavailable() : 'browser mode was asked for'
    if (allowElectron && !opts.browser && why === null) {
      if (demo) {
        const core = createCore({ workspaceDir, mode: 'cli' })
        await firstDemoSync(core, demo).finally(() => core.close())
      }
      process.exitCode = await runElectron(workspaceDir)
      return
    }
    if (allowElectron && !opts.browser) process.stdout.write(`Opening in browser mode because ${why}.\n`)
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error('The user interface is not built yet. Run: npm run build')
    }
    // The switcher in the app can put another workspace's core in place of this one.
    let server: BrowserServer | null = null
    const host = hostCoreInProcess({ workspaceDir, mode: 'browser', schedule: opts.schedule, onSwitched: (next) => {
      server?.swapCore(next)
      process.stdout.write(`Workspace: ${next.info().workspaceDir}\n`)
    } })
    const core = host.current()
    if (demo) await firstDemoSync(core, demo)
    server = await startBrowserServer({ core, rendererDir, host: opts.host, port: opts.port })
    process.stdout.write(`\nInstep is running. Open this address in your browser:\n\n  ${server.url}\n\nWorkspace: ${workspaceDir}\nPress Ctrl-C to stop.\n`)
    await untilStopped(async () => {
      await server?.close()
      await host.close()
    })
  } finally {
    await demo?.close()
  }
}

/** Options both commands share: where to listen, and how the demo's simulators behave. */
function withServeOptions(command: Command): Command {
  return command
    .option('--port <n>', 'browser mode port (0 = any free port)', parsePort, 0)
    .option('--host <host>', 'browser mode address', '127.0.0.1')
    .option('--erp-faults <spec>', 'faults for the demo ERP simulator, e.g. latency:200')
    .option('--centra-faults <spec>', 'faults for the demo Centra simulator')
    .option('--no-schedule', 'do not run syncs automatically; only when asked')
    .addOption(new Option('--erp <kind>', 'demo ERP: the Business Central simulator or a file-exchange folder').choices(['business-central', 'file-exchange']))
    // Test-only: end-to-end tests take the demo simulators off the network through stdin.
    .addOption(new Option('--demo-network-control', 'read "offline"/"online" lines on stdin to take the demo simulators off the network').hideHelp())
}

export function registerStart(program: Command): void {
  withServeOptions(
    program
      .command('start')
      .description('Open Instep on the demo workspace (desktop window, or browser mode where Electron cannot run)')
      .option('--workspace <dir>', 'demo workspace folder (default: under your app-data folder)')
      .option('--browser', 'always use browser mode'),
  ).action((opts: ServeOptions) => serve({ ...opts, demo: true }, true))
}

export function registerServe(program: Command): void {
  withServeOptions(
    program
      .command('serve')
      .description('Serve Instep to a browser on 127.0.0.1 (browser mode)')
      .option('--workspace <dir>', 'workspace folder (default: the demo workspace)')
      .option('--demo', 'start the demo simulators and point the workspace at them'),
  ).action((opts: ServeOptions) => serve(opts, false))
}
