import { z } from 'zod'
import { method } from './define'
import { Empty, IsoDateTime, Page, RunStatus, Team } from './common'

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

/** An order counted by the Overview's "Blocked" figure, with the reason it is held back. */
export const HeldOrder = z.object({
  orderNumber: z.number().int(),
  orderDate: IsoDateTime,
  market: z.string().nullable(),
  currency: z.string(),
  grandTotalMinor: z.number().int(),
  /** blocked: waiting on a fix; failed: the ERP refused or could not be reached; needs_review: sent, outcome not seen */
  state: z.enum(['blocked', 'failed', 'needs_review']),
  reason: z.string().nullable(),
  /** when the order was last tried or held */
  since: IsoDateTime,
})
export type HeldOrder = z.infer<typeof HeldOrder>

/** An order behind the "Orders synced" or "Posted to ERP" figure. */
export const OverviewOrder = z.object({
  orderNumber: z.number().int(),
  orderDate: IsoDateTime,
  market: z.string().nullable(),
  currency: z.string(),
  grandTotalMinor: z.number().int(),
  /** the posting state; null when the order has not been planned for posting yet */
  postingState: z.string().nullable(),
  erpNumber: z.string().nullable(),
})
export type OverviewOrder = z.infer<typeof OverviewOrder>

export const dashboardMethods = {
  'dashboard.summary': method({
    summary: 'Headline numbers for the overview: orders synced and posted, open exceptions, last sync.',
    input: Empty,
    output: DashboardSummary,
    mutates: false,
  }),
  'dashboard.heldOrders': method({
    summary: 'The orders behind the Blocked figure (held back, failed or needing review), oldest first, paged in SQL; total equals the figure.',
    input: Page,
    output: z.object({ rows: z.array(HeldOrder), total: z.number().int() }),
    mutates: false,
  }),
  'dashboard.orders': method({
    summary: 'The orders behind the Orders synced (every stored order) or Posted to ERP figure, newest first, paged in SQL; total equals the figure.',
    input: Page.extend({ which: z.enum(['synced', 'posted']) }).strict(),
    output: z.object({ rows: z.array(OverviewOrder), total: z.number().int() }),
    mutates: false,
  }),
}
