/** All SQL lives in these repos; everything else asks them. */
import type { Db } from '../open'
import { createCursorsRepo } from './cursors.repo'
import { createExceptionsRepo } from './exceptions.repo'
import { createMappingRepo } from './mapping.repo'
import { createOrdersRepo } from './orders.repo'
import { createPostingsRepo } from './postings.repo'
import { createRunsRepo } from './runs.repo'

export function createRepos(db: Db) {
  return {
    db,
    runs: createRunsRepo(db),
    cursors: createCursorsRepo(db),
    orders: createOrdersRepo(db),
    mapping: createMappingRepo(db),
    postings: createPostingsRepo(db),
    exceptions: createExceptionsRepo(db),
    /** Runs fn in one transaction: all of its writes land together or not at all. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)()
    },
  }
}
export type Repos = ReturnType<typeof createRepos>
