import { z } from 'zod'
import { method } from './define'
import { Empty, IsoDateTime, RunStatus, Team } from './common'

export const DashboardSummary = z.object({
  ordersSynced: z.number().int(),
  ordersPosted: z.number().int(),
  ordersBlocked: z.number().int(),
  openExceptions: z.number().int(),
  openExceptionsByTeam: z.record(Team, z.number().int()),
  /** posted orders whose ERP figures differ from Centra's by rounding only (recorded, explained) */
  ordersWithRounding: z.number().int(),
  /** posted orders whose ERP figures differ beyond tolerance (each has a finance exception) */
  ordersWithMismatch: z.number().int(),
  lastSyncAt: IsoDateTime.nullable(),
  /** when Centra or the ERP became unreachable; null while they answer. Data shown is as of lastSyncAt. */
  offlineSince: IsoDateTime.nullable(),
  lastRunStatus: RunStatus.nullable(),
  runningRunId: z.number().int().nullable(),
})
export type DashboardSummary = z.infer<typeof DashboardSummary>

export const dashboardMethods = {
  'dashboard.summary': method({
    summary: 'Headline numbers for the overview: orders synced and posted, open exceptions, last sync.',
    input: Empty,
    output: DashboardSummary,
    mutates: false,
  }),
}
