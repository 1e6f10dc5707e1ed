import { Card, Text, Title } from '@mantine/core'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { RunsTable } from '../../components/RunsTable'

export function RecentRuns() {
  const runs = useQuery('sync.listRuns', { limit: 10 }, { refreshOn: ['sync'] })
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={3} size="h4" mb="sm">
        Recent syncs
      </Title>
      {runs.error && <ErrorNote error={runs.error} onRetry={runs.refetch} />}
      {runs.data && runs.data.length === 0 && <Text c="dimmed">No syncs have run yet. Use Sync now to run the first one.</Text>}
      {runs.data && runs.data.length > 0 && <RunsTable runs={runs.data} by="trigger" count="fetched" tableTestId="runs-table" rowTestId="run-row" />}
    </Card>
  )
}
