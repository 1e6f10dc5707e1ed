import { resolve } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { defineHandlers } from '../../rpc/handlers'
import { loadConfig } from '../../workspace/config'
import { listKnownWorkspaces } from '../../workspace/known-workspaces'

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\.?$/, '.')

export const systemHandlers = defineHandlers({
  'system.info': (_input, ctx) => ctx.info(),

  'system.workspaces': (_input, { workspaces, workspaceDir }) => ({
    workspacesRoot: workspaces.root,
    switchable: workspaces.open !== null,
    workspaces: listKnownWorkspaces(workspaces, workspaceDir),
  }),

  'system.openWorkspace': async ({ dir }, { workspaces, workspaceDir, info }) => {
    const target = resolve(dir)
    const current = info().workspaceName
    if (target === resolve(workspaceDir)) return { dir: target, name: current }
    if (!workspaces.open) {
      throw new AppError('unavailable', 'This Instep cannot switch workspaces while it runs. Start it again with --workspace and the folder.')
    }
    // Read its settings here first: the usual reasons a workspace cannot open are told before anything restarts.
    let name: string
    try {
      name = loadConfig(target).name
    } catch (e) {
      throw new AppError('invalid_input', `The workspace at ${target} cannot be opened: ${reason(e)} You are still in "${current}".`)
    }
    try {
      await workspaces.open(target)
    } catch (e) {
      throw new AppError('unavailable', `The workspace "${name}" could not be opened: ${reason(e)} You are still in "${current}".`)
    }
    return { dir: target, name }
  },
})
