/** The scheduler's view of the schedule settings: one entry per job, interval and late-after. */
import type { SyncJob } from '../../../shared/contract'
import type { JobSchedule } from '../sync/engine/scheduler'
import type { ScheduleSettings } from './config'

/** The config keys of each job's interval and late-after threshold. */
export const SCHEDULE_KEYS = {
  orders: { every: 'ordersEveryMinutes', staleAfter: 'ordersStaleAfterMinutes' },
  fulfilment: { every: 'fulfilmentEveryMinutes', staleAfter: 'fulfilmentStaleAfterMinutes' },
  stock: { every: 'stockEveryMinutes', staleAfter: 'stockStaleAfterMinutes' },
  'stock-sweep': { every: 'stockSweepEveryMinutes', staleAfter: 'stockSweepStaleAfterMinutes' },
} as const satisfies Record<SyncJob, { every: keyof ScheduleSettings; staleAfter: keyof ScheduleSettings }>

export function jobSchedules(schedule: ScheduleSettings): JobSchedule[] {
  return (Object.keys(SCHEDULE_KEYS) as SyncJob[]).map((job) => ({
    job,
    everyMinutes: schedule[SCHEDULE_KEYS[job].every],
    staleAfterMinutes: schedule[SCHEDULE_KEYS[job].staleAfter],
  }))
}
