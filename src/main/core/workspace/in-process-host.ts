/**
 * Runs the core in this process and can put another workspace's core in its place (browser mode).
 * The new core is opened first; only when that worked does it become current, so a workspace that
 * cannot open (a broken settings file, a database from a newer Instep) leaves the current one
 * running untouched. The old core answers the switching call, then closes.
 */
import { createCore, type Core, type CoreOptions } from '../core'
import { appHomeDir } from './paths'
import { recordOpened } from './known-workspaces'

export interface InProcessHost {
  current(): Core
  close(): Promise<void>
}

export interface InProcessHostOptions extends Omit<CoreOptions, 'openWorkspace'> {
  /** told after a switch, e.g. so the browser server sends new connections to the new core */
  onSwitched?: (core: Core) => void
  /** how long the old core stays up to answer the call that switched (ms) */
  closeDelayMs?: number
}

export function hostCoreInProcess(options: InProcessHostOptions): InProcessHost {
  const home = options.workspaces?.home ?? appHomeDir(options.env)
  const closing = new Set<Promise<void>>()
  let core: Core
  const open = async (dir: string): Promise<void> => {
    const next = createCore({ ...options, workspaceDir: dir, openWorkspace: open })
    const old = core
    core = next
    recordOpened(home, dir)
    options.onSwitched?.(next)
    const done = new Promise<void>((resolve) => setTimeout(resolve, options.closeDelayMs ?? 1_000)).then(() => old.close())
    closing.add(done)
    void done.finally(() => closing.delete(done))
  }
  core = createCore({ ...options, openWorkspace: open })
  recordOpened(home, options.workspaceDir)
  return {
    current: () => core,
    async close() {
      await Promise.all(closing)
      await core.close()
    },
  }
}
