import { z } from 'zod'
import { method } from './define'
import { IsoDateTime, Page, Team } from './common'
import { SyncRun } from './sync'

export const TrendDay = z.object({
  /** YYYY-MM-DD (UTC) */
  day: z.string(),
  ordersSynced: z.number().int(),
  ordersPosted: z.number().int(),
  /** runs that failed, not counting those that only could not reach Centra or the ERP */
  failedRuns: z.number().int(),
  /** runs that could not reach Centra or the ERP (stored as failed, with the offline error) */
  offlineRuns: z.number().int(),
  exceptionsOpened: z.number().int(),
  exceptionsClosed: z.number().int(),
})
export type TrendDay = z.infer<typeof TrendDay>

export const AgeBuckets = z.object({
  team: Team,
  underHour: z.number().int(),
  underDay: z.number().int(),
  underWeek: z.number().int(),
  older: z.number().int(),
})
export type AgeBuckets = z.infer<typeof AgeBuckets>

export const Trends = z.object({
  days: z.array(TrendDay),
  /** open + acknowledged exceptions per team by how long ago they were first seen */
  ages: z.array(AgeBuckets),
  /** orders read per minute of run time over the last finished runs */
  throughput: z.object({ runs: z.number().int(), orders: z.number().int(), ordersPerMinute: z.number() }),
  /** over the period: finished runs, failed and offline runs, and orders blocked or failed out of those read */
  errorRate: z.object({
    finishedRuns: z.number().int(),
    failedRuns: z.number().int(),
    offlineRuns: z.number().int(),
    ordersRead: z.number().int(),
    ordersNotPosted: z.number().int(),
  }),
})
export type Trends = z.infer<typeof Trends>

/** `stock_held`: a stock push held for review (its exception, shown as its own kind so it opens the stock screen) */
export const AlertKind = z.enum(['exception', 'sync_failed', 'sync_stale', 'stock_held'])
export const Alert = z.object({
  /** stable: the same problem always has the same key, so it is notified once */
  key: z.string(),
  kind: AlertKind,
  team: Team,
  title: z.string(),
  detail: z.string(),
  at: IsoDateTime,
  exceptionId: z.number().int().nullable(),
  runId: z.number().int().nullable(),
  /** the team asked for desktop notifications */
  desktop: z.boolean(),
})
export type Alert = z.infer<typeof Alert>

export const AlertSettings = z.object({ desktop: z.record(Team, z.boolean()) })
export type AlertSettings = z.infer<typeof AlertSettings>

export const monitoringMethods = {
  'monitoring.trends': method({
    summary: 'Per day for the last N days: orders synced and posted, failed and offline runs, exceptions opened and closed; ages, throughput, error rate.',
    input: z.object({ days: z.number().int().min(1).max(90).default(30) }).strict(),
    output: Trends,
    mutates: false,
  }),
  'monitoring.dayRuns': method({
    summary:
      'The sync runs one day of the trend chart sums (started that UTC day), newest first, paged in SQL, ' +
      'with their totals: orders stored and posted, failed runs, and runs offline (Centra or the ERP out of reach, not counted as failed).',
    input: Page.extend({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is written YYYY-MM-DD.') }).strict(),
    output: z.object({
      rows: z.array(SyncRun),
      total: z.number().int(),
      ordersSynced: z.number().int(),
      ordersPosted: z.number().int(),
      failedRuns: z.number().int(),
      offlineRuns: z.number().int(),
    }),
    mutates: false,
  }),
  'monitoring.alerts': method({
    summary:
      'Alerts newest first: new or reopened high-severity exceptions, failed syncs, stale jobs. ' +
      'Each has a stable key; a repeat occurrence of a live exception raises none.',
    input: z
      .object({
        /** only alerts after this time */
        since: IsoDateTime.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.array(Alert),
    mutates: false,
  }),
  'monitoring.alertSettings': method({
    summary: 'Which teams get desktop notifications.',
    input: z.object({}).strict(),
    output: AlertSettings,
    mutates: false,
  }),
  'monitoring.setAlertSettings': method({
    summary: 'Turn desktop notifications on or off per team.',
    input: z.object({ desktop: z.partialRecord(Team, z.boolean()) }).strict(),
    output: AlertSettings,
    mutates: true,
    changes: ['monitoring'],
  }),
}
