import '@mantine/charts/styles.css'
import { BarChart, LineChart } from '@mantine/charts'
import { Anchor, Card, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { Team, TrendDay } from '@shared/contract'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { ErrorNote } from '../../components/ErrorNote'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { formatCount, TEAM_LABEL } from '../../components/format'
import { dayLabel, TrendDayDrawer } from './TrendDayDrawer'

const LIVE: ('open' | 'acknowledged')[] = ['open', 'acknowledged']
const BUCKETS = [
  { key: 'underHour', label: 'Under 1 hour', filter: { newerThanHours: 1 } },
  { key: 'underDay', label: 'Under 1 day', filter: { olderThanHours: 1, newerThanHours: 24 } },
  { key: 'underWeek', label: 'Under 1 week', filter: { olderThanHours: 24, newerThanHours: 24 * 7 } },
  { key: 'older', label: 'Older', filter: { olderThanHours: 24 * 7 } },
] as const

const percent = (n: number, of: number) => (of === 0 ? '0 %' : `${((n / of) * 100).toFixed(1)} %`)

/** The last 30 days per day, open exceptions by age, throughput and error rate: all from `monitoring.trends`. */
export function TrendsPanel() {
  const navigate = useNavigate()
  const trends = useQuery('monitoring.trends', { days: 30 }, { refreshOn: ['sync', 'exceptions', 'dashboard'] })
  const [openDay, setOpenDay] = useState<string | null>(null)
  if (trends.error) return <ErrorNote error={trends.error} onRetry={trends.refetch} title="Trends could not be loaded" />
  const t = trends.data
  if (!t) return <Skeleton h={260} radius="md" />
  const days = t.days.map((d) => ({ ...d, day: d.day.slice(5) }))
  const open = (team: Team | null, extra: object = {}) => openExceptionsWith({ status: LIVE, ...(team ? { team: [team] } : {}), ...extra }, navigate)
  // A click anywhere over a day's column opens that day (recharts reports the column's index).
  const onChartClick = (state: { activeTooltipIndex?: number | string | null }) => {
    const d = t.days[Number(state.activeTooltipIndex)]
    if (state.activeTooltipIndex != null && d) setOpenDay(d.day)
  }
  const dayRow: TrendDay | null = t.days.find((d) => d.day === openDay) ?? null
  // The same days as a list, for the keyboard and screen readers (a chart column is not focusable).
  const dayPicker = (
    <Select
      size="xs"
      w={220}
      placeholder="Open a day…"
      aria-label="Open the rows of one day"
      data={[...t.days].reverse().map((d) => ({ value: d.day, label: dayLabel(d.day) }))}
      value={null}
      onChange={(v) => v && setOpenDay(v)}
      searchable
      data-testid="trend-open-day"
    />
  )
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Orders per day (last 30 days)
            </Title>
            {dayPicker}
          </Group>
          <div data-testid="trend-chart" style={{ cursor: 'pointer' }} title="Click a day to see its syncs">
            <LineChart
              h={220}
              data={days}
              dataKey="day"
              series={[
                { name: 'ordersSynced', label: 'Read from Centra', color: 'blue.6' },
                { name: 'ordersPosted', label: 'Posted to the ERP', color: 'teal.6' },
              ]}
              withLegend
              curveType="monotone"
              lineChartProps={{ onClick: onChartClick }}
            />
          </div>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="xs">
            Exceptions and failed syncs per day
          </Title>
          <div data-testid="trend-chart-exceptions" style={{ cursor: 'pointer' }} title="Click a day to see its exceptions and syncs">
            <BarChart
              h={220}
              data={days}
              dataKey="day"
              series={[
                { name: 'exceptionsOpened', label: 'Exceptions opened', color: 'orange.6' },
                { name: 'exceptionsClosed', label: 'Exceptions closed', color: 'teal.6' },
                { name: 'failedRuns', label: 'Failed syncs', color: 'red.6' },
                // a sync that could not reach Centra or the ERP is a wait, not an error: its own grey bar
                { name: 'offlineRuns', label: 'Offline syncs', color: 'gray.5' },
              ]}
              withLegend
              barChartProps={{ onClick: onChartClick }}
            />
          </div>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed" fw={500}>
            Throughput
          </Text>
          <Text size="xl" fw={700} data-testid="stat-throughput">
            {t.throughput.ordersPerMinute.toLocaleString('en-GB')} orders/min
          </Text>
          <Text size="xs" c="dimmed">
            {formatCount(t.throughput.orders)} orders over the last {t.throughput.runs} finished order syncs
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed" fw={500}>
            Error rate (30 days)
          </Text>
          <Text size="xl" fw={700} data-testid="stat-error-rate">
            {percent(t.errorRate.ordersNotPosted, t.errorRate.ordersRead)} of orders
          </Text>
          <Text size="xs" c="dimmed">
            {formatCount(t.errorRate.ordersNotPosted)} of {formatCount(t.errorRate.ordersRead)} orders read were held back or failed;{' '}
            {formatCount(t.errorRate.failedRuns)} of {formatCount(t.errorRate.finishedRuns)} syncs failed
            {t.errorRate.offlineRuns > 0 && `, ${formatCount(t.errorRate.offlineRuns)} more could not reach Centra or the ERP (offline, not counted as failed)`} (see
            Recent runs below)
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed" fw={500}>
            Open exceptions, by team and age
          </Text>
          <Table verticalSpacing={2} data-testid="exception-ages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {BUCKETS.map((b) => (
                  <Table.Th key={b.key} ta="right">
                    <Text size="xs">{b.label}</Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.ages.map((a) => (
                <Table.Tr key={a.team}>
                  <Table.Td>
                    <Anchor component="button" type="button" size="sm" onClick={() => open(a.team)} data-testid={`ages-team-${a.team}`}>
                      {TEAM_LABEL[a.team]}
                    </Anchor>
                  </Table.Td>
                  {BUCKETS.map((b) => (
                    <Table.Td key={b.key} ta="right">
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => open(a.team, b.filter)}
                        data-testid={`age-${a.team}-${b.key}`}
                        aria-label={`${TEAM_LABEL[a.team]}, ${b.label.toLowerCase()}: ${a[b.key]} open. Show them`}
                      >
                        {formatCount(a[b.key])}
                      </Anchor>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Anchor component="button" type="button" size="xs" onClick={() => open(null)}>
              All open exceptions
            </Anchor>
          </Group>
        </Card>
      </SimpleGrid>
      <TrendDayDrawer day={dayRow} onClose={() => setOpenDay(null)} />
    </Stack>
  )
}
