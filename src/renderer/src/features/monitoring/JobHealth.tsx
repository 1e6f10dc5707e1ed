import { Badge, Card, Table, Text, Title } from '@mantine/core'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatDateTime, formatDuration, formatRelative } from '../../components/format'
import { useNow } from '../../components/useNow'

const JOB_LABEL: Record<string, string> = { orders: 'Orders Centra → ERP', fulfilment: 'Shipments ERP → Centra' }

/** Each sync job: when it last succeeded, how far behind that leaves the data, when it runs next. */
export function JobHealth() {
  const now = useNow()
  const jobs = useQuery('sync.jobs', {}, { refreshOn: ['sync', 'dashboard'] })
  return (
    <Card withBorder radius="md" padding="md" data-testid="job-health">
      <Title order={2} size="h4" mb="sm">
        Sync health
      </Title>
      {jobs.error && <ErrorNote error={jobs.error} onRetry={jobs.refetch} title="Sync health could not be loaded" />}
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th>Last success</Table.Th>
            <Table.Th>Data is behind by</Table.Th>
            <Table.Th>Next run</Table.Th>
            <Table.Th>Health</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(jobs.data ?? []).map((j) => (
            <Table.Tr key={j.job} data-testid="job-health-row" data-job={j.job}>
              <Table.Td>{JOB_LABEL[j.job] ?? j.job}</Table.Td>
              <Table.Td title={formatDateTime(j.lastSuccessAt)}>{j.lastSuccessAt ? formatRelative(j.lastSuccessAt, now) : 'Never'}</Table.Td>
              <Table.Td data-testid="job-lag">{j.lastSuccessAt ? formatDuration(j.lastSuccessAt, null, now) : '—'}</Table.Td>
              <Table.Td>{j.runningRunId ? 'Running now' : j.nextRunAt ? formatRelative(j.nextRunAt, now) : 'Not scheduled'}</Table.Td>
              <Table.Td>
                {j.stale ? (
                  <Badge color="red" variant="light" tt="none" data-testid="job-stale">
                    Late: no success in {j.staleAfterMinutes} min
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" tt="none">
                    On time
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {jobs.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No sync jobs are scheduled.
        </Text>
      )}
    </Card>
  )
}
