import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFileExchangeErp, type FileExchangeErpOptions } from '../../src/main/core/sync/connectors/file-exchange'
import { ConnectorError } from '../../src/main/core/sync/connector-error'
import type { ErpSalesOrderDraft } from '../../src/shared/models/erp'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'instep-fx-out-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const erp = (over: Partial<FileExchangeErpOptions> = {}) => createFileExchangeErp({ root, format: 'csv', batch: 'per-order', settleMs: 0, ...over })

function draft(over: Partial<ErpSalesOrderDraft> = {}): ErpSalesOrderDraft {
  return {
    externalDocumentNumber: 'WEB-1001',
    customerNumber: 'WEB-SE',
    currencyCode: 'SEK',
    orderDate: '2026-11-20',
    pricesIncludeTax: true,
    lines: [
      { kind: 'item', number: 'TSHIRT-M', description: 'T-shirt M', quantity: 2, unitPriceMinor: 19_950, discountMinor: 0, taxCode: 'VAT25', taxPercent: '25', expectedTaxMinor: 7_980, sourceLineId: 1 },
      { kind: 'charge', number: '3040', description: 'Shipping', quantity: 1, unitPriceMinor: 4_900, discountMinor: 0, taxCode: 'VAT25', taxPercent: '25', expectedTaxMinor: 980, sourceLineId: null },
    ],
    expectedTotalMinor: 44_800,
    expectedTaxMinor: 8_960,
    ...over,
  }
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
}

describe('file-exchange outbound orders', () => {
  it('writes the order atomically under a name from its key, leaving no temp file', async () => {
    const ref = await erp().createSalesOrder(draft())
    expect(await allFiles(root)).toEqual(['outbox/order-WEB-1001.csv'])
    const text = await readFile(join(root, 'outbox/order-WEB-1001.csv'), 'utf8')
    expect(text).toBe(
      'order_key,customer_number,currency,order_date,prices_include_tax,line_no,line_type,item_number,description,quantity,unit_price,discount,tax_code,tax_percent,line_amount,line_tax\r\n' +
        'WEB-1001,WEB-SE,SEK,2026-11-20,true,1,item,TSHIRT-M,T-shirt M,2,199.50,0.00,VAT25,25,399.00,79.80\r\n' +
        'WEB-1001,WEB-SE,SEK,2026-11-20,true,2,charge,3040,Shipping,1,49.00,0.00,VAT25,25,49.00,9.80\r\n',
    )
    expect(ref).toEqual({
      id: 'file-exchange:WEB-1001',
      number: 'WEB-1001',
      externalDocumentNumber: 'WEB-1001',
      documentType: 'salesOrder',
      currencyCode: 'SEK',
      totalExcludingTaxMinor: 35_840,
      totalTaxMinor: 8_960,
      totalIncludingTaxMinor: 44_800,
    })
  })

  it('writes the JSON order as the full draft with decimal strings', async () => {
    await erp({ format: 'json' }).createSalesOrder(draft())
    expect(await allFiles(root)).toEqual(['outbox/order-WEB-1001.json'])
    expect(JSON.parse(await readFile(join(root, 'outbox/order-WEB-1001.json'), 'utf8'))).toEqual({
      format: 'instep.sales-order.v1',
      externalDocumentNumber: 'WEB-1001',
      customerNumber: 'WEB-SE',
      currencyCode: 'SEK',
      orderDate: '2026-11-20',
      pricesIncludeTax: true,
      lines: [
        { lineNo: 1, kind: 'item', number: 'TSHIRT-M', description: 'T-shirt M', quantity: 2, unitPrice: '199.50', discount: '0.00', taxCode: 'VAT25', taxPercent: '25', lineAmount: '399.00', expectedTax: '79.80', sourceLineId: 1 },
        { lineNo: 2, kind: 'charge', number: '3040', description: 'Shipping', quantity: 1, unitPrice: '49.00', discount: '0.00', taxCode: 'VAT25', taxPercent: '25', lineAmount: '49.00', expectedTax: '9.80', sourceLineId: null },
      ],
      totalLineAmount: '448.00',
      expectedTotal: '448.00',
      expectedTax: '89.60',
    })
  })

  it('never shows a reader half a file, even with many orders written at once', async () => {
    const sink = erp({ format: 'both' })
    const drafts = Array.from({ length: 40 }, (_, i) => draft({ externalDocumentNumber: `WEB-${2000 + i}` }))
    const seenTmp: string[] = []
    let done = false
    // A reader polling the outbox the whole time must only ever see whole files.
    const reader = (async () => {
      while (!done) {
        for (const name of await readdir(join(root, 'outbox')).catch(() => [] as string[])) {
          if (name.endsWith('.tmp')) {
            seenTmp.push(name)
            continue
          }
          const text = await readFile(join(root, 'outbox', name), 'utf8').catch(() => null)
          if (text === null) continue
          if (name.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow()
          else expect(text.endsWith('\r\n')).toBe(true)
        }
        await new Promise((r) => setImmediate(r))
      }
    })()
    await Promise.all(drafts.map((d) => sink.createSalesOrder(d)))
    done = true
    await reader
    const files = await allFiles(root)
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(files).toHaveLength(80)
  })

  it('refuses, before writing anything, a line mapped to an ERP variant (the order file has no variant column)', async () => {
    const d = draft()
    d.lines[0] = { ...d.lines[0], variantCode: 'M', sku: 'TSHIRT-NAVM' }
    const err = await erp().createSalesOrder(d).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err).toMatchObject({ kind: 'invalid', mapping: [{ sku: 'TSHIRT-NAVM', itemNumber: 'TSHIRT-M', variantCode: 'M' }] })
    expect(await allFiles(root)).toEqual([])
  })

  it('re-writing the same order is a no-op and returns the same reference', async () => {
    const sink = erp({ format: 'both' })
    const first = await sink.createSalesOrder(draft())
    const path = join(root, 'outbox/order-WEB-1001.json')
    const old = new Date('2026-01-01T00:00:00Z')
    await utimes(path, old, old)
    const second = await sink.createSalesOrder(draft())
    expect(second).toEqual(first)
    expect((await import('node:fs')).statSync(path).mtime.toISOString()).toBe(old.toISOString())
    expect((await allFiles(root)).sort()).toEqual(['outbox/order-WEB-1001.csv', 'outbox/order-WEB-1001.json'])
  })

  it('refuses to overwrite an order with different content, also after the ERP moved it to sent/', async () => {
    const sink = erp()
    await sink.createSalesOrder(draft())
    const changed = draft({ lines: [{ ...draft().lines[0], quantity: 3 }] })
    const err = await sink.createSalesOrder(changed).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectorError)
    expect(err.kind).toBe('conflict')
    expect(err.message).toMatch(/WEB-1001 was already written to outbox\/order-WEB-1001\.csv with different content/)

    await mkdir(join(root, 'sent'))
    await rename(join(root, 'outbox/order-WEB-1001.csv'), join(root, 'sent/order-WEB-1001.csv'))
    const again = await sink.createSalesOrder(changed).catch((e) => e)
    expect(again.kind).toBe('conflict')
    expect(again.message).toMatch(/sent\/order-WEB-1001\.csv/)
    // the same content is still a no-op and is not written to the outbox a second time
    await sink.createSalesOrder(draft())
    expect(await allFiles(join(root, 'outbox'))).toEqual([])
  })

  it('lets only one of two racing writers of the same key win, and refuses the other if it differs', async () => {
    const a = erp()
    const b = erp()
    const changed = draft({ customerNumber: 'WEB-DK' })
    const results = await Promise.allSettled([a.createSalesOrder(draft()), b.createSalesOrder(changed), a.createSalesOrder(draft())])
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    const text = await readFile(join(root, 'outbox/order-WEB-1001.csv'), 'utf8')
    // whichever content landed first stays; every writer of the other content was refused
    if (text.includes('WEB-DK')) expect(rejected).toHaveLength(2)
    else expect(rejected).toHaveLength(1)
    for (const r of rejected) expect(r.reason.kind).toBe('conflict')
    expect(await allFiles(root)).toEqual(['outbox/order-WEB-1001.csv'])
  })

  it('keeps money exact for currencies with 0 and 3 decimals', async () => {
    const sink = erp({ format: 'both' })
    const jpy = draft({
      externalDocumentNumber: 'WEB-JP-1',
      currencyCode: 'JPY',
      pricesIncludeTax: false,
      lines: [{ kind: 'item', number: 'A', description: 'A', quantity: 3, unitPriceMinor: 1_234, discountMinor: 2, taxCode: null, taxPercent: '10', expectedTaxMinor: 370, sourceLineId: 1 }],
      expectedTotalMinor: 4_070,
      expectedTaxMinor: 370,
    })
    const kwd = draft({
      externalDocumentNumber: 'WEB-KW-1',
      currencyCode: 'KWD',
      lines: [{ kind: 'item', number: 'B', description: 'B', quantity: 7, unitPriceMinor: 12_345, discountMinor: 5, taxCode: null, taxPercent: '0', expectedTaxMinor: 0, sourceLineId: 1 }],
      expectedTotalMinor: 86_410,
      expectedTaxMinor: 0,
    })
    const jpyRef = await sink.createSalesOrder(jpy)
    const kwdRef = await sink.createSalesOrder(kwd)
    expect(jpyRef).toMatchObject({ totalExcludingTaxMinor: 3_700, totalTaxMinor: 370, totalIncludingTaxMinor: 4_070 })
    expect(kwdRef).toMatchObject({ totalExcludingTaxMinor: 86_410, totalIncludingTaxMinor: 86_410 })

    const jpyCsv = (await readFile(join(root, 'outbox/order-WEB-JP-1.csv'), 'utf8')).split('\r\n')[1]
    expect(jpyCsv).toContain(',3,1234,2,,10,3700,370')
    const kwdCsv = (await readFile(join(root, 'outbox/order-WEB-KW-1.csv'), 'utf8')).split('\r\n')[1]
    expect(kwdCsv).toContain(',7,12.345,0.005,,0,86.410,0.000')
    const kwdJson = JSON.parse(await readFile(join(root, 'outbox/order-WEB-KW-1.json'), 'utf8'))
    expect(kwdJson.lines[0]).toMatchObject({ unitPrice: '12.345', discount: '0.005', lineAmount: '86.410' })
    expect(kwdJson.expectedTotal).toBe('86.410')

    // and read back from the files the totals are the same
    expect(await sink.findByExternalDocumentNumber('WEB-KW-1')).toEqual(kwdRef)
    expect(await sink.findByExternalDocumentNumber('WEB-JP-1')).toEqual(jpyRef)
  })

  it('writes decimal commas and semicolons when configured', async () => {
    const sink = erp({ decimalSeparator: ',' })
    await sink.createSalesOrder(draft())
    const line = (await readFile(join(root, 'outbox/order-WEB-1001.csv'), 'utf8')).split('\r\n')[1]
    expect(line).toBe('WEB-1001;WEB-SE;SEK;2026-11-20;true;1;item;TSHIRT-M;T-shirt M;2;199,50;0,00;VAT25;25;399,00;79,80')
    expect(await sink.findByExternalDocumentNumber('WEB-1001')).toMatchObject({ totalIncludingTaxMinor: 44_800 })
  })

  it('uses configured header names for the order CSV', async () => {
    const sink = erp({ columns: { orders: { orderKey: 'External Document No.', itemNumber: 'No.' } } })
    await sink.createSalesOrder(draft())
    const header = (await readFile(join(root, 'outbox/order-WEB-1001.csv'), 'utf8')).split('\r\n')[0]
    expect(header.startsWith('External Document No.,customer_number')).toBe(true)
    expect(header).toContain(',No.,')
    expect(await sink.findByExternalDocumentNumber('WEB-1001')).not.toBeNull()
  })

  it('refuses a draft that cannot be written', async () => {
    const err = await erp().createSalesOrder(draft({ lines: [] })).catch((e) => e)
    expect(err.kind).toBe('invalid')
    expect(err.message).toMatch(/no lines/)
  })

  it('finds an order in outbox, in sent/, and prefers the ERP export with its own numbers and totals', async () => {
    const sink = erp()
    expect(await sink.findByExternalDocumentNumber('WEB-1001')).toBeNull()
    await sink.createSalesOrder(draft())
    expect(await sink.findByExternalDocumentNumber('WEB-1001')).toMatchObject({ id: 'file-exchange:WEB-1001', totalIncludingTaxMinor: 44_800 })

    await mkdir(join(root, 'sent'))
    await rename(join(root, 'outbox/order-WEB-1001.csv'), join(root, 'sent/order-WEB-1001.csv'))
    expect(await sink.findByExternalDocumentNumber('WEB-1001')).toMatchObject({ number: 'WEB-1001', totalTaxMinor: 8_960 })

    // The ERP imported it, deleted our file and exported its order, then its invoice.
    rmSync(join(root, 'sent/order-WEB-1001.csv'))
    const dir = join(root, 'inbox/erp-orders')
    await mkdir(dir, { recursive: true })
    await writeFile(
      join(dir, 'orders.csv'),
      'Document No.;External Document No.;Document Type;Order Date;Currency Code;Total Excl. Tax;Total Tax;Total Incl. Tax\n' +
        'SO-0042;WEB-1001;Order;20.11.2026;SEK;358,40;89,60;448,00\n',
    )
    const old = new Date(Date.now() - 60_000)
    await utimes(join(dir, 'orders.csv'), old, old)
    const sinkDmy = erp({ dateFormat: 'DD.MM.YYYY' })
    const scan = await sinkDmy.inbox.scan('erp-orders')
    expect(scan.files.map((f) => f.status)).toEqual(['imported'])
    expect(await sinkDmy.findByExternalDocumentNumber('WEB-1001')).toEqual({
      id: 'SO-0042',
      number: 'SO-0042',
      externalDocumentNumber: 'WEB-1001',
      documentType: 'salesOrder',
      totalExcludingTaxMinor: 35_840,
      totalTaxMinor: 8_960,
      totalIncludingTaxMinor: 44_800,
      currencyCode: 'SEK',
    })
    // creating it again returns the ERP's document instead of writing a second order file
    expect(await sinkDmy.createSalesOrder(draft())).toMatchObject({ id: 'SO-0042' })
    expect(await allFiles(join(root, 'outbox'))).toEqual([])

    await writeFile(
      join(dir, 'invoices.json'),
      JSON.stringify([{ documentNumber: 'SI-7', externalDocumentNumber: 'WEB-1001', documentType: 'invoice', invoiceDate: '2026-11-21', currency: 'SEK', totalExcludingTax: '358.41', totalTax: '89.59', totalIncludingTax: '448.00' }]),
    )
    await utimes(join(dir, 'invoices.json'), old, old)
    expect((await sinkDmy.inbox.scan('erp-orders')).files.map((f) => f.status)).toEqual(['imported'])
    expect(await sinkDmy.findByExternalDocumentNumber('WEB-1001')).toMatchObject({ id: 'SI-7', documentType: 'salesInvoice', totalTaxMinor: 8_959 })
  })

  it('per-batch: stages orders, publishes one file per batch idempotently, and finds orders inside it', async () => {
    const sink = erp({ batch: 'per-batch', format: 'both', batchSize: 3, now: () => new Date('2026-11-27T01:00:00Z') })
    await sink.createSalesOrder(draft({ externalDocumentNumber: 'WEB-1' }))
    await sink.createSalesOrder(draft({ externalDocumentNumber: 'WEB-2' }))
    // not visible to the ERP yet
    expect(await allFiles(join(root, 'outbox'))).toEqual([])
    expect(await sink.findByExternalDocumentNumber('WEB-2')).toMatchObject({ number: 'WEB-2' })
    // a repeat is a no-op, a changed repeat a conflict
    await sink.createSalesOrder(draft({ externalDocumentNumber: 'WEB-2' }))
    const conflict = await sink.createSalesOrder(draft({ externalDocumentNumber: 'WEB-2', customerNumber: 'WEB-DK' })).catch((e) => e)
    expect(conflict.kind).toBe('conflict')

    const written = await sink.flush()
    expect(written).toHaveLength(2)
    const outbox = (await allFiles(join(root, 'outbox'))).sort()
    expect(outbox).toEqual([expect.stringMatching(/^orders-20261127T010000Z-[0-9a-f]{6}\.csv$/), expect.stringMatching(/^orders-.*\.json$/)])
    const csv = await readFile(join(root, 'outbox', outbox[0]), 'utf8')
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 4) // header + 2 orders × 2 lines
    expect(await sink.flush()).toEqual([])

    // found inside the published batch; a changed repeat is still refused
    expect(await sink.findByExternalDocumentNumber('WEB-1')).toMatchObject({ totalIncludingTaxMinor: 44_800 })
    expect((await sink.createSalesOrder(draft({ externalDocumentNumber: 'WEB-1', customerNumber: 'X' })).catch((e) => e)).kind).toBe('conflict')

    // reaching the batch size publishes on its own
    for (const n of [3, 4, 5]) await sink.createSalesOrder(draft({ externalDocumentNumber: `WEB-${n}` }))
    expect(await allFiles(join(root, 'outbox'))).toHaveLength(4)
    expect(await allFiles(join(root, 'staging'))).toEqual([])
  })

  it('lists ERP items from the newest items file, or none without one', async () => {
    const sink = erp()
    expect(await sink.listItems()).toEqual([])
    await mkdir(join(root, 'inbox/items'), { recursive: true })
    await writeFile(join(root, 'inbox/items/items.csv'), '\uFEFFNo.;Description;EAN\nTSHIRT-M;T-shirt M;7350000000017\n3040;Shipping;\n')
    expect(await sink.listItems()).toEqual([
      { id: 'TSHIRT-M', number: 'TSHIRT-M', displayName: 'T-shirt M', gtin: '7350000000017' },
      { id: '3040', number: '3040', displayName: 'Shipping', gtin: null },
    ])
    await writeFile(join(root, 'inbox/items/items.csv'), 'No.;EAN\nTSHIRT-M;1\n')
    const err = await sink.listItems().catch((e) => e)
    expect(err.kind).toBe('invalid')
    expect(err.message).toMatch(/a column for description/)
  })

  it('treats a missing exchange folder as offline instead of creating it (an unmounted share)', async () => {
    const gone = join(root, 'share-not-mounted')
    const sink = createFileExchangeErp({ root: gone, format: 'csv', batch: 'per-order' })
    for (const call of [() => sink.createSalesOrder(draft()), () => sink.findByExternalDocumentNumber('WEB-1'), () => sink.inbox.scan('stock')]) {
      const err = await call().catch((e) => e)
      expect(err).toBeInstanceOf(ConnectorError)
      expect(err.kind).toBe('offline')
      expect(err.retryable).toBe(true)
    }
    expect(await allFiles(root)).toEqual([])
  })
})
