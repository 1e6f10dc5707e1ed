import { z } from 'zod'
import { method } from './define'
import { Empty, IsoDateTime } from './common'

/**
 * What the desktop app's updater is doing, shown as is. Updates are handled by Electron main;
 * in browser mode and the CLI these methods say updates come with the installed app.
 */
export const UpdateState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle'), message: z.string().nullable(), checkedAt: IsoDateTime.nullable() }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('available'), version: z.string(), releaseNotes: z.string().nullable() }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number(), transferredBytes: z.number(), totalBytes: z.number() }),
  z.object({
    state: z.literal('ready'),
    version: z.string(),
    releaseNotes: z.string().nullable(),
    restartPending: z.boolean(),
    message: z.string().nullable(),
  }),
  z.object({ state: z.literal('installing'), version: z.string() }),
  z.object({ state: z.literal('error'), code: z.string(), message: z.string() }),
])
export type UpdateState = z.infer<typeof UpdateState>

export const UPDATE_METHODS = ['updates.status', 'updates.check', 'updates.download', 'updates.restart'] as const
export type UpdateMethod = (typeof UPDATE_METHODS)[number]

/** Update methods are answered by main, which alone runs the updater. */
export const isUpdateMethod = (m: unknown): m is UpdateMethod => (UPDATE_METHODS as readonly unknown[]).includes(m)

export const updateMethods = {
  'updates.status': method({ summary: 'What the updater is doing now.', input: Empty, output: UpdateState, mutates: false }),
  'updates.check': method({ summary: 'Look for a new version now.', input: Empty, output: UpdateState, mutates: true }),
  'updates.download': method({ summary: 'Download the new version (checked against its published checksum).', input: Empty, output: UpdateState, mutates: true }),
  'updates.restart': method({
    summary: 'Restart to install the downloaded version — after the running sync, never in the middle of it.',
    input: Empty,
    output: UpdateState,
    mutates: true,
  }),
}
