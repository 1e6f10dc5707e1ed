/**
 * The demo workspace a new user starts in: a simulated Centra store and Business Central
 * company on 127.0.0.1, started with this process, and a workspace config pointing at them.
 * Simulators are development tools: they live in src/sim and are never part of the desktop build.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { startCentraSimulator, type RunningCentraSim } from '../sim/centra'
import { startBcSimulator, type RunningBcSim } from '../sim/bc'
import { hasConfig, loadConfig, OrdersSettings, saveConfig, type WorkspaceConfigInput } from '../main/core/workspace/config'
import { createSecretResolver, writeSecrets } from '../main/core/workspace/secrets'

export interface DemoEnvironment {
  workspaceDir: string
  centra: RunningCentraSim
  bc: RunningBcSim
  close(): Promise<void>
}

export interface DemoOptions {
  seed?: number
  /** extra fault spec for the ERP simulator, e.g. "latency:200" to make syncs slow enough to watch */
  erpFaults?: string
  centraFaults?: string
  orders?: number
}

const CENTRA_TOKEN_KEY = 'demo.centra.token'
const BC_SECRET_KEY = 'demo.bc.clientSecret'

/** Starts the simulators and (re)writes the demo workspace config to point at them. */
export async function startDemoEnvironment(workspaceDir: string, options: DemoOptions = {}): Promise<DemoEnvironment> {
  mkdirSync(workspaceDir, { recursive: true })
  const existing = hasConfig(workspaceDir) ? loadConfig(workspaceDir) : null
  if (existing && !existing.demo) {
    throw new Error(`${workspaceDir} is a real workspace, not the demo. Open it with: instep serve --workspace "${workspaceDir}"`)
  }
  if (!existing) {
    writeSecrets(workspaceDir, {
      [CENTRA_TOKEN_KEY]: randomBytes(24).toString('hex'),
      [BC_SECRET_KEY]: randomBytes(24).toString('hex'),
    })
  }
  const secrets = createSecretResolver(workspaceDir)
  const token = secrets.resolve({ secret: CENTRA_TOKEN_KEY }, 'Demo Centra token')
  const clientSecret = secrets.resolve({ secret: BC_SECRET_KEY }, 'Demo Business Central secret')
  const seed = options.seed ?? 42

  const centra = await startCentraSimulator({ seed, scenario: 'demo', token, faults: options.centraFaults, orders: options.orders })
  const bc = await startBcSimulator({ seed, clientSecret, faults: options.erpFaults }).catch(async (e) => {
    await centra.close()
    throw e
  })

  const config: WorkspaceConfigInput = {
    version: 1,
    name: 'Demo workspace',
    demo: true,
    centra: { url: centra.url, token: { secret: CENTRA_TOKEN_KEY }, timeoutMs: existing?.centra.timeoutMs ?? 30_000 },
    erp: {
      kind: 'business-central',
      baseUrl: bc.baseUrl,
      tokenUrl: bc.tokenUrl,
      companyId: bc.companyId,
      clientId: bc.clientId,
      clientSecret: { secret: BC_SECRET_KEY },
      timeoutMs: existing?.erp.timeoutMs ?? 60_000,
    },
    // The simulated company books shipping on 6110 and handling on 6120.
    orders: existing?.orders ?? OrdersSettings.parse({ shippingAccount: '6110', handlingAccount: '6120' }),
    fulfilment: existing?.fulfilment,
    schedule: existing?.schedule,
  }
  saveConfig(workspaceDir, config)

  return {
    workspaceDir,
    centra,
    bc,
    async close() {
      await Promise.allSettled([centra.close(), bc.close()])
    },
  }
}
