import { Anchor, Badge, Drawer, Group, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import type { HeldOrder } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { ErrorNote } from '../../components/ErrorNote'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { formatCount, formatDateTime } from '../../components/format'
import { OrderTraceLink } from '../../components/traceLink'

const PAGE = 50

const STATE_LABEL: Record<HeldOrder['state'], { label: string; color: string }> = {
  blocked: { label: 'Waiting on a fix', color: 'orange' },
  failed: { label: 'ERP refused or unreachable', color: 'red' },
  needs_review: { label: 'Outcome not seen', color: 'grape' },
}

/**
 * The orders behind the Overview's "Blocked" figure, oldest first, with why each is held back.
 * The core counts the figure and lists these rows from one list of posting states, so the count at
 * the top is the figure the user clicked.
 */
export function HeldOrdersDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate()
  const [page, setPage] = useState(1)
  const q = useQuery('dashboard.heldOrders', { limit: PAGE, offset: (page - 1) * PAGE }, { enabled: opened, refreshOn: ['sync', 'exceptions', 'dashboard', 'orders'] })
  const total = q.data?.total ?? 0
  return (
    <Drawer
      opened={opened}
      onClose={() => {
        setPage(1)
        onClose()
      }}
      position="right"
      size="xl"
      title={<Text fw={600}>Orders held back</Text>}
      data-testid="held-orders"
    >
      <Stack gap="sm">
        {q.error && <ErrorNote error={q.error} onRetry={q.refetch} title="The held orders could not be loaded" />}
        {!q.data && !q.error && <Skeleton h={120} />}
        {q.data && (
          <>
            <Text size="sm" c="dimmed" data-testid="held-orders-total">
              {total === 0
                ? 'No order is held back: every order read is in the ERP or on its way.'
                : `${formatCount(total)} order${total === 1 ? ' is' : 's are'} not in the ERP yet. Open an order to see its whole path; fix the cause on Exceptions and the next sync sends it.`}
            </Text>
            {total > 0 && (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing={6} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Order</Table.Th>
                      <Table.Th>Placed</Table.Th>
                      <Table.Th>Market</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                      <Table.Th>Why it is held back</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {q.data.rows.map((r) => (
                      <Table.Tr key={r.orderNumber} data-testid="held-order-row">
                        <Table.Td>
                          <OrderTraceLink orderNumber={r.orderNumber} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(r.orderDate)}</Table.Td>
                        <Table.Td>{r.market ?? '—'}</Table.Td>
                        <Table.Td ta="right">{formatMoney(r.grandTotalMinor, r.currency)}</Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" tt="none" color={STATE_LABEL[r.state].color}>
                            {STATE_LABEL[r.state].label}
                          </Badge>
                          <Text size="xs" lineClamp={2} mt={2}>
                            {r.reason ?? 'No reason recorded'}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Group justify="space-between">
              {total > PAGE ? <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} size="sm" /> : <span />}
              <Anchor component="button" type="button" size="sm" onClick={() => openExceptionsWith({ status: ['open', 'acknowledged'] }, navigate)}>
                See open exceptions
              </Anchor>
            </Group>
          </>
        )}
      </Stack>
    </Drawer>
  )
}
