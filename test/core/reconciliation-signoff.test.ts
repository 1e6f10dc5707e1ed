import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeCentra, FakeErp, item, storeOrder } from '../helpers/fake-connectors'
import { testCore, type TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

/** November with one clean order, one blocked (unmapped SKU) and one failing to post. */
async function month() {
  const now = new Date('2026-11-01T02:00:00Z')
  const centra = new FakeCentra([storeOrder(1, [{ sku: 'A', qty: 2 }]), storeOrder(2, [{ sku: 'X' }])])
  const erp = new FakeErp([item('A')])
  let clock = now
  t = testCore(() => ({ store: centra, erp }), undefined, () => clock)
  await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
  erp.failCreate = () => 'down'
  centra.orders.push(storeOrder(3, [{ sku: 'A' }], { orderDate: '2026-11-01T01:00:00.000Z' }))
  clock = new Date('2026-11-01T03:00:00Z')
  await t.core.runner.wait((await t.call('sync.runNow', { job: 'orders' })).runId)
  clock = new Date('2026-12-02T09:00:00Z')
}

const expectRefused = async (p: Promise<unknown>, message: RegExp) => {
  await expect(p).rejects.toThrow(message)
}

describe('month-end sign-off', () => {
  it('signs off only when every variance is explained or accepted and every failed check explained, then locks the period', async () => {
    await month()
    const period = '2026-11'
    let s = await t.call('reconciliation.summary', { period })
    expect(s.canSignOff).toBe(false)
    await expectRefused(t.call('reconciliation.signOff', { period, actor: 'Fiona' }), /cannot be signed off yet: Missing in the ERP: 2 item/)

    const missing = await t.call('reconciliation.items', { period, topic: 'missing_in_erp' })
    await t.call('reconciliation.explain', { period, keys: [missing.rows[0].key], note: 'SKU X is being created in the ERP', actor: 'Fiona' })
    let items = await t.call('reconciliation.items', { period, topic: 'missing_in_erp' })
    expect(items.rows[0].decision).toMatchObject({ decision: 'explained', note: 'SKU X is being created in the ERP', actor: 'Fiona' })
    expect((await t.call('reconciliation.items', { period, undecidedOnly: true, limit: 50 })).rows.every((r) => r.decision === null)).toBe(true)

    // everything left in one cause, then the failed check
    expect(await t.call('reconciliation.accept', { period, topic: 'missing_in_erp', actor: 'Fiona', note: 'ERP outage on 1 Nov' })).toEqual({ decided: 1 })
    s = await t.call('reconciliation.summary', { period })
    expect(s.blockers).toEqual([expect.stringMatching(/^Check failed — Nothing stuck in posting.*1 order\(s\) not explained/)])
    await expectRefused(t.call('reconciliation.explain', { period, keys: ['timing:nope'], note: 'xyz', actor: 'Fiona' }), /Not an open item/)
    const stuck = s.checks.find((c) => c.id === 'check_stuck')!
    await t.call('reconciliation.explain', { period, keys: stuck.sample.map((o) => o.key), note: 'Reposted on 2 Dec', actor: 'Fiona' })

    s = await t.call('reconciliation.summary', { period })
    expect(s).toMatchObject({ canSignOff: true, blockers: [] })
    const signed = await t.call('reconciliation.signOff', { period, actor: 'Fiona', note: 'November closed' })
    expect(signed).toMatchObject({ period, signedOffAt: '2026-12-02T09:00:00.000Z', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    s = await t.call('reconciliation.summary', { period })
    expect(s).toMatchObject({ status: 'signed_off', signedOffBy: 'Fiona', auditHash: signed.hash, canSignOff: false })
    const last = s.audit[s.audit.length - 1]
    expect(last).toMatchObject({ action: 'sign_off', actor: 'Fiona', hash: signed.hash })
    expect(last.payload).toMatchObject({ totals: { byCurrency: [expect.objectContaining({ currency: 'SEK', centraTotalMinor: 40000 })] } })

    // locked
    await expectRefused(t.call('reconciliation.accept', { period, topic: 'missing_in_erp', actor: 'Fiona' }), /signed off and locked/)
    await expectRefused(t.call('reconciliation.explain', { period, keys: [missing.rows[0].key], note: 'again', actor: 'Fiona' }), /signed off and locked/)
    await expectRefused(t.call('reconciliation.signOff', { period, actor: 'Fiona' }), /signed off and locked/)

    // reopen needs a reason, is audited, and unlocks
    await expectRefused(t.call('reconciliation.reopen', { period, actor: 'Carl', reason: '' }), /invalid_input/)
    const reopened = await t.call('reconciliation.reopen', { period, actor: 'Carl', reason: 'Late credit note from the warehouse' })
    s = await t.call('reconciliation.summary', { period })
    expect(s).toMatchObject({ status: 'open', auditHash: reopened.hash })
    expect(s.audit.map((a) => a.action)).toEqual(['explain', 'accept', 'explain', 'sign_off', 'reopen'])
    expect(s.audit[4].payload).toMatchObject({ reason: 'Late credit note from the warehouse', actor: 'Carl' })
    items = await t.call('reconciliation.items', { period, topic: 'missing_in_erp' })
    expect(items.rows.every((r) => r.decision !== null)).toBe(true)
    await t.call('reconciliation.explain', { period, keys: [missing.rows[0].key], note: 'Item created 3 Dec', actor: 'Fiona' })
    await expectRefused(t.call('reconciliation.reopen', { period, actor: 'Carl', reason: 'twice' }), /not signed off/)
  })

  it('keeps a hash chain that verifies, refuses edits, and points at the entry changed behind its back', async () => {
    await month()
    const period = '2026-11'
    expect(await t.call('reconciliation.verifyAudit', {})).toMatchObject({ ok: true, entries: 0 })
    await t.call('reconciliation.accept', { period, topic: 'missing_in_erp', actor: 'Fiona' })
    await t.call('reconciliation.accept', { period, topic: 'check_stuck', actor: 'Fiona', note: 'ERP outage' })
    await t.call('reconciliation.signOff', { period, actor: 'Fiona' })
    const { audit } = await t.call('reconciliation.summary', { period })
    expect(audit[0].prevHash).toBe('0'.repeat(64))
    for (let i = 1; i < audit.length; i++) expect(audit[i].prevHash).toBe(audit[i - 1].hash)
    expect(await t.call('reconciliation.verifyAudit', {})).toMatchObject({ ok: true, entries: 3, brokenAtId: null })

    const db = new Database(join(t.ws.dir, 'instep.db'))
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'Mallory'").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
      // someone with raw file access drops the triggers and rewrites the sign-off's totals
      db.exec('DROP TRIGGER audit_log_no_update')
      const row = db.prepare("SELECT id, payload_json FROM audit_log WHERE action = 'sign_off'").get() as { id: number; payload_json: string }
      db.prepare('UPDATE audit_log SET payload_json = ? WHERE id = ?').run(row.payload_json.replace('40000', '41000'), row.id)
      const verdict = await t.call('reconciliation.verifyAudit', {})
      expect(verdict).toMatchObject({ ok: false, brokenAtId: row.id })
      expect(verdict.message).toMatch(/changed after it was written/)
    } finally {
      db.close()
    }
  })
})
