import { Table, Text } from '@mantine/core'
import type { SyncRun } from '@shared/contract'
import { isOfflineError } from '@shared/offline'
import { RunStatusBadge } from './RunStatusBadge'
import { formatCount, formatDateTime, formatDuration } from './format'

// Partial: a trigger or job added to the contract later still shows (as its code) until it gets a label.
const TRIGGER_LABEL: Partial<Record<SyncRun['trigger'], string>> = {
  manual: 'Sync now',
  schedule: 'Schedule',
  cli: 'Command line',
  'demo-setup': 'Demo set-up',
  retry: 'Retry after a fix',
}

const JOB_LABEL: Partial<Record<SyncRun['job'], string>> = {
  orders: 'Orders',
  fulfilment: 'Shipments',
  stock: 'Stock (changes)',
  'stock-sweep': 'Stock (everything)',
}

/**
 * Sync runs, newest first. A run that only could not reach Centra or the ERP reads Offline, its
 * message not in red: Instep waits that out, nobody has to fix it.
 * `by`: the second column names who started the run (trigger) or which job it was.
 * `count`: orders read from Centra (fetched) or read and stored (stored, what the trend chart sums).
 * `dense` for a drawer: smaller rows and badges.
 */
export function RunsTable(props: {
  runs: SyncRun[]
  by: 'trigger' | 'job'
  count: 'fetched' | 'stored'
  dense?: boolean
  tableTestId?: string
  rowTestId: string
}) {
  const dense = props.dense ?? false
  return (
    <Table.ScrollContainer minWidth={dense ? 640 : 720}>
      <Table striped verticalSpacing={dense ? 4 : 'xs'} data-testid={props.tableTestId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>{props.by === 'job' ? 'Job' : 'Started by'}</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Took</Table.Th>
            <Table.Th ta="right">{props.count === 'stored' ? 'Stored' : 'Read'}</Table.Th>
            <Table.Th ta="right">Posted</Table.Th>
            <Table.Th ta="right">Waiting on a fix</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.runs.map((run) => {
            const offline = isOfflineError(run.error)
            return (
              <Table.Tr key={run.id} data-testid={props.rowTestId}>
                <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                <Table.Td>{props.by === 'job' ? (JOB_LABEL[run.job] ?? run.job) : (TRIGGER_LABEL[run.trigger] ?? run.trigger)}</Table.Td>
                <Table.Td>
                  <RunStatusBadge status={run.status} offline={offline} compact={dense} />
                </Table.Td>
                <Table.Td>{run.status === 'running' ? 'Still running' : formatDuration(run.startedAt, run.finishedAt)}</Table.Td>
                <Table.Td ta="right">{formatCount(run.counters[props.count])}</Table.Td>
                <Table.Td ta="right">{formatCount(run.counters.posted)}</Table.Td>
                <Table.Td ta="right">{formatCount(run.counters.blocked + run.counters.failed)}</Table.Td>
                <Table.Td>
                  <Text size={dense ? 'xs' : 'sm'} c={run.error && !offline ? 'red.8' : 'dimmed'} lineClamp={2}>
                    {run.error ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
