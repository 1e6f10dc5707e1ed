import { Badge, Tooltip } from '@mantine/core'
import type { RunStatus } from '@shared/contract'
import { runStatusWord, STATUS_COLOR } from './format'

/** A run's outcome; a 'partial' run finished but left some orders waiting on a fix. */
/** `compact` for narrow places such as the Last sync card. */
export function RunStatusBadge({ status, compact = false }: { status: RunStatus; compact?: boolean }) {
  if (status === 'partial') {
    return (
      <Tooltip label="The sync finished, but some orders are waiting on a fix (see Exceptions)">
        <Badge variant="light" tt="none" color="yellow">
          {compact ? 'With exceptions' : 'Completed with exceptions'}
        </Badge>
      </Tooltip>
    )
  }
  const word = runStatusWord(status)
  return (
    <Badge variant="light" tt="none" color={STATUS_COLOR[word]}>
      {word}
    </Badge>
  )
}
