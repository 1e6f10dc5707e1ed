/** Push events from core to every connected UI. Payloads are validated before they leave core. */
import { z } from 'zod'
import { RunCounters, RunStatus, SyncJob } from './contract/common'
import { Alert } from './contract/monitoring'
import { UpdateState } from './contract/updates'

export const events = {
  'sync.progress': z.object({
    runId: z.number().int(),
    job: SyncJob,
    phase: z.enum(['fetching', 'posting', 'finishing']),
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string(),
  }),
  'sync.finished': z.object({
    runId: z.number().int(),
    job: SyncJob,
    status: RunStatus,
    counters: RunCounters,
    error: z.string().nullable(),
    /** the run stopped because Centra or the ERP could not be reached: a state to wait out, not a failure */
    offline: z.boolean().optional(),
  }),
  'data.changed': z.object({ areas: z.array(z.string()) }),
  /** new alerts for teams that asked for desktop notifications, oldest first; each key is pushed once */
  'alerts.raised': z.object({ alerts: z.array(Alert).min(1) }),
  /** from the desktop shell, not core: a desktop notification was clicked; the window shows this screen */
  'alerts.opened': z.object({ route: z.string().max(40) }),
  /** from the desktop shell, not core: what the updater is doing */
  'updates.state': UpdateState,
  /** from the desktop shell, not core: the engine process is starting, ready, or could not start */
  'core.status': z.object({ state: z.enum(['starting', 'ready', 'failed']), message: z.string().optional() }),
} as const

export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)
}
