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

export const KnownWorkspace = z.object({
  dir: z.string(),
  name: z.string(),
  demo: z.boolean(),
  /** the one open now */
  current: z.boolean(),
  lastOpenedAt: z.string().nullable(),
  /** why it cannot be opened (missing, unreadable settings), or null */
  problem: z.string().nullable(),
})
export type KnownWorkspace = z.infer<typeof KnownWorkspace>

export const systemMethods = {
  'system.info': method({
    summary: 'Which workspace is open, in which mode, on which schema version.',
    input: Empty,
    output: SystemInfo,
    mutates: false,
  }),
  'system.workspaces': method({
    summary: 'The workspaces this computer knows: recently opened ones and every one in the workspaces folder, the open one marked.',
    input: Empty,
    output: z.object({ workspacesRoot: z.string(), switchable: z.boolean(), workspaces: z.array(KnownWorkspace) }),
    mutates: false,
  }),
  'system.openWorkspace': method({
    summary:
      'Open another workspace in place of this one: the engine restarts on it and the windows reload. ' +
      'A workspace that cannot be opened is refused with the reason, and the current one stays open.',
    input: z.object({ dir: z.string().trim().min(1).max(1000) }).strict(),
    output: z.object({ dir: z.string(), name: z.string() }),
    mutates: true,
    changes: ['system'],
  }),
}
