/**
 * Ordered list of migrations. Append only: a new file `NNN-name.ts` exporting `sql`, then one
 * line here. The checksum of every applied migration is verified at open.
 */
import { createHash } from 'node:crypto'
import { sql as init } from './001-init'
import { sql as exceptionWorkflow } from './002-exception-workflow'
import { sql as erpDocuments } from './003-erp-documents'

export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
}

export const MIGRATIONS: readonly Migration[] = [
  migration(1, 'init', init),
  migration(2, 'exception-workflow', exceptionWorkflow),
  migration(3, 'erp-documents', erpDocuments),
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
