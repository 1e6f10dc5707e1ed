/**
 * The evidence pack of a period: the same views the Month-end screen shows, as CSV files (one per
 * view), one XLSX workbook (one sheet per view) or a one-page-per-section PDF for the controller.
 * Files are never overwritten: an existing name gets a numeric suffix, for every file of the pack.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { ReconSummary, TotalsRow } from '../../../../shared/contract/reconciliation'
import { formatMoney, fromMinor } from '../../../../shared/money'
import type { Repos } from '../../db/repos'
import { ensureExportFolder, freeStem } from '../export-folder'
import { TOPIC_LABELS } from './labels'
import { periodRange } from './period'
import { buildSummary, toItem } from './service'
import { returnedOrders } from './returns'

type Cell = string | number | null
interface View {
  name: string
  title: string
  columns: string[]
  rows: Cell[][]
}

const PAGE = 5000

/** Every row, read PAGE at a time. */
function readAll<T>(page: (offset: number) => T[]): T[] {
  const out: T[] = []
  for (let offset = 0; ; offset += PAGE) {
    const rows = page(offset)
    out.push(...rows)
    if (rows.length < PAGE) return out
  }
}

const money = (minor: number | null, currency: string): Cell => (minor === null ? null : Number(fromMinor(minor, currency)))

function totalsView(name: string, title: string, keyTitle: string, rows: TotalsRow[]): View {
  return {
    name,
    title,
    columns: [keyTitle, 'Currency', 'Centra orders', 'Centra total', 'Centra tax', 'ERP documents', 'ERP total', 'ERP tax', 'Difference (ERP - Centra)'],
    rows: rows.map((r) => [
      r.key,
      r.currency,
      r.centraCount,
      money(r.centraTotalMinor, r.currency),
      money(r.centraTaxMinor, r.currency),
      r.erpCount,
      money(r.erpTotalMinor, r.currency),
      money(r.erpTaxMinor, r.currency),
      money(r.differenceMinor, r.currency),
    ]),
  }
}

export function buildViews(repos: Repos, now: Date, period: string): { summary: ReconSummary; views: View[] } {
  const summary = buildSummary(repos, period, now)
  const range = periodRange(period, now)
  const items = readAll((offset) => repos.reconciliation.items(range, null, false, PAGE, offset).map(toItem))
  const itemRow = (i: (typeof items)[number]): Cell[] => [
    TOPIC_LABELS[i.topic],
    i.orderNumber,
    i.erpNumber,
    i.orderDate,
    i.postedAt,
    i.currency,
    money(i.centraMinor, i.currency),
    money(i.erpMinor, i.currency),
    money(i.amountMinor, i.currency),
    i.detail,
    i.decision?.decision ?? 'open',
    i.decision?.note ?? null,
    i.decision?.actor ?? null,
    i.decision?.at ?? null,
  ]
  const itemColumns = ['Cause or check', 'Order', 'ERP document', 'Ordered at', 'Posted at', 'Currency', 'Centra amount', 'ERP amount', 'Amount', 'Detail', 'Decision', 'Note', 'By', 'Decided at']
  const isCheck = (topic: string) => topic.startsWith('check_')
  const returned = readAll((offset) => returnedOrders(repos, range, PAGE, offset).rows)
  const views: View[] = [
    {
      name: 'summary',
      title: 'Summary',
      columns: ['Item', 'Value'],
      rows: [
        ['Period', summary.period],
        ['Orders dated from (UTC)', summary.from],
        ['Orders dated before (UTC)', summary.to],
        ['Status', summary.status === 'signed_off' ? 'Signed off' : 'Open'],
        ['Signed off by', summary.signedOffBy],
        ['Signed off at', summary.signedOffAt],
        ['Audit hash', summary.auditHash],
        [`Centra total (${summary.base.label})`, formatMoney(summary.base.centraTotalMinor, summary.base.currency)],
        [`ERP total (${summary.base.label})`, formatMoney(summary.base.erpTotalMinor, summary.base.currency)],
        ...summary.byCurrency.map((r): Cell[] => [`Difference in ${r.currency} (ERP - Centra)`, formatMoney(r.differenceMinor, r.currency)]),
        ...summary.causes.map((c): Cell[] => [`${c.label}: items (undecided)`, `${c.count} (${c.undecided})`]),
        ...summary.checks.map((c): Cell[] => [`Check: ${c.label}`, c.passed ? 'Passed' : `Failed for ${c.offenders} order(s), ${c.unexplained} not explained`]),
      ],
    },
    totalsView('by-market', 'By market', 'Market', summary.byMarket),
    totalsView('by-currency', 'By currency', 'Currency code', summary.byCurrency),
    totalsView('by-tax-rate', 'By tax rate', 'Tax rate (product lines only)', summary.byTaxRate),
    {
      name: 'variances',
      title: 'Variances',
      columns: itemColumns,
      rows: [
        ...summary.variances.map((v): Cell[] => [v.label, null, null, null, null, v.currency, null, null, money(v.amountMinor, v.currency), `Total of ${v.count} item(s)`, `${v.undecided} open`, null, null, null]),
        ...items.filter((i) => !isCheck(i.topic)).map(itemRow),
      ],
    },
    {
      name: 'checks',
      title: 'Checks',
      columns: itemColumns,
      rows: [
        ...summary.checks.map((c): Cell[] => [c.label, null, null, null, null, null, null, null, null, c.passed ? 'Passed' : `Failed for ${c.offenders} order(s)`, `${c.unexplained} not explained`, null, null, null]),
        ...items.filter((i) => isCheck(i.topic)).map(itemRow),
      ],
    },
    {
      name: 'returns',
      title: 'Returns',
      columns: ['Market or currency', 'Order', 'ERP document', 'Ordered at', 'Currency', 'Returns', 'Units', 'Order total', 'ERP total', 'Returned value', 'Net after returns'],
      rows: [
        ...summary.returns.byMarket.map((r): Cell[] => [`Market ${r.key}`, null, null, null, r.currency, r.returns, r.units, null, null, money(r.valueMinor, r.currency), null]),
        ...summary.returns.byCurrency.map((r): Cell[] => [`All markets in ${r.key}`, null, null, null, r.currency, r.returns, r.units, null, null, money(r.valueMinor, r.currency), null]),
        ...returned.map((o): Cell[] => [
          o.market,
          o.orderNumber,
          o.erpNumber,
          o.orderDate,
          o.currency,
          o.returns,
          o.units,
          money(o.orderTotalMinor, o.currency),
          money(o.erpTotalMinor, o.currency),
          money(o.returnedMinor, o.currency),
          money(o.netAfterReturnsMinor, o.currency),
        ]),
      ],
    },
    {
      name: 'audit',
      title: 'Audit',
      columns: ['Entry', 'Action', 'By', 'At', 'Previous hash', 'Hash', 'Record'],
      rows: summary.audit.map((a) => [a.id, a.action, a.actor, a.at, a.prevHash, a.hash, JSON.stringify(a.payload)]),
    },
  ]
  return { summary, views }
}

export async function exportPeriod(repos: Repos, now: Date, input: { period: string; format: 'csv' | 'xlsx' | 'pdf'; directory: string }): Promise<{ files: string[] }> {
  ensureExportFolder(input.directory)
  const { summary, views } = buildViews(repos, now, input.period)
  const base = `month-end-${input.period}`
  if (input.format === 'csv') {
    const suffixes = views.map((v) => `-${v.name}.csv`)
    const stem = freeStem(input.directory, base, suffixes)
    const files = views.map((v) => {
      const file = join(input.directory, `${stem}-${v.name}.csv`)
      writeFileSync(file, stringify([v.columns, ...v.rows.map((r) => r.map((c) => (c === null ? '' : c)))]), { flag: 'wx' })
      return file
    })
    return { files }
  }
  const stem = freeStem(input.directory, base, [`.${input.format}`])
  const file = join(input.directory, `${stem}.${input.format}`)
  if (input.format === 'xlsx') {
    const wb = new ExcelJS.Workbook()
    wb.creator = 'Instep'
    wb.created = now
    for (const v of views) {
      const ws = wb.addWorksheet(v.title)
      ws.addRow(v.columns).font = { bold: true }
      for (const r of v.rows) ws.addRow(r)
      ws.columns.forEach((c, i) => (c.width = Math.min(60, Math.max(12, v.columns[i].length + 2))))
      ws.views = [{ state: 'frozen', ySplit: 1 }]
    }
    const buffer = await wb.xlsx.writeBuffer()
    writeFileSync(file, Buffer.from(buffer), { flag: 'wx' })
    return { files: [file] }
  }
  writeFileSync(file, await pdfSummary(summary, now), { flag: 'wx' })
  return { files: [file] }
}

/** Standard PDF fonts only cover Latin-1: anything else is shown as '?' rather than failing the export. */
const latin1 = (s: string) => s.replace(/[^\x20-\x7E\u00A0-\u00FF]/g, '?')

async function pdfSummary(s: ReconSummary, now: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(`Month-end reconciliation ${s.period}`)
  pdf.setCreator('Instep')
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  let page: PDFPage = pdf.addPage([595, 842])
  let y = 800
  const line = (text: string, opts: { f?: PDFFont; size?: number; indent?: number; color?: [number, number, number] } = {}) => {
    const size = opts.size ?? 10
    if (y < 50) {
      page = pdf.addPage([595, 842])
      y = 800
    }
    page.drawText(latin1(text).slice(0, 110), { x: 50 + (opts.indent ?? 0), y, size, font: opts.f ?? font, color: rgb(...(opts.color ?? [0, 0, 0])) })
    y -= size + 6
  }
  const gap = () => (y -= 8)
  line(`Month-end reconciliation - ${s.period}`, { f: bold, size: 16 })
  line(`Orders dated ${s.from.slice(0, 10)} to ${s.to.slice(0, 10)} (exclusive), UTC. Printed ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`)
  line(`Status: ${s.status === 'signed_off' ? `Signed off by ${s.signedOffBy} at ${s.signedOffAt}` : 'Open (not signed off)'}`, { f: bold })
  gap()
  line('Totals by currency (Centra / ERP / difference)', { f: bold, size: 12 })
  for (const r of s.byCurrency) {
    line(`${r.currency}: ${r.centraCount} orders ${formatMoney(r.centraTotalMinor, r.currency)} / ${r.erpCount} documents ${formatMoney(r.erpTotalMinor, r.currency)} / ${formatMoney(r.differenceMinor, r.currency)}`, { indent: 10 })
  }
  line(`${s.base.label}: Centra ${formatMoney(s.base.centraTotalMinor, s.base.currency)}, ERP ${formatMoney(s.base.erpTotalMinor, s.base.currency)}`, { indent: 10 })
  gap()
  line('Variance by cause', { f: bold, size: 12 })
  for (const c of s.causes) {
    const amounts = s.variances.filter((v) => v.cause === c.cause).map((v) => formatMoney(v.amountMinor, v.currency))
    line(`${c.label}: ${c.count} item(s)${amounts.length ? ` - ${amounts.join(', ')}` : ''}${c.undecided ? ` - ${c.undecided} not yet explained or accepted` : ''}`, { indent: 10 })
  }
  gap()
  line('Returns made this month (not posted; credited in the ERP by finance)', { f: bold, size: 12 })
  if (s.returns.byCurrency.length === 0) line('No returns.', { indent: 10 })
  for (const r of s.returns.byCurrency) line(`${r.currency}: ${r.returns} return(s) on ${r.orders} order(s), ${r.units} unit(s), ${formatMoney(r.valueMinor, r.currency)}`, { indent: 10 })
  gap()
  line('Checks', { f: bold, size: 12 })
  for (const c of s.checks) {
    line(`${c.passed ? 'PASS' : 'FAIL'}  ${c.label}${c.passed ? '' : ` - ${c.offenders} order(s), ${c.unexplained} not explained`}`, {
      indent: 10,
      color: c.passed ? [0, 0.45, 0] : [0.7, 0, 0],
    })
  }
  gap()
  line('Sign-off and audit', { f: bold, size: 12 })
  if (s.audit.length === 0) line('No decisions recorded yet.', { indent: 10 })
  for (const a of s.audit) line(`#${a.id} ${a.at.slice(0, 16).replace('T', ' ')} ${a.action} by ${a.actor}`, { indent: 10 })
  if (s.auditHash) {
    line('Latest audit hash (sha256):', { indent: 10 })
    line(s.auditHash, { indent: 10, size: 8 })
  }
  return pdf.save()
}
