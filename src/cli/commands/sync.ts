/** `instep sync orders`: one headless run with a progress line, or a JSON summary for scripts. */
import type { Command } from 'commander'
import { createCore } from '../../main/core/core'
import { workspaceDirFrom } from './options'

interface SyncOptions {
  workspace?: string
  json?: boolean
}

export function registerSync(program: Command): void {
  const sync = program.command('sync').description('Run a sync job once, without the UI')
  sync
    .command('orders')
    .description('Read new orders from Centra and post them to the ERP')
    .option('--workspace <dir>', 'workspace folder (default: the demo workspace)')
    .option('--json', 'print a JSON summary instead of progress')
    .action(async (opts: SyncOptions) => {
      const core = createCore({ workspaceDir: workspaceDirFrom(opts.workspace), mode: 'cli' })
      try {
        const tty = process.stdout.isTTY && !opts.json
        if (!opts.json) {
          core.subscribe((event, payload) => {
            if (event !== 'sync.progress') return
            const p = payload as { done: number; total: number | null; message: string }
            const line = p.total ? `[${p.done}/${p.total}] ${p.message}` : p.message
            process.stdout.write(tty ? `\r\x1b[K${line}` : `${line}\n`)
          })
        }
        const stop = () => core.runner.cancelAll()
        process.once('SIGINT', stop)
        const runId = core.runner.start('orders', 'cli')
        const run = await core.runner.wait(runId)
        process.off('SIGINT', stop)
        if (opts.json) {
          process.stdout.write(JSON.stringify(run, null, 2) + '\n')
        } else {
          if (tty) process.stdout.write('\n')
          const c = run.counters
          process.stdout.write(
            `Run ${run.id} ${run.status}: ${c.fetched} read, ${c.stored} new or changed, ${c.posted} posted, ` +
              `${c.alreadyInErp} already in the ERP, ${c.blocked} blocked, ${c.failed} failed\n`,
          )
        }
        if (run.status === 'failed') {
          if (!opts.json) process.stderr.write(`instep: ${run.error}\n`)
          process.exitCode = 1
        }
      } finally {
        await core.close()
      }
    })
}
