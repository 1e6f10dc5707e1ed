/**
 * The instep command: the same core as the desktop app, without a window.
 *   instep start            the app on the demo workspace (desktop window, or browser mode)
 *   instep serve            browser mode on a workspace
 *   instep sync orders      one headless order sync
 *   instep sim centra|bc    run a simulator until stopped
 *   instep connections test what works and what is missing in the connections
 * Errors end the process with a non-zero code and one clear line.
 */
import { Command, CommanderError } from 'commander'
import { registerServe, registerStart } from './commands/serve'
import { registerSync } from './commands/sync'
import { registerSim } from './commands/sim'
import { registerConnections } from './commands/connections'
import pkg from '../../package.json'

const program = new Command()
  .name('instep')
  .description('Keeps a Centra store in step with its ERP.')
  .version(pkg.version)
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)')

registerStart(program)
registerServe(program)
registerSync(program)
registerSim(program)
registerConnections(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode)
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`instep: ${message}\n`)
  process.exit(1)
}
