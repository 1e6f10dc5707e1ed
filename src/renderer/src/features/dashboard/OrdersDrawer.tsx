import { Stack, Table, Text } from '@mantine/core'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { formatCount, formatDateTime, postingStateWord } from '../../components/format'
import { PagedDrawer, PagedRows, usePaging } from '../../components/PagedDrawer'
import { OrderTraceLink } from '../../components/traceLink'

export type OrdersFigure = 'synced' | 'posted'

const TITLE: Record<OrdersFigure, string> = { synced: 'Orders read from Centra', posted: 'Orders in the ERP' }

/**
 * The orders behind "Orders synced" or "Posted to ERP", newest first, paged in SQL. The core
 * counts the total with the same query as the figure, so the two agree.
 */
export function OrdersDrawer({ which, onClose }: { which: OrdersFigure | null; onClose: () => void }) {
  const paging = usePaging()
  const q = useQuery(
    'dashboard.orders',
    { which: which ?? 'synced', limit: paging.limit, offset: paging.offset },
    { enabled: which !== null, refreshOn: ['sync', 'dashboard', 'orders'] },
  )
  return (
    <PagedDrawer opened={which !== null} onClose={onClose} paging={paging} title={which ? TITLE[which] : ''} testId="overview-orders">
      <Stack gap="sm">
        <PagedRows query={q} paging={paging} errorTitle="The orders could not be loaded">
          {({ total, rows }) => (
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
                      {rows.map((r) => (
                        <Table.Tr key={r.orderNumber} data-testid="overview-order-row">
                          <Table.Td>
                            <OrderTraceLink orderNumber={r.orderNumber} />
                          </Table.Td>
                          <Table.Td>{formatDateTime(r.orderDate)}</Table.Td>
                          <Table.Td>{r.market ?? '—'}</Table.Td>
                          <Table.Td ta="right">{formatMoney(r.grandTotalMinor, r.currency)}</Table.Td>
                          <Table.Td>{r.erpNumber ?? (r.postingState ? postingStateWord(r.postingState) : 'Not sent yet')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </PagedRows>
      </Stack>
    </PagedDrawer>
  )
}
