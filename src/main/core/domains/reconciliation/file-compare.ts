/**
 * Offline reconciliation: an export from the ERP (orders or invoices with totals, CSV or XLSX) is
 * read with the file-exchange parser and matched to the period's Centra orders on the external
 * document number Instep gave each order. Nothing is stored: the file is the second ERP source.
 */
import { existsSync } from 'node:fs'
import { extname, isAbsolute } from 'node:path'
import type { FileComparison, TotalsRow } from '../../../../shared/contract/reconciliation'
import { AppError } from '../../../../shared/errors'
import type { Repos } from '../../db/repos'
import { parseInboundFile } from '../../sync/connectors/file-exchange/inbox'
import { periodRange } from './period'

const TOLERANCE_MINOR = 2
const SAMPLE = 50

export async function compareErpFile(repos: Repos, now: Date, input: { period: string; path: string; format?: 'csv' | 'xlsx' }): Promise<FileComparison> {
  if (!isAbsolute(input.path) || !existsSync(input.path)) throw new AppError('not_found', `No file at ${input.path}. Give the full path of the ERP export.`)
  const format = input.format ?? (extname(input.path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv')
  const parsed = await parseInboundFile('erp-orders', input.path, format)
  const errors = parsed.errors.slice(0, 20).map((e) => `${e.where}${e.column ? `, column ${e.column}` : ''}: expected ${e.expected}${e.value ? ` (found "${e.value}")` : ''}`)

  const orders = repos.reconciliation.periodOrders(periodRange(input.period, now))
  const byKey = new Map(orders.filter((o) => o.idempotency_key).map((o) => [o.idempotency_key!, o]))
  const totals = new Map<string, TotalsRow>()
  const row = (currency: string) => {
    let r = totals.get(currency)
    if (!r) totals.set(currency, (r = { key: currency, currency, centraCount: 0, centraTotalMinor: 0, centraTaxMinor: 0, erpCount: 0, erpTotalMinor: 0, erpTaxMinor: 0, differenceMinor: 0 }))
    return r
  }
  for (const o of orders) {
    if (o.status === 'CANCELLED') continue
    const r = row(o.currency)
    r.centraCount++
    r.centraTotalMinor += o.grand_total_minor
  }
  const seen = new Set<number>()
  const extra: string[] = []
  const mismatches: FileComparison['amountMismatch']['orders'] = []
  for (const d of parsed.rows) {
    const order = d.externalDocumentNumber ? byKey.get(d.externalDocumentNumber) : undefined
    if (!order || order.status === 'CANCELLED') {
      extra.push(d.documentNumber)
      continue
    }
    seen.add(order.number)
    const r = row(d.currencyCode)
    r.erpCount++
    r.erpTotalMinor += d.totalIncludingTaxMinor
    r.erpTaxMinor += d.totalTaxMinor
    if (Math.abs(d.totalIncludingTaxMinor - order.grand_total_minor) > TOLERANCE_MINOR || d.currencyCode !== order.currency) {
      mismatches.push({ orderNumber: order.number, document: d.documentNumber, currency: d.currencyCode, centraMinor: order.grand_total_minor, fileMinor: d.totalIncludingTaxMinor })
    }
  }
  const missing = orders.filter((o) => o.status !== 'CANCELLED' && !seen.has(o.number)).map((o) => o.number).sort((a, b) => a - b)
  const byCurrency = [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((r) => ({ ...r, differenceMinor: r.erpTotalMinor - r.centraTotalMinor }))
  return {
    period: input.period,
    file: input.path,
    documents: parsed.rows.length,
    errors,
    byCurrency,
    matched: seen.size,
    missingInFile: { count: missing.length, orders: missing.slice(0, SAMPLE) },
    extraInFile: { count: extra.length, documents: extra.slice(0, SAMPLE) },
    amountMismatch: { count: mismatches.length, orders: mismatches.slice(0, SAMPLE) },
  }
}
