import { z } from 'zod'
import { method } from './define'
import { Id, IsoDateTime, Page, Team } from './common'

export const ExceptionStatus = z.enum(['open', 'acknowledged', 'resolved', 'ignored'])
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
})
export type ExceptionRow = z.infer<typeof ExceptionRow>

export const exceptionMethods = {
  'exceptions.list': method({
    summary: 'Exceptions, newest activity first, filtered and paged in SQL.',
    input: Page.extend({
      status: z.array(ExceptionStatus).max(4).optional(),
      team: z.array(Team).max(4).optional(),
    }).strict(),
    output: z.object({ rows: z.array(ExceptionRow), total: z.number().int() }),
    mutates: false,
  }),
}
