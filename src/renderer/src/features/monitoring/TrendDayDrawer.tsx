import { Anchor, Drawer, Group, Pagination, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { TrendDay } from '@shared/contract'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { ErrorNote } from '../../components/ErrorNote'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { RunStatusBadge } from '../../components/RunStatusBadge'
import { formatCount, formatDateTime, formatDuration } from '../../components/format'

const PAGE = 50

const JOB_LABEL: Record<string, string> = {
  orders: 'Orders',
  fulfilment: 'Shipments',
  stock: 'Stock (changes)',
  'stock-sweep': 'Stock (everything)',
}

export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/**
 * One day of the trend charts opened: the sync runs the day's bars add up (runs started that UTC
 * day, with their counters) and the exceptions opened and closed that day, each count opening the
 * Exceptions screen filtered to that day.
 */
export function TrendDayDrawer({ day, onClose }: { day: TrendDay | null; onClose: () => void }) {
  const navigate = useNavigate()
  const [page, setPage] = useState(1)
  const runs = useQuery(
    'monitoring.dayRuns',
    { day: day?.day ?? '2000-01-01', limit: PAGE, offset: (page - 1) * PAGE },
    { enabled: day !== null, refreshOn: ['sync', 'dashboard'] },
  )
  const r = runs.data
  return (
    <Drawer
      opened={day !== null}
      onClose={() => {
        setPage(1)
        onClose()
      }}
      position="right"
      size="xl"
      title={<Text fw={600}>{day ? dayLabel(day.day) : ''} (UTC)</Text>}
      data-testid="trend-day"
    >
      {day && (
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={3} size="h5">
              Exceptions
            </Title>
            <Group gap="lg">
              <Anchor component="button" type="button" size="sm" onClick={() => openExceptionsWith({ openedOn: day.day }, navigate)} data-testid="trend-day-opened">
                {formatCount(day.exceptionsOpened)} opened that day
              </Anchor>
              <Anchor component="button" type="button" size="sm" onClick={() => openExceptionsWith({ closedOn: day.day }, navigate)} data-testid="trend-day-closed">
                {formatCount(day.exceptionsClosed)} resolved or ignored that day
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              Whatever their status now: an exception opened that day may be closed since.
            </Text>
          </Stack>
          <Stack gap={4}>
            <Title order={3} size="h5">
              Syncs started that day
            </Title>
            {runs.error && <ErrorNote error={runs.error} onRetry={runs.refetch} />}
            {!r && !runs.error && <Skeleton h={80} />}
            {r && (
              <Text size="sm" data-testid="trend-day-totals">
                {r.total === 0
                  ? 'No sync ran that day.'
                  : `${formatCount(r.total)} sync${r.total === 1 ? '' : 's'}: ${formatCount(r.ordersSynced)} orders read and stored, ${formatCount(r.ordersPosted)} posted to the ERP, ${formatCount(r.failedRuns)} failed`}
              </Text>
            )}
            {r && r.total > 0 && (
              <Table.ScrollContainer minWidth={640}>
                <Table striped verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Started</Table.Th>
                      <Table.Th>Job</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <Table.Th>Took</Table.Th>
                      <Table.Th ta="right">Stored</Table.Th>
                      <Table.Th ta="right">Posted</Table.Th>
                      <Table.Th ta="right">Waiting on a fix</Table.Th>
                      <Table.Th>Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.rows.map((run) => (
                      <Table.Tr key={run.id} data-testid="trend-day-run">
                        <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                        <Table.Td>{JOB_LABEL[run.job] ?? run.job}</Table.Td>
                        <Table.Td>
                          <RunStatusBadge status={run.status} compact />
                        </Table.Td>
                        <Table.Td>{run.status === 'running' ? 'Still running' : formatDuration(run.startedAt, run.finishedAt)}</Table.Td>
                        <Table.Td ta="right">{formatCount(run.counters.stored)}</Table.Td>
                        <Table.Td ta="right">{formatCount(run.counters.posted)}</Table.Td>
                        <Table.Td ta="right">{formatCount(run.counters.blocked + run.counters.failed)}</Table.Td>
                        <Table.Td>
                          <Text size="xs" c={run.error ? 'red.8' : 'dimmed'} lineClamp={2}>
                            {run.error ?? '—'}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {r && r.total > PAGE && <Pagination total={Math.ceil(r.total / PAGE)} value={page} onChange={setPage} size="sm" />}
          </Stack>
        </Stack>
      )}
    </Drawer>
  )
}
