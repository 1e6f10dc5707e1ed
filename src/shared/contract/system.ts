import { z } from 'zod'
import { method } from './define'
import { Empty } from './common'

export const SystemInfo = z.object({
  appVersion: z.string(),
  workspaceName: z.string(),
  workspaceDir: z.string(),
  demo: z.boolean(),
  mode: z.enum(['electron', 'browser', 'cli', 'test']),
  schemaVersion: z.number().int(),
  erpKind: z.enum(['business-central', 'file-exchange']),
})
export type SystemInfo = z.infer<typeof SystemInfo>

export const systemMethods = {
  'system.info': method({
    summary: 'Which workspace is open, in which mode, on which schema version.',
    input: Empty,
    output: SystemInfo,
    mutates: false,
  }),
}
