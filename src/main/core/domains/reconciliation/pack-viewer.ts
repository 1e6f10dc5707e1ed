/**
 * Opens an evidence pack exported earlier, read-only: the XLSX workbook (every sheet) or one of
 * its CSV files, shown as the tables they hold. Nothing is stored and nothing is compared: this is
 * for looking back at what was filed, on any computer, without a connection.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, isAbsolute } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { PackSheet } from '../../../../shared/contract/reconciliation'
import { AppError } from '../../../../shared/errors'

type Cell = string | number | null

/** Excel cells come as numbers, text, dates, rich text or formulas; show what a reader sees. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('')
  if (typeof v === 'object' && 'text' in v) return String(v.text)
  if (typeof v === 'object' && 'result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null)
  return String(v)
}

function sheetOf(name: string, table: Cell[][], maxRows: number): PackSheet {
  const [head = [], ...rows] = table
  return { name, columns: head.map((c) => (c === null ? '' : String(c))), rows: rows.slice(0, maxRows), totalRows: rows.length }
}

export async function openPack(input: { path: string; maxRows: number }): Promise<{ path: string; sheets: PackSheet[] }> {
  const { path, maxRows } = input
  if (!isAbsolute(path)) throw new AppError('invalid_input', 'Give the full path of the exported file (for example /home/you/exports/month-end-2026-11.xlsx).')
  if (!existsSync(path) || !statSync(path).isFile()) throw new AppError('not_found', `There is no file at ${path}.`)
  const ext = extname(path).toLowerCase()
  if (ext === '.csv') {
    let table: Cell[][]
    try {
      table = parse(readFileSync(path, 'utf8'), { relax_column_count: true, bom: true }) as string[][]
    } catch (e) {
      throw new AppError('invalid_input', `${basename(path)} could not be read as a CSV file: ${(e as Error).message}`)
    }
    return { path, sheets: [sheetOf(basename(path, ext), table, maxRows)] }
  }
  if (ext !== '.xlsx') throw new AppError('invalid_input', `${basename(path)} is not an evidence pack: open the .xlsx workbook or one of its .csv files.`)
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.readFile(path)
  } catch (e) {
    throw new AppError('invalid_input', `${basename(path)} could not be read as an Excel workbook: ${(e as Error).message}`)
  }
  const sheets = wb.worksheets.map((ws) => {
    const table: Cell[][] = []
    ws.eachRow({ includeEmpty: true }, (row) => {
      // 1-based and sparse (an empty cell is a hole): Array.from visits the holes, map would skip them
      const values = row.values as ExcelJS.CellValue[]
      table.push(Array.from(values.slice(1), (v) => cellValue(v)))
    })
    return sheetOf(ws.name, table, maxRows)
  })
  return { path, sheets }
}
