/**
 * Ordered list of migrations. Append only: a new file `NNN-name.ts` exporting `sql`, then one
 * line here. The checksum of every applied migration is verified at open.
 */
import { createHash } from 'node:crypto'
import { sql as init } from './001-init'
import { sql as exceptionWorkflow } from './002-exception-workflow'
import { sql as erpDocuments } from './003-erp-documents'
import { sql as mapping } from './005-mapping'
import { sql as monitoring } from './006-monitoring'
import { sql as fulfilments } from './007-fulfilments'
import { sql as postingSettle } from './008-posting-settle'
import { sql as inventory } from './009-inventory'
import { sql as postingWithdrawn } from './010-posting-withdrawn'
import { sql as reconciliation } from './011-reconciliation'
import { sql as returns } from './013-returns'
import { sql as erpVariants } from './012-erp-variants'
import { sql as skuMapVersion } from './014-sku-map-version'
import { sql as reconTotals } from './015-recon-totals'
import { sql as reconStatus } from './018-recon-status'

export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
}

const DECLARED: Migration[] = [
  migration(1, 'init', init),
  migration(2, 'exception-workflow', exceptionWorkflow),
  migration(3, 'erp-documents', erpDocuments),
  migration(5, 'mapping', mapping),
  migration(6, 'monitoring', monitoring),
  migration(7, 'fulfilments', fulfilments),
  migration(8, 'posting-settle', postingSettle),
  migration(9, 'inventory', inventory),
  migration(10, 'posting-withdrawn', postingWithdrawn),
  migration(11, 'reconciliation', reconciliation),
  migration(13, 'returns', returns),
  migration(12, 'erp-variants', erpVariants),
  migration(14, 'sku-map-version', skuMapVersion),
  migration(15, 'recon-totals', reconTotals),
  migration(18, 'recon-status', reconStatus),
]

/** Applied in version order whatever the order of the list above; a version may appear once. */
export const MIGRATIONS: readonly Migration[] = [...DECLARED].sort((a, b) => a.version - b.version)
for (let i = 1; i < MIGRATIONS.length; i++) {
  if (MIGRATIONS[i].version === MIGRATIONS[i - 1].version) throw new Error(`Two migrations share version ${MIGRATIONS[i].version}`)
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
