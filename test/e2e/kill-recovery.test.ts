/**
 * SIGKILL the syncing process at random points over 20 trials; afterwards every order is in the
 * ERP exactly once and the store is consistent. (`npm run kill-test -- 100` runs 100 trials.)
 */
import { describe, expect, it } from 'vitest'
import { runKillTrials } from '../helpers/kill-trials'

describe('crash recovery', () => {
  it('keeps every order exactly once in the ERP across 20 random SIGKILLs of the sync process', async () => {
    const report = await runKillTrials({ trials: 20, seed: 2026 })
    expect(report.killed).toBeGreaterThanOrEqual(10) // most trials must really be interrupted
    expect(report.duplicates).toEqual([])
    expect(report.missingInErp).toEqual([])
    expect(report.unexpectedInErp).toEqual([])
    expect(report.postedWithoutErpDocument).toEqual([])
    expect(report.stuckSending).toBe(0)
    expect(report.integrity).toBe('ok')
    expect(report.foreignKeyProblems).toBe(0)
    expect(report.erpDocuments).toBeGreaterThan(100)
  }, 600_000)
})
