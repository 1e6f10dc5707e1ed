import { Badge, Tooltip } from '@mantine/core'
import type { RunStatus } from '@shared/contract'
import { runStatusWord, STATUS_COLOR } from './format'

/** A run's outcome; a 'partial' run finished but left some orders waiting on a fix. */
/** `compact` for narrow places such as the Last sync card. */
/** `offline`: the run failed only because Centra or the ERP could not be reached (a state, not a failure). */
export function RunStatusBadge({ status, compact = false, offline = false }: { status: RunStatus; compact?: boolean; offline?: boolean }) {
  if (status === 'partial') {
    return (
      <Tooltip label="The sync finished, but some orders are waiting on a fix (see Exceptions)">
        <Badge variant="light" tt="none" color="yellow">
          {compact ? 'With exceptions' : 'Completed with exceptions'}
        </Badge>
      </Tooltip>
    )
  }
  const word = offline && status === 'failed' ? 'Offline' : runStatusWord(status)
  return (
    <Badge variant="light" tt="none" color={STATUS_COLOR[word]}>
      {word}
    </Badge>
  )
}
