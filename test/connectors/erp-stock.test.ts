/** The ERP as a stock source: Business Central (simulator) and file exchange (a temp folder). */
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bcStockSource, fileStockSource } from '../../src/main/core/connect/erp-stock'
import { createBcAdapter, type BcAdapter } from '../../src/main/core/sync/connectors/bc'
import { FileInbox } from '../../src/main/core/sync/connectors/file-exchange'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'

describe('Business Central as the stock source', () => {
  let sim: RunningBcSim
  let bc: BcAdapter
  afterEach(async () => {
    await bc?.close()
    await sim?.close()
  })

  it('without an availability page: one total per item, at the configured location', async () => {
    sim = await startBcSimulator({ seed: 4 })
    bc = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret })
    const rows = await bcStockSource(bc, { availability: null, inventoryLocation: 'HQ', quantityType: () => 'PHYSICAL' }).readStock()
    const totals = await bc.listItemInventory()
    expect(rows).toEqual(totals.map((t) => ({ itemNumber: t.number, variant: null, location: 'HQ', quantity: t.inventory })))
  })

  it('with the availability page: per item and location', async () => {
    sim = await startBcSimulator({ seed: 4 })
    bc = createBcAdapter({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret })
    const availability = { apiPath: 'instep/inventory/v1.0', entitySet: 'itemAvailabilities' }
    const rows = await bcStockSource(bc, { availability, inventoryLocation: 'MAIN', quantityType: () => 'FREE_TO_ALLOCATE' }).readStock()
    expect(new Set(rows.map((r) => r.location))).toEqual(new Set(['MAIN', 'US-EAST']))
    const total = rows.reduce((t, r) => t + r.quantity, 0)
    expect(total).toBe((await bc.listItemInventory()).reduce((t, i) => t + i.inventory, 0))
  })
})

describe('file exchange as the stock source', () => {
  const NOW = new Date('2026-11-27T01:00:00Z')
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'instep-fx-stock-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))
  const source = () => fileStockSource(new FileInbox({ root, now: () => NOW }))

  async function drop(name: string, content: string, ageMs: number) {
    const dir = join(root, 'inbox', 'stock')
    await mkdir(dir, { recursive: true })
    const path = join(dir, name)
    await writeFile(path, content)
    const t = new Date(NOW.getTime() - ageMs)
    await utimes(path, t, t)
  }
  const csv = (rows: string[]) => ['Item No.,Variant,Location,Qty,As of', ...rows].join('\n') + '\n'

  it('says so before the first file arrives', async () => {
    await expect(source().readStock()).rejects.toThrow(/No stock file has arrived/)
  })

  it('reads the newest complete file; a file still being written is left for later, and older snapshots stay archived', async () => {
    await drop('monday.csv', csv(['A,,MAIN,5,2026-11-23', 'B,,MAIN,1,2026-11-23']), 3_600_000)
    await drop('tuesday.csv', csv(['A,,MAIN,7,2026-11-24', 'B,,US-EAST,2,2026-11-24']), 120_000)
    // written a moment ago: it may not be complete yet
    await drop('wednesday.csv', csv(['A,,MAIN,0,2026-11-25']), 100)
    await drop('thursday.csv.tmp', csv(['A,,MAIN,99,2026-11-26']), 120_000)
    const rows = await source().readStock()
    expect(rows).toEqual([
      { itemNumber: 'A', variant: null, location: 'MAIN', quantity: 7 },
      { itemNumber: 'B', variant: null, location: 'US-EAST', quantity: 2 },
    ])
    expect((await readdir(join(root, 'inbox', 'stock'))).sort()).toEqual(['thursday.csv.tmp', 'wednesday.csv'])
    // with nothing new, the next run reads the same snapshot again from the archive
    expect(await source().readStock()).toEqual(rows)
  })

  it('a newer file in quarantine stops the run rather than send older levels; a corrected file resumes it', async () => {
    await drop('monday.csv', csv(['A,,MAIN,5,2026-11-23']), 3_600_000)
    await source().readStock()
    await drop('tuesday.csv', csv(['A,,MAIN,lots,2026-11-24']), 120_000)
    await expect(source().readStock()).rejects.toThrow(/newest stock file tuesday\.csv could not be read/)
    await expect(source().readStock()).rejects.toThrow(/quarantine/)
    await drop('tuesday-fixed.csv', csv(['A,,MAIN,6,2026-11-24']), 60_000)
    expect(await source().readStock()).toEqual([{ itemNumber: 'A', variant: null, location: 'MAIN', quantity: 6 }])
  })
})
