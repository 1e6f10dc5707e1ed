import { Anchor, Group, Stack, Text, Title } from '@mantine/core'
import type { TrendDay } from '@shared/contract'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { formatCount } from '../../components/format'
import { PagedDrawer, PagedRows, usePaging } from '../../components/PagedDrawer'
import { RunsTable } from '../../components/RunsTable'

export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/**
 * One day of the trend charts opened: the sync runs the day's bars add up (runs started that UTC
 * day, with their counters) and the exceptions opened and closed that day, each count opening the
 * Exceptions screen filtered to that day. Runs that could not reach Centra or the ERP are counted
 * apart as offline, as the chart counts them.
 */
export function TrendDayDrawer({ day, onClose }: { day: TrendDay | null; onClose: () => void }) {
  const navigate = useNavigate()
  const paging = usePaging()
  const runs = useQuery(
    'monitoring.dayRuns',
    { day: day?.day ?? '2000-01-01', limit: paging.limit, offset: paging.offset },
    { enabled: day !== null, refreshOn: ['sync', 'dashboard'] },
  )
  return (
    <PagedDrawer opened={day !== null} onClose={onClose} paging={paging} title={`${day ? dayLabel(day.day) : ''} (UTC)`} testId="trend-day">
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
            <PagedRows query={runs} paging={paging} skeleton={80}>
              {(r) => (
                <>
                  <Text size="sm" data-testid="trend-day-totals">
                    {r.total === 0
                      ? 'No sync ran that day.'
                      : `${formatCount(r.total)} sync${r.total === 1 ? '' : 's'}: ${formatCount(r.ordersSynced)} orders read and stored, ${formatCount(r.ordersPosted)} posted to the ERP, ${formatCount(r.failedRuns)} failed` +
                        (r.offlineRuns > 0 ? `, ${formatCount(r.offlineRuns)} offline (Centra or the ERP out of reach)` : '')}
                  </Text>
                  {r.total > 0 && <RunsTable runs={r.rows} by="job" count="stored" dense rowTestId="trend-day-run" />}
                </>
              )}
            </PagedRows>
          </Stack>
        </Stack>
      )}
    </PagedDrawer>
  )
}
