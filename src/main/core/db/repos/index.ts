/** All SQL lives in these repos; everything else asks them. */
import type Database from 'better-sqlite3'
import type { Db } from '../open'
import { createCursorsRepo, type CursorsRepo } from './cursors.repo'
import { createErpDocumentsRepo, type ErpDocumentsRepo } from './erp-documents.repo'
import { createExceptionsRepo, type ExceptionsRepo } from './exceptions.repo'
import { createFulfilmentsRepo, type FulfilmentsRepo } from './fulfilments.repo'
import { createMappingRepo, type MappingRepo } from './mapping.repo'
import { createOrdersRepo, type OrdersRepo } from './orders.repo'
import { createPostingsRepo, type PostingsRepo } from './postings.repo'
import { createRunsRepo, type RunsRepo } from './runs.repo'
import { createTraceRepo, type TraceRepo } from './trace.repo'
import { createMonitoringRepo, type MonitoringRepo } from './monitoring.repo'
import { createStockRepo, type StockRepo } from './stock.repo'
import { createReconciliationRepo, type ReconciliationRepo } from './reconciliation.repo'
import { createReturnsRepo, type ReturnsRepo } from './returns.repo'
import { createReconStatusRepo, type ReconStatusRepo } from './recon-status.repo'

export interface Repos {
  db: Database.Database
  runs: RunsRepo
  cursors: CursorsRepo
  orders: OrdersRepo
  mapping: MappingRepo
  postings: PostingsRepo
  exceptions: ExceptionsRepo
  erpDocuments: ErpDocumentsRepo
  fulfilments: FulfilmentsRepo
  trace: TraceRepo
  monitoring: MonitoringRepo
  stock: StockRepo
  reconciliation: ReconciliationRepo
  returns: ReturnsRepo
  reconStatus: ReconStatusRepo
  /** Runs fn in one transaction: all of its writes land together or not at all. */
  tx<T>(fn: () => T): T
}

export function createRepos(db: Db): Repos {
  return {
    db,
    runs: createRunsRepo(db),
    cursors: createCursorsRepo(db),
    orders: createOrdersRepo(db),
    mapping: createMappingRepo(db),
    postings: createPostingsRepo(db),
    exceptions: createExceptionsRepo(db),
    erpDocuments: createErpDocumentsRepo(db),
    fulfilments: createFulfilmentsRepo(db),
    trace: createTraceRepo(db),
    monitoring: createMonitoringRepo(db),
    stock: createStockRepo(db),
    reconciliation: createReconciliationRepo(db),
    returns: createReturnsRepo(db),
    reconStatus: createReconStatusRepo(db),
    tx<T>(fn: () => T): T {
      return db.transaction(fn)()
    },
  }
}

