/** `instep connections test`: what works and what is missing, without the UI. */
import type { Command } from 'commander'
import { createCore } from '../../main/core/core'
import type { ConnectionReport } from '../../shared/contract'
import { workspaceDirFrom } from './options'

export function registerConnections(program: Command): void {
  const connections = program.command('connections').description('Check the Centra and ERP connections of a workspace')
  connections
    .command('test')
    .description('Try each connection (read-only) and report sign-in, permissions and folders')
    .option('--workspace <dir>', 'workspace folder (default: the demo workspace)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { workspace?: string; json?: boolean }) => {
      const core = createCore({ workspaceDir: workspaceDirFrom(opts.workspace), mode: 'cli', schedule: false })
      try {
        const result = await core.dispatch('connections.test', {})
        if (!result.ok) throw new Error(result.error.message)
        const reports = result.data as ConnectionReport[]
        if (opts.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n')
        else {
          for (const r of reports) {
            process.stdout.write(`${r.ok ? 'OK  ' : 'FAIL'} ${r.system} (${r.address})\n`)
            for (const c of r.checks) process.stdout.write(`     ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}\n`)
          }
        }
        if (reports.some((r) => !r.ok)) process.exitCode = 1
      } finally {
        await core.close()
      }
    })
}
