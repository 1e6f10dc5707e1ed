/**
 * The file-exchange ERP: for ERPs without an API (and for offline work) Instep writes sales
 * orders as files into `outbox/` and reads what the ERP sends back from `inbox/`. Implements
 * the same `ErpOrderSink` port as the API connectors, so the engine does not know the
 * difference.
 *
 * Exactly-once in effect: a file's name comes from the order's idempotency key, a file is
 * written atomically, an identical re-write is a no-op and a different one is refused, and the
 * key is looked up in the ERP's own export before the outbox, because the ERP may delete order
 * files it has imported.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises'
import { createHash, randomBytes } from 'node:crypto'
import { join, relative } from 'node:path'
import type { ErpItem, ErpOrderRef, ErpSalesOrderDraft } from '../../../../../shared/models/erp'
import { ConnectorError } from '../../connector-error'
import type { ErpOrderSink } from '../../ports'
import type { ColumnMapping } from './columns'
import { assertRoot, exists, fsError, isMissing, writeFileAtomic } from './fs-ops'
import { FileInbox, parseInboundFile, describeError, type ErpDocument } from './inbox'
import { isTemporaryName, resolveLayout, type FileExchangeLayout, type ResolvedLayout } from './layout'
import {
  DEFAULT_ORDER_HEADERS,
  draftProblems,
  orderCsv,
  orderJson,
  readOrderCsv,
  readOrderJson,
  totalsFromDraft,
  type OrderColumn,
  type OrderCsvOptions,
} from './order-file'
import { formatOf } from './readers'
import type { DateFormat, DecimalSeparatorOption } from './values'

export type OrderFileFormat = 'csv' | 'json' | 'both'
export type OrderBatching = 'per-order' | 'per-batch'

/** Inbound column mapping per kind, plus the header names of the order CSV we write. */
export type FileExchangeColumns = ColumnMapping & { orders?: Partial<Record<OrderColumn, string>> }

export interface FileExchangeErpOptions {
  /** the exchange folder (local, or a mounted share) */
  root: string
  layout?: Partial<FileExchangeLayout>
  columns?: FileExchangeColumns
  format: OrderFileFormat
  batch: OrderBatching
  /**
   * Outbound: '.' (default) or ',' in amounts we write ('auto' writes '.').
   * Inbound: how amounts are read; 'auto' (default) reads both and lets the delimiter decide "1,234".
   */
  decimalSeparator?: DecimalSeparatorOption
  /** Outbound CSV delimiter (default ',' or ';' with a decimal comma); inbound default: detected per file */
  delimiter?: string
  /** inbound dates; ISO is always accepted */
  dateFormat?: DateFormat
  /** currency of ERP export rows that leave it blank */
  localCurrency?: string
  /** per-batch: publish the open batch once it holds this many orders (default 500) */
  batchSize?: number
  /** how many of the newest imported ERP export files are searched for an order key (default 30) */
  exportFilesToSearch?: number
  /** inbound settle time in ms (default 2000) */
  settleMs?: number
  now?: () => Date
}

export interface FileExchangeErp extends ErpOrderSink {
  readonly layout: ResolvedLayout
  /** the inbound side, configured like this connector */
  readonly inbox: FileInbox
  /**
   * per-batch: publishes the open batch to `outbox/` as one file (per format) and returns the
   * paths written; per-order: nothing to do. Call at the end of each order run.
   */
  flush(signal?: AbortSignal): Promise<string[]>
}

/** A name that is safe on every file system; keys that needed changing get a hash so two keys never share a name. */
export function orderFileBase(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)
  return safe === key ? `order-${key}` : `order-${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`
}

const BATCH_PREFIX = 'orders-'
const OPEN_BATCH = 'open-batch.json'

interface OpenBatch {
  id: string
  createdAt: string
  drafts: ErpSalesOrderDraft[]
}

interface FoundDraft {
  draft: ErpSalesOrderDraft
  /** relative to root */
  file: string
  where: 'outbox' | 'sent' | 'staging'
}

export function createFileExchangeErp(options: FileExchangeErpOptions): FileExchangeErp {
  const layout = resolveLayout(options.root, options.layout)
  const now = options.now ?? (() => new Date())
  const outboundSep: '.' | ',' = options.decimalSeparator === ',' ? ',' : '.'
  const csvOptions: OrderCsvOptions = {
    headers: { ...DEFAULT_ORDER_HEADERS, ...(options.columns?.orders ?? {}) },
    delimiter: options.delimiter ?? (outboundSep === ',' ? ';' : ','),
    decimalSeparator: outboundSep,
  }
  const extensions: ('csv' | 'json')[] = options.format === 'both' ? ['json', 'csv'] : [options.format]
  const inbox = new FileInbox({
    root: options.root,
    layout: options.layout,
    columns: options.columns,
    decimalSeparator: options.decimalSeparator,
    delimiter: options.delimiter,
    dateFormat: options.dateFormat,
    localCurrency: options.localCurrency,
    settleMs: options.settleMs,
    now,
  })
  const parseOptions = {
    columns: options.columns,
    decimalSeparator: options.decimalSeparator,
    delimiter: options.delimiter,
    dateFormat: options.dateFormat,
    localCurrency: options.localCurrency,
  }

  const content = (drafts: ErpSalesOrderDraft[], ext: 'csv' | 'json', single: boolean) =>
    ext === 'csv' ? orderCsv(drafts, csvOptions) : orderJson(drafts, single)

  const readDrafts = (text: string, ext: 'csv' | 'json') => (ext === 'csv' ? readOrderCsv(text, csvOptions) : readOrderJson(text))

  const refFromDraft = (draft: ErpSalesOrderDraft): ErpOrderRef => ({
    // the ERP has not numbered it yet: the key is the only stable identity until its export arrives
    id: `file-exchange:${draft.externalDocumentNumber}`,
    number: draft.externalDocumentNumber,
    externalDocumentNumber: draft.externalDocumentNumber,
    documentType: 'salesOrder',
    currencyCode: draft.currencyCode,
    ...totalsFromDraft(draft),
  })

  // ---- the ERP's own exports (authoritative once present) -------------------------------------

  const exportCache = new Map<string, { stamp: string; docs: ErpDocument[] }>()

  /**
   * Readable data files in `dir` (and below it with `recursive`), skipping temp names. `accept`
   * filters on the name before any stat, which keeps look-ups cheap in a large `sent/`.
   */
  async function listFiles(
    dir: string,
    { recursive = false, accept = () => true }: { recursive?: boolean; accept?: (name: string) => boolean } = {},
  ): Promise<{ path: string; mtimeMs: number; size: number }[]> {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true, recursive })
    } catch (e) {
      if (isMissing(e)) return []
      throw fsError('read the folder', dir, e)
    }
    const files = []
    for (const d of entries) {
      if (!d.isFile() || isTemporaryName(d.name) || !formatOf(d.name) || !accept(d.name)) continue
      const path = join(d.parentPath, d.name)
      const st = await stat(path).catch(() => null)
      if (st) files.push({ path, mtimeMs: st.mtimeMs, size: st.size })
    }
    return files
  }

  async function exportDocuments(signal?: AbortSignal): Promise<ErpDocument[][]> {
    const dir = layout.archive('erp-orders')
    const files = (await listFiles(dir, { recursive: true })).filter((f) => !relative(dir, f.path).startsWith('duplicates'))
    // Archive folders are named by day and files keep their names: newest import first.
    files.sort((a, b) => relative(dir, b.path).slice(0, 10).localeCompare(relative(dir, a.path).slice(0, 10)) || b.mtimeMs - a.mtimeMs)
    const out: ErpDocument[][] = []
    for (const f of files.slice(0, options.exportFilesToSearch ?? 30)) {
      signal?.throwIfAborted()
      const stamp = `${f.mtimeMs}:${f.size}`
      let cached = exportCache.get(f.path)
      if (!cached || cached.stamp !== stamp) {
        const parsed = await parseInboundFile('erp-orders', f.path, formatOf(f.path)!, parseOptions)
        // An archived export was valid when imported; if someone edited it since, it is not trusted.
        cached = { stamp, docs: parsed.errorCount === 0 ? parsed.rows : [] }
        exportCache.set(f.path, cached)
      }
      out.push(cached.docs)
    }
    return out
  }

  async function findInExports(key: string, signal?: AbortSignal): Promise<ErpOrderRef | null> {
    for (const docs of await exportDocuments(signal)) {
      const matches = docs.filter((d) => d.externalDocumentNumber === key)
      if (matches.length === 0) continue
      // once invoiced, the invoice is the record finance reconciles against
      const doc = matches.find((d) => d.documentType === 'salesInvoice') ?? matches[0]
      return {
        id: doc.documentNumber,
        number: doc.documentNumber,
        externalDocumentNumber: key,
        documentType: doc.documentType,
        totalExcludingTaxMinor: doc.totalExcludingTaxMinor,
        totalTaxMinor: doc.totalTaxMinor,
        totalIncludingTaxMinor: doc.totalIncludingTaxMinor,
        currencyCode: doc.currencyCode,
      }
    }
    return null
  }

  // ---- files we wrote -------------------------------------------------------------------------

  const batchCache = new Map<string, { stamp: string; drafts: ErpSalesOrderDraft[] }>()

  async function readOrderFile(path: string, ext: 'csv' | 'json'): Promise<ErpSalesOrderDraft[]> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (e) {
      if (isMissing(e)) return []
      throw fsError('read', path, e)
    }
    try {
      return readDrafts(text, ext)
    } catch (e) {
      throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `File exchange: order file ${path} cannot be read back (${(e as Error).message})`, cause: e })
    }
  }

  async function findWritten(key: string, signal?: AbortSignal): Promise<FoundDraft | null> {
    const base = orderFileBase(key)
    for (const where of ['sent', 'outbox'] as const) {
      const dir = where === 'sent' ? layout.sent : layout.outbox
      // per-order files: found by name
      for (const ext of extensions) {
        const path = join(dir, `${base}.${ext}`)
        const drafts = await readOrderFile(path, ext)
        const draft = drafts.find((d) => d.externalDocumentNumber === key)
        if (draft) return { draft, file: relative(layout.root, path), where }
      }
      // batch files: searched (cached by size and mtime, so repeated look-ups stay cheap)
      const isBatch = (name: string) => {
        const ext = formatOf(name)
        return name.startsWith(BATCH_PREFIX) && (ext === 'csv' || ext === 'json') && extensions.includes(ext)
      }
      for (const f of await listFiles(dir, { accept: isBatch })) {
        signal?.throwIfAborted()
        const ext = formatOf(f.path) as 'csv' | 'json'
        const stamp = `${f.mtimeMs}:${f.size}`
        let cached = batchCache.get(f.path)
        if (!cached || cached.stamp !== stamp) {
          cached = { stamp, drafts: await readOrderFile(f.path, ext) }
          batchCache.set(f.path, cached)
        }
        const draft = cached.drafts.find((d) => d.externalDocumentNumber === key)
        if (draft) return { draft, file: relative(layout.root, f.path), where }
      }
    }
    const open = await readOpenBatch()
    const staged = open?.drafts.find((d) => d.externalDocumentNumber === key)
    if (staged) return { draft: staged, file: relative(layout.root, join(layout.staging, OPEN_BATCH)), where: 'staging' }
    return null
  }

  async function readOpenBatch(): Promise<OpenBatch | null> {
    const path = join(layout.staging, OPEN_BATCH)
    try {
      return JSON.parse(await readFile(path, 'utf8')) as OpenBatch
    } catch (e) {
      if (isMissing(e)) return null
      throw fsError('read the open batch', path, e)
    }
  }

  function conflict(key: string, file: string): ConnectorError {
    return new ConnectorError({
      system: 'erp',
      kind: 'conflict',
      message:
        `Order ${key} was already written to ${file} with different content. Instep does not overwrite an order ` +
        `the ERP may already have read. Check in the ERP whether ${key} was imported; if not, remove the old file and retry.`,
    })
  }

  /**
   * Same order as far as the file shows it: both rendered the way the file holds them (a CSV
   * carries less than the JSON, so only what the ERP could have read is compared).
   */
  const sameDraft = (a: ErpSalesOrderDraft, b: ErpSalesOrderDraft, file: string) => {
    const ext = formatOf(file) === 'csv' ? 'csv' : 'json'
    return content([a], ext, true) === content([b], ext, true)
  }

  // ---- writing --------------------------------------------------------------------------------

  async function writePerOrder(draft: ErpSalesOrderDraft): Promise<void> {
    const base = orderFileBase(draft.externalDocumentNumber)
    for (const ext of extensions) {
      const name = `${base}.${ext}`
      const body = content([draft], ext, true)
      for (const dir of [layout.sent, layout.outbox]) {
        const path = join(dir, name)
        let existing: string | null = null
        try {
          existing = await readFile(path, 'utf8')
        } catch (e) {
          if (!isMissing(e)) throw fsError('read', path, e)
        }
        if (existing === null) continue
        if (existing !== body) throw conflict(draft.externalDocumentNumber, relative(layout.root, path))
      }
      const target = join(layout.outbox, name)
      if ((await exists(join(layout.sent, name))) || (await exists(target))) continue // identical: nothing to do
      try {
        await writeFileAtomic(target, body, { exclusive: true })
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError('write the order file', target, e)
        // another writer got there first: fine if it wrote the same order
        if ((await readFile(target, 'utf8').catch(() => null)) !== body) throw conflict(draft.externalDocumentNumber, relative(layout.root, target))
      }
    }
  }

  async function stage(draft: ErpSalesOrderDraft): Promise<void> {
    const path = join(layout.staging, OPEN_BATCH)
    const open = (await readOpenBatch()) ?? {
      id: `${now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`,
      createdAt: now().toISOString(),
      drafts: [],
    }
    open.drafts.push(draft)
    try {
      await writeFileAtomic(path, JSON.stringify(open))
    } catch (e) {
      throw fsError('stage the order', path, e)
    }
    if (open.drafts.length >= (options.batchSize ?? 500)) await flush()
  }

  /**
   * The batch file's name comes from the open batch's id, so a flush interrupted after the
   * publish and before the staging file is removed publishes the same bytes under the same name
   * again: a no-op, never a second copy of the orders.
   */
  async function flush(signal?: AbortSignal): Promise<string[]> {
    signal?.throwIfAborted()
    await assertRoot(options.root)
    const open = await readOpenBatch()
    if (!open || open.drafts.length === 0) return []
    const written: string[] = []
    for (const ext of extensions) {
      const name = `${BATCH_PREFIX}${open.id}.${ext}`
      const target = join(layout.outbox, name)
      if (await exists(join(layout.sent, name))) continue
      try {
        if (!(await exists(target))) await writeFileAtomic(target, content(open.drafts, ext, false))
      } catch (e) {
        throw fsError('write the batch file', target, e)
      }
      written.push(target)
    }
    await unlink(join(layout.staging, OPEN_BATCH)).catch((e) => (isMissing(e) ? undefined : Promise.reject(fsError('close the batch', layout.staging, e))))
    return written
  }

  return {
    layout,
    inbox,
    flush,

    async findByExternalDocumentNumber(key, signal) {
      signal?.throwIfAborted()
      await assertRoot(options.root)
      const fromErp = await findInExports(key, signal)
      if (fromErp) return fromErp
      const written = await findWritten(key, signal)
      return written ? refFromDraft(written.draft) : null
    },

    async createSalesOrder(draft, signal) {
      signal?.throwIfAborted()
      await assertRoot(options.root)
      // The order file has no variant column: dropping the variant would book the wrong size, so stop.
      const variantLines = draft.lines.filter((l) => l.kind === 'item' && l.variantCode)
      if (variantLines.length) {
        throw new ConnectorError({
          system: 'erp',
          kind: 'invalid',
          message: variantLines
            .map((l) => `SKU ${l.sku ?? '?'} is mapped to item ${l.number} variant ${l.variantCode}, but the ERP's order files have no place for a variant: map the SKU to an item without a variant.`)
            .join(' '),
          mapping: variantLines.map((l) => ({ sku: l.sku ?? null, itemNumber: l.number, variantCode: l.variantCode ?? null })),
        })
      }
      const problems = draftProblems(draft)
      if (problems.length) {
        throw new ConnectorError({ system: 'erp', kind: 'invalid', message: `Order ${draft.externalDocumentNumber} cannot be written: ${problems.join('; ')}` })
      }
      const key = draft.externalDocumentNumber
      // The ERP may have imported and deleted the file: its export is the proof it has the order.
      const inErp = await findInExports(key, signal)
      if (inErp) return inErp
      if (options.batch === 'per-order') {
        await writePerOrder(draft)
        return refFromDraft(draft)
      }
      const earlier = await findWritten(key, signal)
      if (earlier) {
        if (!sameDraft(earlier.draft, draft, earlier.file)) throw conflict(key, earlier.file)
        return refFromDraft(earlier.draft)
      }
      await stage(draft)
      return refFromDraft(draft)
    },

    async listItems(signal) {
      signal?.throwIfAborted()
      await assertRoot(options.root)
      const dir = layout.inbox('items')
      const settleMs = options.settleMs ?? 2000
      const files = (await listFiles(dir)).filter((f) => now().getTime() - Math.floor(f.mtimeMs) >= settleMs)
      if (files.length === 0) return []
      // The newest full item list wins; older ones stay for reference.
      const newest = files.sort((a, b) => b.mtimeMs - a.mtimeMs)[0]
      const parsed = await parseInboundFile('items', newest.path, formatOf(newest.path)!, parseOptions)
      if (parsed.errorCount > 0) {
        throw new ConnectorError({
          system: 'erp',
          kind: 'invalid',
          message: `Item list ${relative(layout.root, newest.path)} has ${parsed.errorCount} problem(s): ${parsed.errors.slice(0, 5).map(describeError).join(' ')}`,
        })
      }
      return parsed.rows.map((r): ErpItem => ({ id: r.number, number: r.number, displayName: r.description, gtin: r.gtin }))
    },
  }
}
