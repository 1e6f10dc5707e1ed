/**
 * Crash-recovery trial run: node bin/run-ts.mjs scripts/kill-test.ts [trials=100] [seed=7]
 * Half the trials kill at a random moment, half right after the ERP's k-th sales order create.
 * Prints each trial, the kills per phase and the final report; exits 1 if any order is missing or
 * duplicated.
 */
import { runKillTrials } from '../test/helpers/kill-trials'

const trials = Number(process.argv[2] ?? 100)
const seed = Number(process.argv[3] ?? 7)
const started = Date.now()
const report = await runKillTrials({ trials, seed, log: (l) => process.stdout.write(`${l}\n`) })
const phases = Object.entries(report.killsByPhase).map(([phase, n]) => `${phase} ${n}`).join(', ')
process.stdout.write(`\n${JSON.stringify(report, null, 2)}\n`)
process.stdout.write(
  `\n${report.killed} of ${report.trials} runs killed (${report.timedToPosting} timed to posting): ${phases}; ` +
    `${report.erpAheadOfLocal} kills left the ERP ahead of the local store; ` +
    `${report.duplicates.length} duplicates, ${report.missingInErp.length} missing\n`,
)
process.stdout.write(`elapsed ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
const ok =
  report.duplicates.length === 0 &&
  report.missingInErp.length === 0 &&
  report.unexpectedInErp.length === 0 &&
  report.postedWithoutErpDocument.length === 0 &&
  report.stuckSending === 0 &&
  report.integrity === 'ok' &&
  report.foreignKeyProblems === 0
process.exit(ok ? 0 : 1)
