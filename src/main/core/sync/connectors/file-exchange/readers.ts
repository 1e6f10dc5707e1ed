/**
 * Opening an inbound file as a table: a header row and then records as text, whatever the
 * format. CSV and XLSX are streamed record by record, so a file of any length is read in
 * constant memory; JSON is parsed whole (ERP JSON exports are document lists, not bulk data).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { cellText } from './values'

export type InboundFormat = 'csv' | 'xlsx' | 'json'

export interface RawRecord {
  /** 1-based row number as a person finds it: the line in a CSV, the row in Excel, the item in JSON */
  row: number
  /** "line 12", "row 12", "item 3, line 2" */
  where: string
  /** aligned with the table's headers; missing trailing cells are '' */
  values: string[]
  /** the number of cells the record had, to spot rows with too many values */
  width: number
}

export interface Table {
  headers: string[]
  /** the CSV delimiter found or configured (null for XLSX and JSON) */
  delimiter: string | null
  records: AsyncIterable<RawRecord>
}

export class UnreadableFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'UnreadableFileError'
  }
}

export function formatOf(name: string): InboundFormat | null {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv'
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.json')) return 'json'
  return null
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const

/**
 * The delimiter that splits the header line into the most fields, counting only outside
 * quotes. Header names rarely contain any of the candidates, so the header line decides.
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best = ','
  let bestCount = 0
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

async function readHeaderLine(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buf = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '')
    const end = text.search(/\r?\n/)
    return end >= 0 ? text.slice(0, end) : text
  } finally {
    await handle.close()
  }
}

export async function openCsv(path: string, configuredDelimiter?: string): Promise<Table> {
  const delimiter = configuredDelimiter ?? detectDelimiter(await readHeaderLine(path))
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }),
  )
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>
  try {
    first = await iterator.next()
  } catch (e) {
    throw new UnreadableFileError(`the file could not be read as CSV: ${(e as Error).message}`, { cause: e })
  }
  if (first.done) throw new UnreadableFileError('the file is empty (no header line)')
  const headers = first.value.record
  async function* records(): AsyncGenerator<RawRecord> {
    try {
      for (;;) {
        const next = await iterator.next()
        if (next.done) return
        const { record, info } = next.value
        yield { row: info.lines, where: `line ${info.lines}`, values: pad(record, headers.length), width: record.length }
      }
    } catch (e) {
      throw new UnreadableFileError(`the file could not be read as CSV: ${(e as Error).message}`, { cause: e })
    } finally {
      parser.destroy()
    }
  }
  return { headers, delimiter, records: records() }
}

function pad(values: string[], width: number): string[] {
  return values.length >= width ? values : [...values, ...Array<string>(width - values.length).fill('')]
}

export async function openXlsx(path: string): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to see which numbers are dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  // Only the first worksheet is read: exports put the data there, notes go on later sheets.
  async function* rows(): AsyncGenerator<{ number: number; cells: string[] }> {
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const values = (row.values as unknown[]) ?? []
          const cells: string[] = []
          for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim())
          if (cells.some((c) => c !== '')) yield { number: row.number, cells }
        }
        return
      }
    } catch (e) {
      if (e instanceof UnreadableFileError) throw e
      throw new UnreadableFileError(`the file could not be read as an Excel workbook (.xlsx): ${(e as Error).message}`, { cause: e })
    }
  }
  const it = rows()
  const first = await it.next()
  if (first.done) throw new UnreadableFileError('the workbook has no rows on its first sheet')
  const headers = first.value.cells
  async function* records(): AsyncGenerator<RawRecord> {
    for await (const r of { [Symbol.asyncIterator]: () => it }) {
      yield { row: r.number, where: `row ${r.number}`, values: pad(r.cells, headers.length), width: r.cells.length }
    }
  }
  return { headers, delimiter: null, records: records() }
}

/**
 * JSON exports: an array of objects, or an object holding one (`rows`, `documents`, `items`,
 * `data`). An object with a `lines` array becomes one record per line with the header fields
 * repeated, the same shape as a CSV export.
 */
export async function openJson(path: string): Promise<Table> {
  let doc: unknown
  try {
    doc = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new UnreadableFileError(`the file is not valid JSON: ${(e as Error).message}`, { cause: e })
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object'
      ? ['rows', 'documents', 'items', 'data', 'orders'].map((k) => (doc as Record<string, unknown>)[k]).find(Array.isArray)
      : undefined
  if (!list) throw new UnreadableFileError('the JSON file holds no list of records (expected an array, or an object with "rows")')

  const flat: { row: number; where: string; obj: Record<string, unknown> }[] = []
  list.forEach((item: unknown, i: number) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      flat.push({ row: i + 1, where: `item ${i + 1}`, obj: {} })
      return
    }
    const { lines, ...header } = item as Record<string, unknown>
    if (Array.isArray(lines) && lines.length > 0) {
      lines.forEach((line: unknown, j: number) => {
        const l = line && typeof line === 'object' ? (line as Record<string, unknown>) : {}
        flat.push({ row: i + 1, where: `item ${i + 1}, line ${j + 1}`, obj: { ...header, ...l } })
      })
    } else {
      flat.push({ row: i + 1, where: `item ${i + 1}`, obj: header })
    }
  })
  const headers: string[] = []
  const seen = new Set<string>()
  for (const { obj } of flat) {
    for (const key of Object.keys(obj)) {
      if (!seen.has(key)) {
        seen.add(key)
        headers.push(key)
      }
    }
  }
  async function* records(): AsyncGenerator<RawRecord> {
    for (const { row, where, obj } of flat) {
      const values = headers.map((h) => {
        const v = obj[h]
        return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : cellText(v)
      })
      yield { row, where, values, width: headers.length }
    }
  }
  return { headers, delimiter: null, records: records() }
}

export async function openTable(path: string, format: InboundFormat, delimiter?: string): Promise<Table> {
  switch (format) {
    case 'csv':
      return openCsv(path, delimiter)
    case 'xlsx':
      return openXlsx(path)
    case 'json':
      return openJson(path)
  }
}
