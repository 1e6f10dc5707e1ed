/** `instep sim centra|bc|all`: the simulators on 127.0.0.1, until stopped. */
import type { Command } from 'commander'
import { startCentraSimulator } from '../../sim/centra'
import { startBcSimulator } from '../../sim/bc'
import { parseInteger, parsePort, untilStopped } from './options'

interface CentraOpts {
  port: number
  seed: number
  scenario: string
  orders?: number
  ordersFile?: string
  token?: string
  faults?: string
}

interface BcOpts {
  port: number
  seed: number
  clientSecret?: string
  faults?: string
}

export function registerSim(program: Command): void {
  const sim = program.command('sim').description('Run the Centra or Business Central simulator (for demos, tests and benchmarks)')
  sim
    .command('centra')
    .description('Centra Integration API simulator (GraphQL at /graphql)')
    .option('--port <n>', 'port (0 = any free port)', parsePort, 0)
    .option('--seed <n>', 'scenario seed', parseInteger, 42)
    .option('--scenario <name>', 'scenario: demo or bench', 'demo')
    .option('--orders <n>', 'number of orders to generate', parseInteger)
    .option('--orders-file <file>', 'seed orders from a JSON file in the API response shape')
    .option('--token <token>', 'API token to accept (default: a random one, printed)')
    .option('--faults <spec>', 'fault injection, e.g. "429@rate=0.1,latency:50"')
    .action(async (opts: CentraOpts) => {
      const s = await startCentraSimulator(opts)
      process.stdout.write(`Centra simulator\n  GraphQL URL: ${s.url}\n  Token:       ${s.token}\nPress Ctrl-C to stop.\n`)
      await untilStopped(() => s.close())
    })
  sim
    .command('bc')
    .description('Business Central API v2.0 simulator')
    .option('--port <n>', 'port (0 = any free port)', parsePort, 0)
    .option('--seed <n>', 'seed for the company data', parseInteger, 42)
    .option('--client-secret <secret>', 'client secret to accept (default: a random one, printed)')
    .option('--faults <spec>', 'fault injection, e.g. "429@rate=0.1,latency:50"')
    .action(async (opts: BcOpts) => {
      const s = await startBcSimulator(opts)
      process.stdout.write(
        `Business Central simulator\n  API base:      ${s.baseUrl}\n  Token URL:     ${s.tokenUrl}\n` +
          `  Tenant:        ${s.tenant}\n  Environment:   ${s.environment}\n  Company:       ${s.companyName} (${s.companyId})\n` +
          `  Client id:     ${s.clientId}\n  Client secret: ${s.clientSecret}\nPress Ctrl-C to stop.\n`,
      )
      await untilStopped(() => s.close())
    })
}
