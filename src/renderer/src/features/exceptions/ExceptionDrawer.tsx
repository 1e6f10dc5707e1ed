import { Badge, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core'
import type { ExceptionRow } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, formatDateTime, formatRelative, TEAM_LABEL } from '../../components/format'
import { categoryLabel, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_LABEL } from './labels'

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  )
}

/** Detail of one exception: what happened, to what, and its history from `exceptions.get`. */
export function ExceptionDrawer({ row, onClose }: { row: ExceptionRow | null; onClose: () => void }) {
  const detail = useQuery('exceptions.get', { id: row?.id ?? 1 }, { enabled: row !== null, refreshOn: ['exceptions'] })
  const current = detail.data && row && detail.data.exception.id === row.id ? detail.data : undefined
  const ex = current?.exception ?? row
  return (
    <Drawer opened={row !== null} onClose={onClose} position="right" size="lg" title={ex?.title ?? ''} data-testid="exception-drawer">
      {ex && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color={SEVERITY_COLOR[ex.severity]} variant="light">
              {SEVERITY_LABEL[ex.severity]} severity
            </Badge>
            <Badge variant="outline">{STATUS_LABEL[ex.status]}</Badge>
            <Badge variant="default">{TEAM_LABEL[ex.team]}</Badge>
          </Group>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="exception-detail">
            {ex.detail}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label="About">
              {ex.objectType} {ex.objectRef}
            </Fact>
            <Fact label="Kind of problem">{categoryLabel(ex.category)}</Fact>
            <Fact label="First seen">{formatDateTime(ex.firstSeenAt)}</Fact>
            <Fact label="Last seen">
              {formatDateTime(ex.lastSeenAt)} ({formatRelative(ex.lastSeenAt)})
            </Fact>
            <Fact label="Times seen">{formatCount(ex.occurrences)}</Fact>
            <Fact label="Assigned to">{ex.assignee ?? 'Nobody yet'}</Fact>
          </SimpleGrid>
          {ex.statusReason && <Fact label="Reason">{ex.statusReason}</Fact>}
          {detail.loading && <Loader size="sm" aria-label="Loading history" />}
          {detail.error && <ErrorNote error={detail.error} onRetry={detail.refetch} title="The history could not be loaded" />}
          {current && current.affectedOrders.length > 0 && (
            <>
              <Divider label="Orders held back" labelPosition="left" />
              <Table verticalSpacing={4} data-testid="affected-orders">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Order</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {current.affectedOrders.map((o) => (
                    <Table.Tr key={o.centraId}>
                      <Table.Td>{o.number}</Table.Td>
                      <Table.Td>{formatDateTime(o.orderDate)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(o.grandTotalMinor, o.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {current && current.events.length > 0 && (
            <>
              <Divider label="History" labelPosition="left" />
              <Timeline bulletSize={12} lineWidth={2}>
                {current.events.map((e) => (
                  <Timeline.Item key={e.id} title={e.toStatus ? `${STATUS_LABEL[e.toStatus]}` : categoryLabel(e.kind)}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at)} · {e.actor}
                    </Text>
                    {e.note && <Text size="sm">{e.note}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  )
}
