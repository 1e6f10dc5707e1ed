import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { appendFile, copyFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileInbox, type FileInboxOptions, type InboxFileResult } from '../../src/main/core/sync/connectors/file-exchange'

const FIXTURES = join(import.meta.dirname, '../fixtures/file-exchange')
const NOW = new Date('2026-11-27T01:00:00Z')

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'instep-fx-in-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const inbox = (over: Partial<FileInboxOptions> = {}) => new FileInbox({ root, now: () => NOW, ...over })

/** Puts a file into inbox/<kind>/ and makes it look settled (last written a minute before NOW). */
async function drop(kind: string, name: string, content: string | Buffer, ageMs = 60_000): Promise<string> {
  const dir = join(root, 'inbox', kind)
  await mkdir(dir, { recursive: true })
  const path = join(dir, name)
  await writeFile(path, content)
  await age(path, ageMs)
  return path
}

async function age(path: string, ageMs: number) {
  const t = new Date(NOW.getTime() - ageMs)
  await utimes(path, t, t)
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(join(root, dir).length + 1))
    .sort()
}

function only<T extends InboxFileResult>(list: T[]): T {
  expect(list).toHaveLength(1)
  return list[0]
}

describe('file-exchange inbox', () => {
  it('imports a good CSV, archives it by day and returns typed rows', async () => {
    await drop('stock', 'stock.csv', await readFile(join(FIXTURES, 'stock-good.csv')))
    const result = await inbox().scan('stock')
    const file = only(result.files)
    expect(file.status).toBe('imported')
    if (file.status !== 'imported') return
    expect(file.rows).toEqual([
      { itemNumber: 'TSHIRT', variant: 'M', location: 'MAIN', quantity: 12, asOf: '2026-11-26' },
      { itemNumber: 'TSHIRT', variant: 'L', location: 'MAIN', quantity: 0, asOf: '2026-11-26' },
      { itemNumber: 'MUG', variant: null, location: 'STORE-2', quantity: 1200, asOf: '2026-11-26' },
    ])
    expect(file.archivedTo).toBe(join(root, 'archive/stock/2026-11-27/stock.csv'))
    expect(await files('inbox')).toEqual([])
    expect(await files('archive/stock')).toEqual(['.imported-hashes', '2026-11-27/stock.csv'])
  })

  it('reads semicolon-separated files with a BOM, decimal commas and day-first dates', async () => {
    await drop('shipments', 'ship.csv', await readFile(join(FIXTURES, 'shipments-semicolon.csv')))
    const ship = only((await inbox({ dateFormat: 'DD.MM.YYYY' }).scan('shipments')).files)
    expect(ship.status).toBe('imported')
    if (ship.status === 'imported') {
      expect(ship.rows[0]).toEqual({ orderKey: 'WEB-1001', lineNo: 1, itemNumber: 'TSHIRT-M', quantity: 2, carrier: 'POSTNORD', trackingNumber: '00370712345678901234', shippedDate: '2026-11-26' })
      expect(ship.rows[1].trackingNumber).toBeNull()
    }

    await drop('erp-orders', 'export.csv', await readFile(join(FIXTURES, 'erp-orders-decimal-comma.csv')))
    const erp = only(
      (
        await inbox({
          dateFormat: 'DD.MM.YYYY',
          columns: {
            'erp-orders': {
              documentNumber: 'Dokument',
              externalDocumentNumber: 'Extern',
              documentDate: 'Datum',
              currency: 'Valuta',
              totalExcludingTax: 'Netto',
              totalTax: 'Moms',
              totalIncludingTax: 'Brutto',
              lineNo: 'Rad',
              itemNumber: 'Artikel',
              quantity: 'Antal',
              lineAmount: 'Radbelopp',
            },
          },
        }).scan('erp-orders')
      ).files,
    )
    expect(erp.status).toBe('imported')
    if (erp.status !== 'imported') return
    expect(erp.rows).toEqual([
      {
        documentNumber: 'SO-1',
        externalDocumentNumber: 'WEB-1001',
        documentType: 'salesOrder',
        documentDate: '2026-11-26',
        currencyCode: 'SEK',
        totalExcludingTaxMinor: 123_456,
        totalTaxMinor: 30_864,
        totalIncludingTaxMinor: 154_320,
        lines: [
          { lineNo: 1, itemNumber: 'TSHIRT-M', description: null, quantity: 2, lineAmountMinor: 100_000 },
          { lineNo: 2, itemNumber: 'MUG', description: null, quantity: 1, lineAmountMinor: 23_456 },
        ],
      },
      {
        documentNumber: 'SO-2',
        externalDocumentNumber: 'WEB-1002',
        documentType: 'salesOrder',
        documentDate: '2026-11-26',
        currencyCode: 'JPY',
        totalExcludingTaxMinor: 1_200,
        totalTaxMinor: 120,
        totalIncludingTaxMinor: 1_320,
        lines: [{ lineNo: 1, itemNumber: 'MUG', description: null, quantity: 1, lineAmountMinor: 1_200 }],
      },
    ])
  })

  it('reads an XLSX workbook with typed cells (numbers, dates, text)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Stock')
    ws.addRow(['Item', 'Variant', 'Warehouse', 'Available', 'Date'])
    ws.addRow(['TSHIRT', 'M', 'MAIN', 12, new Date(Date.UTC(2026, 10, 26))])
    ws.addRow(['00042', null, 'MAIN', 0, '2026-11-26'])
    ws.getColumn(5).numFmt = 'yyyy-mm-dd'
    wb.addWorksheet('Notes').addRow(['not read'])
    const dir = join(root, 'inbox/stock')
    await mkdir(dir, { recursive: true })
    await wb.xlsx.writeFile(join(dir, 'stock.xlsx'))
    await age(join(dir, 'stock.xlsx'), 60_000)

    const file = only((await inbox().scan('stock')).files)
    expect(file.status).toBe('imported')
    if (file.status !== 'imported') return
    expect(file.format).toBe('xlsx')
    expect(file.rows).toEqual([
      { itemNumber: 'TSHIRT', variant: 'M', location: 'MAIN', quantity: 12, asOf: '2026-11-26' },
      { itemNumber: '00042', variant: null, location: 'MAIN', quantity: 0, asOf: '2026-11-26' },
    ])
  })

  it('quarantines a file with bad rows whole, with a sidecar a person can act on', async () => {
    await drop('stock', 'stock-bad.csv', await readFile(join(FIXTURES, 'stock-bad-rows.csv')))
    const file = only((await inbox().scan('stock')).files)
    expect(file.status).toBe('quarantined')
    if (file.status !== 'quarantined') return
    expect(file.kind).toBe('stock')
    expect(file.errorCount).toBe(5)
    expect(file.errors).toEqual([
      { row: 3, where: 'line 3', column: 'Qty', field: 'quantity', value: '-3', expected: 'a whole number of 0 or more' },
      { row: 4, where: 'line 4', column: 'Location', field: 'location', value: '', expected: 'a value (this column may not be empty)' },
      { row: 4, where: 'line 4', column: 'Qty', field: 'quantity', value: 'five', expected: 'a whole number of 0 or more' },
      { row: 4, where: 'line 4', column: 'As of', field: 'as-of date', value: '2026-13-01', expected: 'a date as YYYY-MM-DD (a real calendar date)' },
      { row: 5, where: 'line 5', column: 'Qty', field: 'quantity', value: '2.5', expected: 'a whole number of 0 or more' },
    ])
    // nothing archived, nothing left in the inbox; the file and its sidecar sit in quarantine
    expect(await files('archive')).toEqual([])
    expect(await files('inbox')).toEqual([])
    expect(await files('quarantine/stock')).toEqual(['stock-bad.csv', 'stock-bad.csv.errors.txt'])
    const sidecar = await readFile(file.errorsFile, 'utf8')
    expect(sidecar).toContain('NOTHING FROM THIS FILE WAS IMPORTED')
    expect(sidecar).toContain('5 problems found:')
    expect(sidecar).toContain('- Line 3, column "Qty" (quantity): the value is "-3" — expected a whole number of 0 or more.')
    expect(sidecar).toContain('- Line 4, column "Location": the value is empty — expected a value (this column may not be empty).')
    expect(sidecar).toContain('- Line 4, column "As of" (as-of date): the value is "2026-13-01" — expected a date as YYYY-MM-DD (a real calendar date).')
    expect(sidecar).toContain('inbox/stock/ again')
  })

  it('quarantines a file that lacks a required column, naming what it looked for and what it found', async () => {
    await drop('stock', 'no-qty.csv', 'Item,Location,Date\nA,MAIN,2026-11-26\n')
    const file = only((await inbox().scan('stock')).files)
    expect(file.status).toBe('quarantined')
    if (file.status !== 'quarantined') return
    expect(file.errors).toHaveLength(1)
    expect(file.errors[0].where).toBe('header')
    const sidecar = await readFile(file.errorsFile, 'utf8')
    expect(sidecar).toMatch(/Header, quantity — expected a column for quantity \(looked for: "quantity", "qty".*found: "Item", "Location", "Date"\)/)
  })

  it('quarantines files that cannot be parsed at all: broken CSV quoting, a corrupt workbook, bad JSON, an unknown type', async () => {
    await drop('stock', 'broken.csv', 'Item,Location,Qty,Date\n"A,MAIN,1,2026-11-26\nB,MAIN,2,2026-11-26\n')
    await drop('stock', 'corrupt.xlsx', Buffer.from('PK\u0003\u0004 this is not really a zip'))
    await drop('stock', 'bad.json', '[{"item": "A",')
    await drop('stock', 'notes.pdf', '%PDF-1.4')
    const result = await inbox().scan('stock')
    expect(result.files.map((f) => [f.file, f.status]).sort()).toEqual([
      ['bad.json', 'quarantined'],
      ['broken.csv', 'quarantined'],
      ['corrupt.xlsx', 'quarantined'],
      ['notes.pdf', 'quarantined'],
    ])
    const text = async (name: string) => readFile(join(root, 'quarantine/stock', `${name}.errors.txt`), 'utf8')
    expect(await text('broken.csv')).toMatch(/could not be read as CSV: .*[Qq]uote/)
    expect(await text('corrupt.xlsx')).toMatch(/could not be read as an Excel workbook/)
    expect(await text('bad.json')).toMatch(/not valid JSON/)
    expect(await text('notes.pdf')).toMatch(/a \.csv, \.xlsx or \.json file/)
    expect(await files('inbox')).toEqual([])
  })

  it('validates rows that have more values than the header has columns', async () => {
    await drop('stock', 'wide.csv', 'Item,Location,Qty,Date\nA,MAIN,1,2026-11-26,extra\n')
    const file = only((await inbox().scan('stock')).files)
    expect(file.status).toBe('quarantined')
    if (file.status === 'quarantined') expect(file.errors[0].expected).toMatch(/at most 4 values/)
  })

  it('ignores files still being written until they have settled', async () => {
    const dir = join(root, 'inbox/stock')
    await mkdir(dir, { recursive: true })
    // temp names are never read, whatever their age
    for (const name of ['stock.csv.tmp', 'stock.csv.part', '~$stock.xlsx']) {
      await writeFile(join(dir, name), 'Item,Location,Qty,Date\nA,MAIN,1,2026-11-26\n')
      await age(join(dir, name), 3_600_000)
    }
    // a file written just now (half of it so far) is left alone
    const path = join(dir, 'stock.csv')
    await writeFile(path, 'Item,Location,Qty,Date\nA,MAIN,1,2026-11-26\nB,MA')
    await age(path, 500)
    const box = inbox()
    let scan = await box.scan('stock')
    expect(scan.files).toEqual([])
    expect(scan.waiting.map((w) => `${w.file}:${w.reason}`).sort()).toEqual([
      'stock.csv.part:temporary-name',
      'stock.csv.tmp:temporary-name',
      'stock.csv:settling',
      '~$stock.xlsx:temporary-name',
    ])
    // the writer goes on; by the next scan the mtime is old enough but the size changed: still waiting
    await appendFile(path, 'IN,2,2026-11-26\n')
    await age(path, 5_000)
    scan = await box.scan('stock')
    expect(scan.waiting.find((w) => w.file === 'stock.csv')?.reason).toBe('settling')
    // unchanged since the last look and old enough: read, complete
    scan = await box.scan('stock')
    const file = only(scan.files)
    expect(file.status).toBe('imported')
    if (file.status === 'imported') expect(file.rows.map((r) => r.location)).toEqual(['MAIN', 'MAIN'])
    expect(await files('inbox/stock')).toEqual(['stock.csv.part', 'stock.csv.tmp', '~$stock.xlsx'])
  })

  it('honours a configurable settle time', async () => {
    await drop('stock', 'stock.csv', await readFile(join(FIXTURES, 'stock-good.csv')), 5_000)
    expect((await inbox({ settleMs: 10_000 }).scan('stock')).waiting).toEqual([{ file: 'stock.csv', reason: 'settling' }])
    expect(only((await inbox({ settleMs: 4_000 }).scan('stock')).files).status).toBe('imported')
  })

  it('skips a file whose content was imported before and reports it as a duplicate', async () => {
    const content = await readFile(join(FIXTURES, 'stock-good.csv'))
    await drop('stock', 'monday.csv', content)
    expect(only((await inbox().scan('stock')).files).status).toBe('imported')
    // the same bytes again, under another name, on another day, by a fresh inbox instance
    await drop('stock', 'monday-resent.csv', content)
    const later = new Date(NOW.getTime() + 86_400_000)
    const dup = only((await inbox({ now: () => later }).scan('stock')).files)
    expect(dup.status).toBe('duplicate')
    if (dup.status !== 'duplicate') return
    expect(dup.duplicateOf).toBe(join('2026-11-27', 'monday.csv'))
    expect(dup.movedTo).toBe(join(root, 'archive/stock/duplicates/2026-11-28/monday-resent.csv'))
    expect(await files('inbox')).toEqual([])
    // a file with the same name but new content is imported and kept next to the first
    await drop('stock', 'monday.csv', Buffer.concat([content, Buffer.from('CAP,,MAIN,1,2026-11-26\n')]))
    const second = only((await inbox().scan('stock')).files)
    expect(second.status).toBe('imported')
    if (second.status === 'imported') expect(second.archivedTo).toMatch(/archive\/stock\/2026-11-27\/monday-[0-9a-f]{8}\.csv$/)
  })

  it('imports files oldest first and keeps quarantined and imported files apart', async () => {
    await drop('stock', 'b.csv', await readFile(join(FIXTURES, 'stock-good.csv')), 30_000)
    await drop('stock', 'a.csv', await readFile(join(FIXTURES, 'stock-bad-rows.csv')), 40_000)
    const result = await inbox().scan('stock')
    expect(result.files.map((f) => `${f.file}:${f.status}`)).toEqual(['a.csv:quarantined', 'b.csv:imported'])
  })

  it('reads JSON exports with nested lines', async () => {
    await drop(
      'erp-orders',
      'invoices.json',
      JSON.stringify({
        documents: [
          {
            documentNumber: 'SI-1',
            externalDocumentNumber: 'WEB-7',
            documentType: 'Invoice',
            invoiceDate: '2026-11-26',
            currencyCode: 'KWD',
            totalExcludingTax: 10.005,
            totalTax: '0.000',
            totalIncludingTax: '10.005',
            lines: [
              { lineNo: 1, itemNumber: 'A', quantity: 1, lineAmount: '10.000' },
              { lineNo: 2, itemNumber: 'B', quantity: 1, lineAmount: 0.005 },
            ],
          },
        ],
      }),
    )
    const file = only((await inbox().scan('erp-orders')).files)
    expect(file.status).toBe('imported')
    if (file.status !== 'imported') return
    expect(file.rows[0]).toMatchObject({ documentType: 'salesInvoice', totalIncludingTaxMinor: 10_005 })
    expect(file.rows[0].lines.map((l) => l.lineAmountMinor)).toEqual([10_000, 5])
  })

  it('refuses ERP exports whose totals do not add up or whose lines disagree on the header', async () => {
    await drop(
      'erp-orders',
      'export.csv',
      'Document No,External Document No,Date,Currency,Total excl tax,Tax,Total incl tax,Line No,Item No,Quantity\n' +
        'SO-1,WEB-1,2026-11-26,EUR,100.00,25.00,125.01,1,A,1\n' +
        'SO-2,WEB-2,2026-11-26,EUR,100.00,25.00,125.00,1,A,1\n' +
        'SO-2,WEB-2,2026-11-26,EUR,100.00,25.00,125.00,2,B,1\n' +
        'SO-2,WEB-2,2026-11-27,EUR,100.00,25.00,125.00,3,C,1\n' +
        'SO-3,WEB-3,2026-11-26,EUR,9.999,0,9.999,1,A,1\n',
    )
    const file = only((await inbox().scan('erp-orders')).files)
    expect(file.status).toBe('quarantined')
    if (file.status !== 'quarantined') return
    const text = await readFile(file.errorsFile, 'utf8')
    expect(text).toContain('Line 2, column "Total incl tax" (total including tax): the value is "125.01" — expected total excluding tax plus tax: 100.00 + 25.00 = 125.00.')
    expect(text).toContain('Line 5, document header: the value is "SO-2" — expected the same external document number, date, currency and totals on every line of document SO-2.')
    expect(text).toContain('Line 6, column "Total excl tax" (total excluding tax): the value is "9.999" — expected an amount with at most 2 decimals (EUR).')
  })

  it('streams a huge file (200 000 rows): validated and applied in batches without holding it in memory', async () => {
    const dir = join(root, 'inbox/stock')
    await mkdir(dir, { recursive: true })
    const path = join(dir, 'full-stock.csv')
    const out = createWriteStream(path)
    out.write('Item No.;Variant;Location;Quantity;As of\n')
    const N = 200_000
    let expectedSum = 0
    for (let i = 0; i < N; i++) {
      expectedSum += i % 1000
      const ok = out.write(`ITEM-${String(i).padStart(6, '0')};${['S', 'M', 'L'][i % 3]};WH-${i % 7};${i % 1000};26.11.2026\n`)
      if (!ok) await new Promise<void>((r) => out.once('drain', () => r()))
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
    await age(path, 60_000)

    const heapBefore = process.memoryUsage().heapUsed
    const started = performance.now()
    const file = only((await inbox({ dateFormat: 'DD.MM.YYYY' }).scan('stock', undefined, { retainRows: false })).files)
    const scanned = performance.now()
    expect(file.status).toBe('imported')
    if (file.status !== 'imported') return
    expect(file.rowCount).toBe(N)
    expect(file.rows).toEqual([])

    let applied = 0
    let sum = 0
    let last: unknown = null
    let largestBatch = 0
    await file.forEachBatch(async (rows) => {
      applied += rows.length
      largestBatch = Math.max(largestBatch, rows.length)
      for (const r of rows) sum += r.quantity
      last = rows[rows.length - 1]
    }, 5_000)
    const done = performance.now()
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6
    console.log(
      `[file-exchange] 200 000-row stock CSV: validate+archive ${((scanned - started) / 1000).toFixed(2)} s, ` +
        `apply in batches ${((done - scanned) / 1000).toFixed(2)} s, heap +${heapMb.toFixed(0)} MB`,
    )
    expect(applied).toBe(N)
    expect(largestBatch).toBe(5_000)
    expect(sum).toBe(expectedSum)
    expect(last).toEqual({ itemNumber: 'ITEM-199999', variant: 'M', location: 'WH-2', quantity: 999, asOf: '2026-11-26' })
    expect((done - started) / 1000).toBeLessThan(20)
  }, 60_000)

  it('returns all rows of an ordinary file in one array by default', async () => {
    const dir = join(root, 'inbox/stock')
    await mkdir(dir, { recursive: true })
    const lines = ['Item,Location,Qty,Date', ...Array.from({ length: 5_000 }, (_, i) => `I${i},MAIN,${i},2026-11-26`)]
    await writeFile(join(dir, 's.csv'), lines.join('\n'))
    await age(join(dir, 's.csv'), 60_000)
    const file = only((await inbox().scan('stock')).files)
    if (file.status !== 'imported') throw new Error(file.status)
    expect(file.rows).toHaveLength(5_000)
    let replayed = 0
    expect(await file.forEachBatch((rows) => void (replayed += rows.length))).toBe(5_000)
    expect(replayed).toBe(5_000)
  })

  it('archives a file only after the caller applied it, so a failed apply leaves it in the inbox', async () => {
    await drop('stock', 'stock.csv', await readFile(join(FIXTURES, 'stock-good.csv')))
    const box = inbox()
    await expect(
      box.scan('stock', undefined, {
        apply: async () => {
          throw new Error('database is locked')
        },
      }),
    ).rejects.toThrow('database is locked')
    expect(await files('inbox/stock')).toEqual(['stock.csv'])
    expect(await files('archive')).toEqual([])

    const applied: string[] = []
    const result = await box.scan('stock', undefined, {
      retainRows: false,
      apply: async (file) => {
        // still in the inbox while being applied; rows streamed from there
        expect(await files('archive')).toEqual([])
        await file.forEachBatch((rows) => void applied.push(...rows.map((r) => r.itemNumber)), 2)
      },
    })
    expect(only(result.files).status).toBe('imported')
    expect(applied).toEqual(['TSHIRT', 'TSHIRT', 'MUG'])
    expect(await files('archive/stock')).toEqual(['.imported-hashes', '2026-11-27/stock.csv'])
  })

  it('stops a scan when asked to', async () => {
    await drop('stock', 'a.csv', await readFile(join(FIXTURES, 'stock-good.csv')))
    const controller = new AbortController()
    controller.abort()
    await expect(inbox().scan('stock', controller.signal)).rejects.toThrow()
    expect(await files('inbox/stock')).toEqual(['a.csv'])
  })

  it('copes with an archive on the fixture copy helper', async () => {
    // the same fixture imported into two kinds is two imports: duplicates are per kind
    await mkdir(join(root, 'inbox/stock'), { recursive: true })
    await copyFile(join(FIXTURES, 'stock-good.csv'), join(root, 'inbox/stock/x.csv'))
    await age(join(root, 'inbox/stock/x.csv'), 60_000)
    expect(only((await inbox().scan('stock')).files).status).toBe('imported')
  })
})
