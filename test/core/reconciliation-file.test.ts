import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { syncedNovember } from '../helpers/synced-november'
import type { TestCore } from '../helpers/test-core'

let t: TestCore
afterEach(() => t?.close())

describe('offline reconciliation against an ERP export file', () => {
  it('matches the file to the month on the external document number and names missing, extra and differing documents', async () => {
    t = await syncedNovember()

    const file = join(t.ws.dir, 'bc-export.csv')
    writeFileSync(
      file,
      [
        'Document No,External Document No,Document Date,Currency Code,Total Excl Tax,Total Tax,Total Incl Tax',
        'SO1000,WEB-1,2026-11-01,SEK,160.00,40.00,200.00',
        'SO1001,WEB-3,2026-11-01,EUR,79.83,15.17,95.00',
        'SO1999,MANUAL-9,2026-11-15,SEK,8.00,2.00,10.00',
      ].join('\n'),
    )
    const r = await t.call('reconciliation.compareErpFile', { period: '2026-11', path: file })
    expect(r).toMatchObject({ documents: 3, errors: [], matched: 2 })
    expect(r.missingInFile).toEqual({ count: 1, orders: [2] })
    expect(r.extraInFile).toEqual({ count: 1, documents: ['SO1999'] })
    expect(r.amountMismatch.orders).toEqual([{ orderNumber: 3, document: 'SO1001', currency: 'EUR', centraMinor: 10332, fileMinor: 9500 }])
    expect(r.byCurrency.find((x) => x.currency === 'SEK')).toMatchObject({ centraCount: 2, centraTotalMinor: 30000, erpCount: 1, erpTotalMinor: 20000, differenceMinor: -10000 })

    writeFileSync(file, 'Something,Else\n1,2\n')
    const bad = await t.call('reconciliation.compareErpFile', { period: '2026-11', path: file })
    expect(bad.documents).toBe(0)
    expect(bad.errors.length).toBeGreaterThan(0)
    await expect(t.call('reconciliation.compareErpFile', { period: '2026-11', path: 'nowhere.csv' })).rejects.toThrow(/No file at/)
  })
})
