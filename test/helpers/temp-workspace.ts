/** A throw-away workspace folder with a valid config, for core tests. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OrdersSettings, saveConfig, ScheduleSettings, type WorkspaceConfigInput } from '../../src/main/core/workspace/config'

export interface TempWorkspace {
  dir: string
  cleanup(): void
}

export function tempWorkspace(overrides: Partial<WorkspaceConfigInput> = {}): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'instep-test-'))
  const config: WorkspaceConfigInput = {
    version: 1,
    name: 'Test workspace',
    demo: false,
    centra: { url: 'http://127.0.0.1:9/graphql', token: { env: 'INSTEP_TEST_CENTRA_TOKEN' }, timeoutMs: 5000 },
    erp: {
      kind: 'business-central',
      baseUrl: 'http://127.0.0.1:9/v2.0/t/e/api/v2.0',
      tokenUrl: 'http://127.0.0.1:9/t/oauth2/v2.0/token',
      clientId: 'test',
      clientSecret: { env: 'INSTEP_TEST_BC_SECRET' },
      timeoutMs: 5000,
    },
    orders: OrdersSettings.parse({ pageSize: 2, shippingAccount: '6110', postConcurrency: 1 }),
    schedule: ScheduleSettings.parse({ ordersEveryMinutes: 0 }),
    ...overrides,
  }
  saveConfig(dir, config)
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
