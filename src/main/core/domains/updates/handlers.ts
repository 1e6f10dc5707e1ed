/**
 * Updates are installed by the desktop app's main process; the preload sends these methods
 * there. When they reach the core (browser mode, CLI) there is nothing to update in place.
 */
import { AppError } from '../../../../shared/errors'
import { defineHandlers } from '../../rpc/handlers'

const NOT_HERE = 'Updates come with the installed Instep app. This copy runs in a browser or from the command line: update it with your package manager.'
const refuse = () => {
  throw new AppError('unavailable', NOT_HERE)
}

export const updateHandlers = defineHandlers({
  'updates.status': () => ({ state: 'idle' as const, message: NOT_HERE, checkedAt: null }),
  'updates.check': refuse,
  'updates.download': refuse,
  'updates.restart': refuse,
})
