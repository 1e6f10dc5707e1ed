import { Stack, Text, Title } from '@mantine/core'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { AlertsPanel } from '../monitoring/AlertsPanel'
import { JobHealth } from '../monitoring/JobHealth'
import { HeadlineCards } from './HeadlineCards'
import { TrendsPanel } from '../monitoring/TrendsPanel'
import { RecentRuns } from './RecentRuns'
import { StatCards } from './StatCards'
import { SyncPanel } from './SyncPanel'

export function OverviewPage() {
  const summary = useQuery('dashboard.summary', {}, { refreshOn: ['dashboard', 'sync', 'exceptions', 'orders'] })
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Overview
        </Title>
        <Text c="dimmed">How well Centra and the ERP are in step right now.</Text>
      </div>
      {summary.error && <ErrorNote error={summary.error} onRetry={summary.refetch} title="The overview could not be loaded" />}
      <StatCards summary={summary.data} />
      <SyncPanel summary={summary.data} />
      <JobHealth />
      <HeadlineCards />
      <TrendsPanel />
      <AlertsPanel />
      <RecentRuns />
    </Stack>
  )
}
