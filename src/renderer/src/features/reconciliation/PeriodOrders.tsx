import { Badge, Modal, Pagination, Stack, Table, Text } from '@mantine/core'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { formatCount } from '../../components/format'
import { usePaging } from '../../components/PagedDrawer'
import { OrderTraceLink } from '../../components/traceLink'

export interface OrdersDrill {
  title: string
  market?: string
  currency?: string
}

/** The orders a totals line is made of, paged in the core; each order number opens its trace. */
export function PeriodOrders({ period, drill, onClose }: { period: string; drill: OrdersDrill | null; onClose: () => void }) {
  const paging = usePaging()
  const q = useQuery(
    'reconciliation.orders',
    { period, market: drill?.market, currency: drill?.currency, limit: paging.limit, offset: paging.offset },
    { enabled: drill !== null, refreshOn: ['reconciliation', 'sync'] },
  )
  return (
    <Modal opened={drill !== null} onClose={onClose} title={drill?.title} size="xl">
      <Stack gap="xs" data-testid="recon-orders">
        {q.error && (
          <Text size="sm" c="red">
            {q.error.message}
          </Text>
        )}
        {q.data && (
          <>
            <Text size="sm" c="dimmed" data-testid="recon-orders-total">
              {formatCount(q.data.total)} order{q.data.total === 1 ? '' : 's'} (cancelled ones included and marked; they are not in the Centra total)
            </Text>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Market</Table.Th>
                  <Table.Th ta="right">Centra</Table.Th>
                  <Table.Th>ERP document</Table.Th>
                  <Table.Th ta="right">ERP</Table.Th>
                  <Table.Th ta="right">Difference</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.rows.map((o) => {
                  const cancelled = o.status === 'CANCELLED'
                  const diff = o.erpMinor === null || cancelled ? null : o.erpMinor - o.centraMinor
                  return (
                    <Table.Tr key={o.orderNumber} data-testid="recon-order-row">
                      <Table.Td>
                        <OrderTraceLink orderNumber={o.orderNumber} />
                        {cancelled && (
                          <Badge size="xs" ml={6} color="gray" variant="light">
                            Cancelled
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{o.market}</Table.Td>
                      <Table.Td ta="right">{formatMoney(o.centraMinor, o.currency)}</Table.Td>
                      <Table.Td>{o.erpNumber ?? <Text span size="sm" c="dimmed">{o.posting ? `not in the ERP (${o.posting})` : 'not in the ERP'}</Text>}</Table.Td>
                      <Table.Td ta="right">{o.erpMinor === null ? '—' : formatMoney(o.erpMinor, o.currency)}</Table.Td>
                      <Table.Td ta="right" c={diff ? 'orange.8' : undefined}>
                        {diff === null ? '—' : formatMoney(diff, o.currency)}
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
            {q.data.total > paging.limit && <Pagination total={Math.ceil(q.data.total / paging.limit)} value={paging.page} onChange={paging.setPage} size="sm" data-testid="recon-orders-pages" />}
          </>
        )}
      </Stack>
    </Modal>
  )
}
