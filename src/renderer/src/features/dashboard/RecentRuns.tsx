import { Card, Table, Text, Title } from '@mantine/core'
import type { SyncRun } from '@shared/contract'
import { isOfflineError } from '@shared/offline'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { RunStatusBadge } from '../../components/RunStatusBadge'
import { formatCount, formatDateTime, formatDuration } from '../../components/format'

// Partial: a trigger added to the contract later still shows (as its code) until it gets a label.
const TRIGGER_LABEL: Partial<Record<SyncRun['trigger'], string>> = {
  manual: 'Sync now',
  schedule: 'Schedule',
  cli: 'Command line',
  'demo-setup': 'Demo set-up',
  retry: 'Retry after a fix',
}

export function RecentRuns() {
  const runs = useQuery('sync.listRuns', { limit: 10 }, { refreshOn: ['sync'] })
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={3} size="h4" mb="sm">
        Recent syncs
      </Title>
      {runs.error && <ErrorNote error={runs.error} onRetry={runs.refetch} />}
      {runs.data && runs.data.length === 0 && <Text c="dimmed">No syncs have run yet. Use Sync now to run the first one.</Text>}
      {runs.data && runs.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" data-testid="runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Started by</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Took</Table.Th>
                <Table.Th ta="right">Read</Table.Th>
                <Table.Th ta="right">Posted</Table.Th>
                <Table.Th ta="right">Waiting on a fix</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((run) => (
                <Table.Tr key={run.id} data-testid="run-row">
                  <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                  <Table.Td>{TRIGGER_LABEL[run.trigger] ?? run.trigger}</Table.Td>
                  <Table.Td>
                    <RunStatusBadge status={run.status} offline={isOfflineError(run.error)} />
                  </Table.Td>
                  <Table.Td>{run.status === 'running' ? 'Still running' : formatDuration(run.startedAt, run.finishedAt)}</Table.Td>
                  <Table.Td ta="right">{formatCount(run.counters.fetched)}</Table.Td>
                  <Table.Td ta="right">{formatCount(run.counters.posted)}</Table.Td>
                  <Table.Td ta="right">{formatCount(run.counters.blocked + run.counters.failed)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={run.error && !isOfflineError(run.error) ? 'red.8' : 'dimmed'} lineClamp={2}>
                      {run.error ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  )
}
