import { Drawer, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, formatDateTime } from '../../components/format'
import { OrderTraceLink } from '../../components/traceLink'

const PAGE = 50

export type OrdersFigure = 'synced' | 'posted'

const TITLE: Record<OrdersFigure, string> = { synced: 'Orders read from Centra', posted: 'Orders in the ERP' }

const STATE_LABEL: Record<string, string> = {
  planned: 'Ready to send',
  sending: 'Being sent',
  posted: 'In the ERP',
  failed: 'Sending failed',
  blocked: 'Held back',
  needs_review: 'Needs review',
  withdrawn: 'Cancelled, taken out of the ERP',
}

/**
 * The orders behind "Orders synced" or "Posted to ERP", newest first, paged in SQL. The core
 * counts the total with the same query as the figure, so the two agree.
 */
export function OrdersDrawer({ which, onClose }: { which: OrdersFigure | null; onClose: () => void }) {
  const [page, setPage] = useState(1)
  const q = useQuery(
    'dashboard.orders',
    { which: which ?? 'synced', limit: PAGE, offset: (page - 1) * PAGE },
    { enabled: which !== null, refreshOn: ['sync', 'dashboard', 'orders'] },
  )
  const total = q.data?.total ?? 0
  const close = () => {
    setPage(1)
    onClose()
  }
  return (
    <Drawer opened={which !== null} onClose={close} position="right" size="xl" title={<Text fw={600}>{which ? TITLE[which] : ''}</Text>} data-testid="overview-orders">
      <Stack gap="sm">
        {q.error && <ErrorNote error={q.error} onRetry={q.refetch} title="The orders could not be loaded" />}
        {!q.data && !q.error && <Skeleton h={120} />}
        {q.data && (
          <>
            <Text size="sm" c="dimmed" data-testid="overview-orders-total">
              {total === 0 ? 'No orders yet.' : `${formatCount(total)} order${total === 1 ? '' : 's'}, newest first. Open an order to see its whole path.`}
            </Text>
            {total > 0 && (
              <Table.ScrollContainer minWidth={600}>
                <Table verticalSpacing={4} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Order</Table.Th>
                      <Table.Th>Placed</Table.Th>
                      <Table.Th>Market</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                      <Table.Th>In the ERP</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {q.data.rows.map((r) => (
                      <Table.Tr key={r.orderNumber} data-testid="overview-order-row">
                        <Table.Td>
                          <OrderTraceLink orderNumber={r.orderNumber} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(r.orderDate)}</Table.Td>
                        <Table.Td>{r.market ?? '—'}</Table.Td>
                        <Table.Td ta="right">{formatMoney(r.grandTotalMinor, r.currency)}</Table.Td>
                        <Table.Td>{r.erpNumber ?? (r.postingState ? (STATE_LABEL[r.postingState] ?? r.postingState) : 'Not sent yet')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} size="sm" />}
          </>
        )}
      </Stack>
    </Drawer>
  )
}
