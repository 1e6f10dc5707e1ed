import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { SyncJob } from '@shared/contract'
import type { EventPayload } from '@shared/events'
import { useApi, useEvent, useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatDateTime, formatDuration, formatRelative } from '../../components/format'
import { useNow } from '../../components/useNow'

const JOB_LABEL: Record<string, string> = {
  orders: 'Orders Centra → ERP',
  fulfilment: 'Shipments ERP → Centra',
  stock: 'Stock ERP → Centra (changes)',
  'stock-sweep': 'Stock ERP → Centra (everything)',
}

type Progress = EventPayload<'sync.progress'>

/**
 * Each sync job: when it last succeeded, how far behind that leaves the data, when it runs next,
 * and Sync now for that job with its progress and a Cancel while it runs.
 */
export function JobHealth() {
  const now = useNow()
  const api = useApi()
  const jobs = useQuery('sync.jobs', {}, { refreshOn: ['sync', 'dashboard'] })
  const [progress, setProgress] = useState<Partial<Record<SyncJob, Progress>>>({})
  const [busy, setBusy] = useState<Partial<Record<SyncJob, 'starting' | 'cancelling'>>>({})
  const [error, setError] = useState<string | null>(null)
  useEvent('sync.progress', (p) => setProgress((m) => ({ ...m, [p.job]: p })))
  useEvent('sync.finished', (f) => {
    setProgress((m) => ({ ...m, [f.job]: undefined }))
    setBusy((m) => ({ ...m, [f.job]: undefined }))
  })
  const act = async (job: SyncJob, what: 'starting' | 'cancelling', call: () => Promise<unknown>) => {
    setError(null)
    setBusy((m) => ({ ...m, [job]: what }))
    try {
      await call()
      if (what === 'starting') setBusy((m) => ({ ...m, [job]: undefined }))
    } catch (e) {
      setBusy((m) => ({ ...m, [job]: undefined }))
      setError(`${JOB_LABEL[job] ?? job}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
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
            <Table.Th aria-label="Actions" />
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
              <Table.Td>
                {j.runningRunId !== null ? (
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Text size="xs" c="dimmed" data-testid="job-progress">
                      {progressText(progress[j.job])}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="default"
                      loading={busy[j.job] === 'cancelling'}
                      onClick={() => void act(j.job, 'cancelling', () => api.call('sync.cancel', { runId: j.runningRunId! }))}
                      data-testid="job-cancel"
                    >
                      Cancel
                    </Button>
                  </Group>
                ) : (
                  <Group justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={busy[j.job] === 'starting'}
                      onClick={() => void act(j.job, 'starting', () => api.call('sync.runNow', { job: j.job }))}
                      data-testid="job-sync-now"
                    >
                      Sync now
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error && (
        <Text size="sm" c="red" mt="xs" data-testid="job-action-error">
          {error}
        </Text>
      )}
      {jobs.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No sync jobs are scheduled.
        </Text>
      )}
    </Card>
  )
}

function progressText(p: Progress | undefined): string {
  if (!p) return 'Running…'
  return p.total !== null ? `${p.done} of ${p.total}` : `${p.done} done`
}
