import { z } from 'zod'
import { method } from './define'
import { Id, IsoDateTime, Page, Team } from './common'

export const ExceptionStatus = z.enum(['open', 'acknowledged', 'resolved', 'ignored'])
export type ExceptionStatus = z.infer<typeof ExceptionStatus>
export const Severity = z.enum(['low', 'medium', 'high'])

export const ExceptionRow = z.object({
  id: Id,
  traceKey: z.string(),
  category: z.string(),
  team: Team,
  severity: Severity,
  status: ExceptionStatus,
  objectType: z.string(),
  objectRef: z.string(),
  title: z.string(),
  detail: z.string(),
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  occurrences: z.number().int(),
  assignee: z.string().nullable(),
  statusReason: z.string().nullable(),
})
export type ExceptionRow = z.infer<typeof ExceptionRow>

export const ExceptionEvent = z.object({
  id: Id,
  at: IsoDateTime,
  kind: z.string(),
  actor: z.string(),
  fromStatus: ExceptionStatus.nullable(),
  toStatus: ExceptionStatus.nullable(),
  note: z.string().nullable(),
})
export type ExceptionEvent = z.infer<typeof ExceptionEvent>

/** Orders an exception holds back, so a person sees what a fix will release. */
export const AffectedOrder = z.object({
  centraId: z.string(),
  number: z.number().int(),
  orderDate: IsoDateTime,
  currency: z.string(),
  grandTotalMinor: z.number().int(),
  postingState: z.string().nullable(),
})

/** Centra's figure next to the ERP's for an exception about one posted order. */
export const ExceptionVariance = z.object({
  kind: z.enum(['rounding', 'mismatch']),
  field: z.string(),
  lineRef: z.string().nullable(),
  currency: z.string(),
  centraMinor: z.number().int(),
  erpMinor: z.number().int(),
  diffMinor: z.number().int(),
  explanation: z.string(),
})

export const ExceptionDetail = z.object({
  exception: ExceptionRow,
  events: z.array(ExceptionEvent),
  affectedOrders: z.array(AffectedOrder),
  /** for an exception about one order: its recorded Centra vs ERP differences (empty otherwise) */
  variances: z.array(ExceptionVariance),
})
export type ExceptionDetail = z.infer<typeof ExceptionDetail>

const Ids = z.array(Id).min(1).max(100_000)
const Note = z.string().trim().max(2000)
const Person = z.string().trim().min(1).max(100)

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is written YYYY-MM-DD.')

export const ExceptionFilter = z
  .object({
    status: z.array(ExceptionStatus).max(4).optional(),
    team: z.array(Team).max(4).optional(),
    category: z.array(z.string().max(60)).max(20).optional(),
    severity: z.array(Severity).max(3).optional(),
    /** matches the object reference (order number, SKU) or the title */
    search: z.string().trim().max(100).optional(),
    /** only exceptions first seen at least this many hours ago */
    olderThanHours: z.number().min(0).max(24 * 3650).optional(),
    /** only exceptions first seen less than this many hours ago (age buckets on the Overview) */
    newerThanHours: z.number().min(0).max(24 * 3650).optional(),
    /** market name of the order the exception is about (exceptions about an order only) */
    market: z.array(z.string().max(100)).max(50).optional(),
    /** only exceptions opened or reopened on this UTC day (a day of the Overview's trend chart) */
    openedOn: Day.optional(),
    /** only exceptions resolved or ignored on this UTC day */
    closedOn: Day.optional(),
  })
  .strict()
export type ExceptionFilter = z.infer<typeof ExceptionFilter>

const BulkResult = z.object({ changed: z.number().int() })

export const BulkAction = z.enum(['acknowledge', 'resolve', 'ignore', 'reopen', 'assign'])
export type BulkAction = z.infer<typeof BulkAction>

export const exceptionMethods = {
  'exceptions.list': method({
    summary: 'Exceptions, newest activity first, filtered and paged in SQL.',
    input: Page.extend(ExceptionFilter.shape).strict(),
    output: z.object({ rows: z.array(ExceptionRow), total: z.number().int() }),
    mutates: false,
  }),
  'exceptions.bulkByFilter': method({
    summary:
      'Apply one action to every exception matching a filter (select all N matching), in the store; ' +
      'ignore and reopen need a reason, assign an assignee. Those not allowed (e.g. already resolved) are skipped.',
    input: z
      .object({
        filter: ExceptionFilter,
        action: BulkAction,
        actor: Person,
        note: Note.optional(),
        assignee: Person.nullable().optional(),
      })
      .strict()
      .refine((v) => !(v.action === 'ignore' || v.action === 'reopen') || (v.note?.length ?? 0) >= 3, {
        message: 'A reason of at least 3 characters is needed to ignore or reopen.',
        path: ['note'],
      })
      .refine((v) => v.action !== 'assign' || v.assignee !== undefined, { message: 'Say who to assign to.', path: ['assignee'] }),
    output: z.object({ matched: z.number().int(), changed: z.number().int() }),
    mutates: true,
    changes: ['exceptions', 'dashboard'],
  }),
  'exceptions.markets': method({
    summary: 'The markets the market filter can match: those of orders that have an exception, by name.',
    input: z.object({}).strict(),
    output: z.array(z.string()),
    mutates: false,
  }),
  'exceptions.exportCsv': method({
    summary: 'Writes every exception matching a filter (the screen’s current view) to a CSV file in a folder; never overwrites a file.',
    input: z.object({ filter: ExceptionFilter, directory: z.string().trim().min(1).max(1000) }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int() }),
    mutates: false,
  }),
  'exceptions.get': method({
    summary: 'One exception with its history, notes and the orders it holds back.',
    input: z.object({ id: Id }).strict(),
    output: ExceptionDetail,
    mutates: false,
  }),
  'exceptions.acknowledge': method({
    summary: 'Someone is on it: open → acknowledged.',
    input: z.object({ ids: Ids, actor: Person, note: Note.optional() }).strict(),
    output: BulkResult,
    mutates: true,
    changes: ['exceptions', 'dashboard'],
  }),
  'exceptions.resolve': method({
    summary: 'Mark as resolved by hand (it also resolves itself when the cause goes away).',
    input: z.object({ ids: Ids, actor: Person, note: Note.optional() }).strict(),
    output: BulkResult,
    mutates: true,
    changes: ['exceptions', 'dashboard'],
  }),
  'exceptions.ignore': method({
    summary: 'Ignore with a reason, e.g. a test order; the reason is kept in the history.',
    input: z.object({ ids: Ids, actor: Person, reason: Note.min(3) }).strict(),
    output: BulkResult,
    mutates: true,
    changes: ['exceptions', 'dashboard'],
  }),
  'exceptions.reopen': method({
    summary: 'Reopen a resolved or ignored exception, with a reason.',
    input: z.object({ ids: Ids, actor: Person, reason: Note.min(3) }).strict(),
    output: BulkResult,
    mutates: true,
    changes: ['exceptions', 'dashboard'],
  }),
  'exceptions.assign': method({
    summary: 'Give exceptions to a person (or take them back with null).',
    input: z.object({ ids: Ids, actor: Person, assignee: Person.nullable() }).strict(),
    output: BulkResult,
    mutates: true,
    changes: ['exceptions'],
  }),
  'exceptions.addNote': method({
    summary: 'Add a note to the history of an exception.',
    input: z.object({ id: Id, actor: Person, note: Note.min(1) }).strict(),
    output: ExceptionEvent,
    mutates: true,
    changes: ['exceptions'],
  }),
  'exceptions.retry': method({
    summary: 'After a fix: post again every order these exceptions hold back, in one run.',
    input: z.object({ ids: Ids, actor: Person }).strict(),
    output: z.object({ runId: Id.nullable(), orders: z.number().int() }),
    mutates: true,
    changes: ['exceptions', 'sync', 'dashboard'],
  }),
}
