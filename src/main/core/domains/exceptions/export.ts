/**
 * The exception queue as a CSV file, exactly the rows a filter matches (the screen's current
 * view), read page by page so a queue of 100 000 rows never sits in memory twice. The file is
 * never overwritten: an existing name gets a numeric suffix.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { ExceptionRow } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { Repos } from '../../db/repos'
import type { ListFilter } from '../../db/repos/exceptions.repo'
import { ensureExportFolder, freeStem } from '../export-folder'

const PAGE = 5000
const COLUMNS = ['Id', 'Problem', 'Team', 'Kind', 'Severity', 'Status', 'About', 'Reference', 'First seen', 'Last seen', 'Times seen', 'Assigned to', 'Reason', 'Detail']

const row = (e: ExceptionRow) => [
  e.id, e.title, e.team, e.category, e.severity, e.status, e.objectType, e.objectRef, e.firstSeenAt, e.lastSeenAt, e.occurrences, e.assignee ?? '', e.statusReason ?? '', e.detail,
]

export function exportExceptions(repos: Repos, now: Date, filter: Omit<ListFilter, 'limit' | 'offset'>, directory: string): { file: string; rows: number } {
  ensureExportFolder(directory)
  const chunks = [stringify([COLUMNS])]
  let rows = 0
  for (let offset = 0; ; offset += PAGE) {
    const page = repos.exceptions.list({ ...filter, limit: PAGE, offset }).rows
    if (page.length > 0) chunks.push(stringify(page.map(row)))
    rows += page.length
    if (page.length < PAGE) break
  }
  const file = join(directory, `${freeStem(directory, `exceptions-${now.toISOString().slice(0, 10)}`, ['.csv'])}.csv`)
  try {
    // 'wx': if another export took the name since we looked, fail rather than overwrite it
    writeFileSync(file, chunks.join(''), { flag: 'wx' })
  } catch (error) {
    throw new AppError('unavailable', `Cannot write ${file}: ${(error as Error).message}`)
  }
  return { file, rows }
}
