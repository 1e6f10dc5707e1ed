/**
 * The inbound side of file exchange: files the ERP or the warehouse drops into
 * `inbox/<kind>/`. A file is read only once it has settled (no temp name, size and mtime
 * unchanged for the settle time, and unchanged while we read it). A file is applied whole or
 * not at all: one bad row quarantines the file with a sidecar that says, row by row, what is
 * wrong. Imported files are archived by day, and a file whose bytes were imported before is
 * reported as a duplicate and never applied twice.
 */
import { appendFile, mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { normalizeHeader, resolveColumns, FIELD_SPECS, type ColumnMapping, type InboundKind } from './columns'
import { ConnectorError } from '../../connector-error'
import { assertRoot, fsError, freeName, isMissing, moveFile, writeFileAtomic } from './fs-ops'
import { isTemporaryName, resolveLayout, type FileExchangeLayout, type ResolvedLayout } from './layout'
import { formatOf, hashFile, openTable, UnreadableFileError, type InboundFormat } from './readers'
import { schemasFor, type ErpOrderRow, type ItemRow, type ShipmentRow, type StockRow, type ValueOptions } from './schemas'
import type { DateFormat, DecimalSeparatorOption } from './values'

/** Kinds the inbox imports and archives; `items` is a master list read in place by `listItems`. */
export type InboxKind = 'stock' | 'shipments' | 'erp-orders'

export interface ErpDocumentLine {
  lineNo: number | null
  itemNumber: string | null
  description: string | null
  quantity: number | null
  lineAmountMinor: number | null
}

/** One ERP order or invoice from an export; money in minor units of `currencyCode`. */
export interface ErpDocument extends Omit<ErpOrderRow, 'line'> {
  lines: ErpDocumentLine[]
}

export interface RowsByKind {
  stock: StockRow
  shipments: ShipmentRow
  'erp-orders': ErpDocument
  items: ItemRow
}

export interface RowError {
  /** 1-based; 1 is the header line. 0 when the problem is the file as a whole */
  row: number
  /** where a person finds it: "line 12" (CSV), "row 12" (Excel), "item 3" (JSON), "header" or "file" */
  where: string
  /** the column as the file names it, when the problem is one cell */
  column: string | null
  /** what we call that column */
  field: string | null
  value: string | null
  expected: string
}

export interface FileInboxOptions {
  root: string
  layout?: Partial<FileExchangeLayout>
  columns?: ColumnMapping
  /** default 'auto': "1.234,56", "1234,56" and "1,234.56" are all read; "1,234" follows the file's delimiter */
  decimalSeparator?: DecimalSeparatorOption
  /** CSV delimiter; default detected from the header line */
  delimiter?: string
  /** default 'iso'; ISO dates are accepted with any setting */
  dateFormat?: DateFormat
  /** currency for ERP export rows that leave it blank */
  localCurrency?: string
  /** a file must be unchanged this long before it is read; default 2000 ms */
  settleMs?: number
  /** at most this many bad rows are listed (all are counted); default 200 */
  maxErrorsReported?: number
  now?: () => Date
}

interface FileBase<K extends InboxKind> {
  kind: K
  /** the file's name as dropped */
  file: string
  /** where it was found */
  path: string
  hash: string
}

export type InboxFileResult<K extends InboxKind = InboxKind> =
  | (FileBase<K> & {
      status: 'imported'
      format: InboundFormat
      archivedTo: string
      /** the rows, unless the scan was asked not to retain them (see `forEachBatch`) */
      rows: RowsByKind[K][]
      rowCount: number
      /**
       * Streams the imported rows again from the archived file, in batches, awaiting `apply`
       * for each: the way to apply a very large file in constant memory.
       */
      forEachBatch(apply: (rows: RowsByKind[K][]) => void | Promise<void>, batchSize?: number): Promise<number>
    })
  | (FileBase<K> & { status: 'quarantined'; quarantinedTo: string; errorsFile: string; errors: RowError[]; errorCount: number })
  | (FileBase<K> & { status: 'duplicate'; duplicateOf: string; movedTo: string })

export type ImportedFile<K extends InboxKind> = Extract<InboxFileResult<K>, { status: 'imported' }>

export interface ScanOptions<K extends InboxKind = InboxKind> {
  /** false: imported results carry `rowCount` but no `rows`; use `forEachBatch` (default true) */
  retainRows?: boolean
  /**
   * Applies a valid file before it is archived. The file moves to the archive only after this
   * resolves; if it throws, the file stays in the inbox and the scan stops with that error, so
   * a crash never leaves a file archived (and its re-delivery called a duplicate) without its
   * rows applied. The apply must be idempotent: a crash between apply and archive re-applies
   * the file on the next scan. Without `apply`, files are archived as soon as they validate and
   * the caller owns the rows from then on.
   */
  apply?: (file: ImportedFile<K>) => Promise<void>
}

export type WaitingReason = 'temporary-name' | 'settling' | 'changed-while-reading'

export interface InboxScanResult<K extends InboxKind = InboxKind> {
  kind: K
  files: InboxFileResult<K>[]
  /** files left in the inbox for a later scan, and why */
  waiting: { file: string; reason: WaitingReason }[]
}

export interface ParsedFile<K extends InboundKind> {
  format: InboundFormat
  /** valid rows (documents for ERP exports); empty when rows were not retained */
  rows: RowsByKind[K][]
  rowCount: number
  errors: RowError[]
  errorCount: number
}

const HASH_INDEX = '.imported-hashes'
const DEFAULT_SETTLE_MS = 2000

const KIND_WORDS: Record<InboundKind, string> = {
  stock: 'stock levels',
  shipments: 'shipment confirmations',
  'erp-orders': 'ERP order/invoice export',
  items: 'item list',
}

export class FileInbox {
  private readonly layout: ResolvedLayout
  private readonly settleMs: number
  private readonly now: () => Date
  /** last size/mtime seen per path, so a file that is still growing is noticed between scans */
  private readonly seen = new Map<string, { size: number; mtimeMs: number }>()

  constructor(private readonly options: FileInboxOptions) {
    this.layout = resolveLayout(options.root, options.layout)
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS
    this.now = options.now ?? (() => new Date())
  }

  /**
   * Imports every settled file in `inbox/<kind>/`, oldest first (by mtime, then name), so
   * stock snapshots apply in the order they were produced.
   */
  async scan<K extends InboxKind>(kind: K, signal?: AbortSignal, scanOptions: ScanOptions<K> = {}): Promise<InboxScanResult<K>> {
    const dir = this.layout.inbox(kind)
    await assertRoot(this.options.root)
    let names: string[]
    try {
      await mkdir(dir, { recursive: true })
      names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name)
    } catch (e) {
      throw fsError('read the inbox folder', dir, e)
    }
    const result: InboxScanResult<K> = { kind, files: [], waiting: [] }
    const candidates: { name: string; path: string; size: number; mtimeMs: number }[] = []
    for (const name of names) {
      if (isTemporaryName(name)) {
        result.waiting.push({ file: name, reason: 'temporary-name' })
        continue
      }
      const path = join(dir, name)
      const st = await stat(path).catch((e) => (isMissing(e) ? null : Promise.reject(fsError('read', path, e))))
      if (!st) continue
      if (!this.settled(path, st.size, st.mtimeMs)) {
        result.waiting.push({ file: name, reason: 'settling' })
        continue
      }
      candidates.push({ name, path, size: st.size, mtimeMs: st.mtimeMs })
    }
    candidates.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name))

    const index = await this.readHashIndex(kind)
    for (const c of candidates) {
      signal?.throwIfAborted()
      const outcome = await this.importOne(kind, c, index, scanOptions)
      if (outcome === 'changed') result.waiting.push({ file: c.name, reason: 'changed-while-reading' })
      else result.files.push(outcome)
    }
    return result
  }

  /** Settled: old enough by mtime and, if seen before, not changed since. */
  private settled(path: string, size: number, mtimeMs: number): boolean {
    const before = this.seen.get(path)
    this.seen.set(path, { size, mtimeMs })
    if (before && (before.size !== size || before.mtimeMs !== mtimeMs)) return false
    // mtime has sub-millisecond precision and the clock has not: floor it, or a zero settle time could skip a file
    return this.now().getTime() - Math.floor(mtimeMs) >= this.settleMs
  }

  private async importOne<K extends InboxKind>(
    kind: K,
    c: { name: string; path: string; size: number; mtimeMs: number },
    index: Map<string, string>,
    scanOptions: ScanOptions<K>,
  ): Promise<InboxFileResult<K> | 'changed'> {
    const retainRows = scanOptions.retainRows !== false
    const day = this.now().toISOString().slice(0, 10)
    let hash: string
    try {
      hash = await hashFile(c.path)
    } catch (e) {
      throw fsError('read', c.path, e)
    }
    const base = { kind, file: c.name, path: c.path, hash }

    const earlier = index.get(hash)
    if (earlier) {
      const movedTo = await freeName(join(this.layout.archive(kind), 'duplicates', day), c.name, hash.slice(0, 8))
      await moveFile(c.path, movedTo).catch((e) => Promise.reject(fsError('move', c.path, e)))
      this.seen.delete(c.path)
      return { ...base, status: 'duplicate', duplicateOf: earlier, movedTo }
    }

    const format = formatOf(c.name)
    const parsed: ParsedFile<K> = format
      ? await parseInboundFile(kind, c.path, format, { ...this.options, retainRows })
      : {
          format: 'csv',
          rows: [],
          rowCount: 0,
          errorCount: 1,
          errors: [{ row: 0, where: 'file', column: null, field: null, value: c.name, expected: 'a .csv, .xlsx or .json file; other file types are not read' }],
        }

    // A writer that kept going while we read means we may have read half a file.
    const after = await stat(c.path).catch(() => null)
    if (!after || after.size !== c.size || after.mtimeMs !== c.mtimeMs) {
      this.seen.set(c.path, { size: after?.size ?? -1, mtimeMs: after?.mtimeMs ?? -1 })
      return 'changed'
    }
    this.seen.delete(c.path)

    if (parsed.errorCount > 0) {
      const qdir = this.layout.quarantine(kind)
      const quarantinedTo = await freeName(qdir, c.name, this.now().toISOString().replace(/[-:]/g, '').slice(0, 15))
      const errorsFile = `${quarantinedTo}.errors.txt`
      try {
        // sidecar first: a crash in between leaves the file in the inbox to be quarantined again
        await writeFileAtomic(errorsFile, sidecarText(kind, c.name, this.now(), parsed, this.options.root, quarantinedTo))
        await moveFile(c.path, quarantinedTo)
      } catch (e) {
        throw fsError('quarantine', c.path, e)
      }
      return { ...base, status: 'quarantined', quarantinedTo, errorsFile, errors: parsed.errors, errorCount: parsed.errorCount }
    }

    const archiveDir = this.layout.archive(kind)
    const archivedTo = await freeName(join(archiveDir, day), c.name, hash.slice(0, 8))
    const options = this.options
    // until archived, replays read the file where it is
    let location = c.path
    const imported: ImportedFile<K> = {
      ...base,
      status: 'imported',
      format: parsed.format,
      archivedTo,
      rows: parsed.rows,
      rowCount: parsed.rowCount,
      forEachBatch: (apply, batchSize = 1000) => replayRows(kind, location, parsed.format, options, apply, batchSize),
    } as ImportedFile<K>
    if (scanOptions.apply) await scanOptions.apply(imported)
    try {
      await moveFile(c.path, archivedTo)
      location = archivedTo
      // after the move: an index line for a file that did not move would wrongly call its retry a duplicate
      await appendFile(join(archiveDir, HASH_INDEX), `${hash}\t${relative(archiveDir, archivedTo)}\n`)
    } catch (e) {
      throw fsError('archive', c.path, e)
    }
    index.set(hash, relative(archiveDir, archivedTo))
    return imported
  }

  /**
   * The most recently imported file of a kind (the last line of the archive's import index,
   * which is written in import order), read again from the archive; null before the first.
   * A stock file is a complete snapshot, so the newest one is the ERP's stock now.
   */
  async latestImported<K extends InboxKind>(kind: K, signal?: AbortSignal): Promise<{ file: string; mtimeMs: number; rows: RowsByKind[K][] } | null> {
    const index = await this.readHashIndex(kind)
    const last = [...index.values()].pop()
    if (!last) return null
    signal?.throwIfAborted()
    const path = join(this.layout.archive(kind), last)
    const format = formatOf(path)
    const st = await stat(path).catch((e) => (isMissing(e) ? null : Promise.reject(fsError('read', path, e))))
    if (!format || !st) {
      throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `File exchange: the last imported ${KIND_WORDS[kind]} file ${path} is no longer in the archive. Put the ERP's latest file into inbox/${kind}/ again.` })
    }
    const parsed = await parseInboundFile(kind, path, format, this.options)
    if (parsed.errorCount > 0) {
      throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `File exchange: archived file ${path} no longer reads as it did when imported: ${describeError(parsed.errors[0])}` })
    }
    return { file: last, mtimeMs: st.mtimeMs, rows: parsed.rows }
  }

  /** The newest file of a kind waiting in quarantine (its own time, kept by the move), or null. */
  async newestQuarantined(kind: InboxKind): Promise<{ file: string; mtimeMs: number } | null> {
    const dir = this.layout.quarantine(kind)
    let names: string[]
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.endsWith('.errors.txt')).map((d) => d.name)
    } catch (e) {
      if (isMissing(e)) return null
      throw fsError('read the quarantine folder', dir, e)
    }
    let newest: { file: string; mtimeMs: number } | null = null
    for (const file of names) {
      const st = await stat(join(dir, file)).catch(() => null)
      if (st && (!newest || st.mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs: st.mtimeMs }
    }
    return newest
  }

  private async readHashIndex(kind: InboxKind): Promise<Map<string, string>> {
    const map = new Map<string, string>()
    const path = join(this.layout.archive(kind), HASH_INDEX)
    let text = ''
    try {
      text = await readFile(path, 'utf8')
    } catch (e) {
      if (!isMissing(e)) throw fsError('read', path, e)
    }
    for (const line of text.split('\n')) {
      const [hash, file] = line.split('\t')
      if (hash && file) map.set(hash, file)
    }
    return map
  }
}

export type ParseOptions<K extends InboundKind = InboundKind> = Pick<
  FileInboxOptions,
  'columns' | 'decimalSeparator' | 'delimiter' | 'dateFormat' | 'localCurrency' | 'maxErrorsReported'
> & {
  /** keep valid rows in `rows` (default true); false only counts them (ERP exports are always kept: they are grouped) */
  retainRows?: boolean
  /** called with each valid row as it is read, awaited, so a slow consumer slows the reader down */
  onRow?: (row: RowsByKind[K]) => void | Promise<void>
}

/**
 * Reads and validates one file completely. Rows are checked one by one as they stream in; the
 * caller decides from `errorCount` whether the file is applied (0) or quarantined.
 */
export async function parseInboundFile<K extends InboundKind>(
  kind: K,
  path: string,
  format: InboundFormat,
  options: ParseOptions<K> = {},
): Promise<ParsedFile<K>> {
  const maxErrors = options.maxErrorsReported ?? 200
  const errors: RowError[] = []
  let errorCount = 0
  const addError = (e: RowError) => {
    errorCount++
    if (errors.length < maxErrors) errors.push(e)
  }
  const rows: unknown[] = []
  let rowCount = 0
  const retain = kind === 'erp-orders' || options.retainRows !== false
  /** where each kept row came from, for messages about documents spread over several rows */
  const wheres: string[] = []
  const fail = (expected: string, value: string | null = null): ParsedFile<K> => {
    addError({ row: 0, where: 'file', column: null, field: null, value, expected })
    return { format, rows: [], rowCount: 0, errors, errorCount }
  }

  let table
  try {
    table = await openTable(path, format, options.delimiter)
  } catch (e) {
    if (e instanceof UnreadableFileError) return fail(`a readable file — ${e.message}`)
    throw fsError('read', path, e)
  }

  const cols = resolveColumns(kind, table.headers, options.columns)
  for (const m of cols.missing) {
    addError({
      row: 1,
      where: 'header',
      column: null,
      field: m.label,
      value: null,
      expected: `a column for ${m.label} (looked for: ${m.lookedFor.map((n) => `"${n}"`).join(', ')}; found: ${table.headers.map((h) => `"${h.trim()}"`).join(', ')})`,
    })
  }
  if (kind === 'shipments' && !cols.index.has('lineNo') && !cols.index.has('itemNumber')) {
    addError({ row: 1, where: 'header', column: null, field: 'line number / item number', value: null, expected: 'a column for the line number or the item number' })
  }
  if (errorCount > 0) return { format, rows: [], rowCount: 0, errors, errorCount }

  const values: ValueOptions = {
    decimalSeparator: options.decimalSeparator ?? 'auto',
    // Semicolon-separated files come from locales that write decimal commas; JSON numbers and
    // Excel's numeric cells reach us written with a point.
    decimalHint: format !== 'csv' || table.delimiter === ',' ? '.' : table.delimiter === ';' ? ',' : null,
    dateFormat: options.dateFormat ?? 'iso',
    localCurrency: options.localCurrency ?? null,
  }
  const schema = schemasFor(values)[kind]
  const fields = FIELD_SPECS[kind].map((s) => s.field)
  const labels = new Map(FIELD_SPECS[kind].map((s) => [s.field, s.label]))
  const width = table.headers.length

  try {
    for await (const record of table.records) {
      if (record.width > width && record.values.slice(width).some((v) => v.trim() !== '')) {
        addError({ row: record.row, where: record.where, column: null, field: null, value: null, expected: `at most ${width} values, as many as the header has columns (found ${record.width})` })
        continue
      }
      const input: Record<string, string> = {}
      for (const field of fields) {
        const i = cols.index.get(field)
        input[field] = i === undefined ? '' : (record.values[i] ?? '')
      }
      const parsed = schema.safeParse(input)
      if (parsed.success) {
        rowCount++
        if (retain) rows.push(parsed.data)
        if (kind === 'erp-orders') wheres.push(record.where)
        else if (options.onRow) {
          const pending = options.onRow(parsed.data as RowsByKind[K])
          if (pending) await pending // only a full batch waits; awaiting every row would double the read time
        }
        continue
      }
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        addError({
          row: record.row,
          where: record.where,
          column: cols.header.get(field) ?? null,
          field: labels.get(field) ?? (field || null),
          value: field in input ? input[field].slice(0, 120) : null,
          expected: issue.message,
        })
      }
    }
  } catch (e) {
    if (e instanceof UnreadableFileError) return fail(`a readable file — ${e.message}`)
    throw fsError('read', path, e)
  }

  const docs = kind === 'erp-orders' ? groupDocuments(rows as ErpOrderRow[], wheres, addError) : null
  if (docs && options.onRow && errorCount === 0) for (const d of docs) await options.onRow(d as RowsByKind[K])
  errors.sort((a, b) => a.row - b.row)
  return { format, rows: (docs ?? rows) as RowsByKind[K][], rowCount: docs ? docs.length : rowCount, errors, errorCount }
}

async function replayRows<K extends InboundKind>(
  kind: K,
  path: string,
  format: InboundFormat,
  options: ParseOptions,
  apply: (rows: RowsByKind[K][]) => void | Promise<void>,
  batchSize: number,
): Promise<number> {
  let batch: RowsByKind[K][] = []
  const parsed = await parseInboundFile<K>(kind, path, format, {
    ...options,
    retainRows: false,
    maxErrorsReported: 1,
    onRow: (row) => {
      batch.push(row)
      if (batch.length < batchSize) return
      const full = batch
      batch = []
      return apply(full)
    },
  })
  if (parsed.errorCount > 0) {
    // validated when imported; a difference now means someone edited the archived file
    throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `File exchange: archived file ${path} no longer reads as it did when imported: ${describeError(parsed.errors[0])}` })
  }
  if (batch.length) await apply(batch)
  return parsed.rowCount
}

/**
 * Export rows with lines repeat the document's header fields; the repeats must agree, or the
 * file contradicts itself and is refused.
 */
function groupDocuments(rows: ErpOrderRow[], wheres: string[], addError: (e: RowError) => void): ErpDocument[] {
  const docs = new Map<string, ErpDocument>()
  rows.forEach((r, i) => {
    const key = `${r.documentType}\u0000${r.documentNumber}`
    const doc = docs.get(key)
    if (!doc) {
      const { line, ...header } = r
      docs.set(key, { ...header, lines: line ? [line] : [] })
      return
    }
    const same =
      doc.externalDocumentNumber === r.externalDocumentNumber &&
      doc.currencyCode === r.currencyCode &&
      doc.documentDate === r.documentDate &&
      doc.totalExcludingTaxMinor === r.totalExcludingTaxMinor &&
      doc.totalTaxMinor === r.totalTaxMinor &&
      doc.totalIncludingTaxMinor === r.totalIncludingTaxMinor
    if (!same) {
      addError({
        row: Number(/\d+/.exec(wheres[i])?.[0] ?? 0),
        where: wheres[i],
        column: null,
        field: 'document header',
        value: r.documentNumber,
        expected: `the same external document number, date, currency and totals on every line of document ${r.documentNumber}`,
      })
    }
    if (r.line) doc.lines.push(r.line)
  })
  return [...docs.values()]
}

function sidecarText(kind: InboundKind, name: string, at: Date, parsed: ParsedFile<InboundKind>, root: string, movedTo: string): string {
  const lines = [
    `File: ${name}`,
    `Kind: ${kind} (${KIND_WORDS[kind]})`,
    `Quarantined: ${at.toISOString()}`,
    `Now at: ${relative(root, movedTo)}`,
    '',
    'NOTHING FROM THIS FILE WAS IMPORTED. A file is applied whole or not at all.',
    `To import it: correct the problems below (or fix the export in the ERP) and put the whole`,
    `corrected file into inbox/${kind}/ again. Delete this file and its .errors.txt when done.`,
    '',
    `${parsed.errorCount} problem${parsed.errorCount === 1 ? '' : 's'} found:`,
  ]
  for (const e of parsed.errors) lines.push(`- ${describeError(e)}`)
  if (parsed.errorCount > parsed.errors.length) {
    lines.push(`- … and ${parsed.errorCount - parsed.errors.length} more (only the first ${parsed.errors.length} are listed).`)
  }
  return lines.join('\n') + '\n'
}

export function describeError(e: RowError): string {
  const place = e.where.charAt(0).toUpperCase() + e.where.slice(1)
  const sameName = e.field !== null && e.column !== null && normalizeHeader(e.field) === normalizeHeader(e.column)
  const column = e.column ? `, column "${e.column}"${e.field && !sameName ? ` (${e.field})` : ''}` : e.field ? `, ${e.field}` : ''
  const value = e.value === null ? '' : e.value.trim() === '' ? ': the value is empty' : `: the value is "${e.value}"`
  return `${place}${column}${value} — expected ${e.expected}.`
}
