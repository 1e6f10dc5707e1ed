/**
 * The mapping CSV (sku,ean,erp_item_number and, optionally, erp_variant_code): parsing and the
 * dry-run verdict per row. Pure: the caller supplies the current map and the ERP items and
 * variants it knows, so preview and apply agree.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { ImportPreview, ImportRowOutcome } from '../../../../shared/contract'
import { mappingLabel } from '../../db/repos/mapping.repo'

export const CSV_HEADER = ['sku', 'ean', 'erp_item_number', 'erp_variant_code'] as const

export interface ImportContext {
  current: (sku: string) => { erpItemNumber: string; erpVariantCode?: string | null } | null
  isKnownItem: (number: string) => boolean
  /** null when no variants were ever read from the ERP (then they cannot be checked here) */
  isKnownVariant: (itemNumber: string, code: string) => boolean | null
  allowNewItems: boolean
}

const MAX_ROWS = 200_000

export function previewCsv(text: string, ctx: ImportContext): ImportPreview {
  const rows: ImportRowOutcome[] = []
  let records: string[][]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]
  } catch (e) {
    const reason = `The file is not a readable CSV: ${(e as Error).message}`
    return {
      counts: { add: 0, change: 0, unchanged: 0, reject: 1 },
      rows: [{ line: 1, sku: '', ean: null, erpItemNumber: '', erpVariantCode: null, action: 'reject', previous: null, reason }],
    }
  }
  let start = 0
  const header = records[0]?.map((h) => h.toLowerCase())
  let cols = { sku: 0, ean: 1, item: 2, variant: 3 }
  if (header && header.includes('sku') && header.includes('erp_item_number')) {
    cols = { sku: header.indexOf('sku'), ean: header.indexOf('ean'), item: header.indexOf('erp_item_number'), variant: header.indexOf('erp_variant_code') }
    start = 1
  }
  const seen = new Map<string, number>()
  for (let i = start; i < records.length && i < MAX_ROWS + start; i++) {
    const r = records[i]
    const line = i + 1
    const sku = (r[cols.sku] ?? '').trim()
    const ean = cols.ean >= 0 ? (r[cols.ean] ?? '').trim() || null : null
    const erpItemNumber = (r[cols.item] ?? '').trim()
    // BC stores variant codes in upper case; a lower-case code in the file means the same variant.
    const erpVariantCode = cols.variant >= 0 ? (r[cols.variant] ?? '').trim().toUpperCase() || null : null
    const was = sku ? ctx.current(sku) : null
    const previous = was ? mappingLabel(was.erpItemNumber, was.erpVariantCode) : null
    const reject = (reason: string) => rows.push({ line, sku, ean, erpItemNumber, erpVariantCode, action: 'reject', previous, reason })
    if (!sku || !erpItemNumber) {
      reject(!sku ? 'No SKU on this row.' : 'No ERP item number on this row.')
      continue
    }
    if (sku.length > 100 || erpItemNumber.length > 50 || (erpVariantCode?.length ?? 0) > 20 || (ean !== null && !/^\d{8,14}$/.test(ean))) {
      reject(ean !== null && !/^\d{8,14}$/.test(ean) ? `EAN "${ean}" is not 8 to 14 digits.` : 'SKU, item number or variant code is too long.')
      continue
    }
    const firstLine = seen.get(sku)
    if (firstLine !== undefined) {
      reject(`SKU ${sku} is already on line ${firstLine} of this file.`)
      continue
    }
    seen.set(sku, line)
    if (!ctx.allowNewItems && !ctx.isKnownItem(erpItemNumber)) {
      reject(`ERP item ${erpItemNumber} is not among the ERP's items. Check the number, or tick "items new to the ERP" if it is being created.`)
      continue
    }
    if (erpVariantCode && !ctx.allowNewItems && ctx.isKnownVariant(erpItemNumber, erpVariantCode) === false) {
      reject(`ERP item ${erpItemNumber} has no variant ${erpVariantCode} among the variants Instep has read. Check the code, or tick "items new to the ERP" if it is being created.`)
      continue
    }
    const label = mappingLabel(erpItemNumber, erpVariantCode)
    const action = previous === null ? 'add' : previous === label ? 'unchanged' : 'change'
    rows.push({ line, sku, ean, erpItemNumber, erpVariantCode, action, previous, reason: null })
  }
  if (records.length - start > MAX_ROWS) {
    rows.push({
      line: MAX_ROWS + start + 1,
      sku: '',
      ean: null,
      erpItemNumber: '',
      erpVariantCode: null,
      action: 'reject',
      previous: null,
      reason: `Only the first ${MAX_ROWS} rows are read; split the file.`,
    })
  }
  const counts = { add: 0, change: 0, unchanged: 0, reject: 0 }
  for (const r of rows) counts[r.action]++
  return { counts, rows }
}

export function toCsv(rows: { sku: string; ean: string | null; erpItemNumber: string; erpVariantCode: string | null; origin: string }[]): string {
  return stringify(
    rows.map((r) => [r.sku, r.ean ?? '', r.erpItemNumber, r.erpVariantCode ?? '', r.origin]),
    { header: true, columns: [...CSV_HEADER, 'origin'] },
  )
}
