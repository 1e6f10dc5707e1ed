import { Stack, Text } from '@mantine/core'
import { useQuery } from '../../api'
import { formatCount, postingStateWord } from '../../components/format'
import { PagedDrawer, PagedRows, usePaging } from '../../components/PagedDrawer'
import { OrdersTable } from './OrdersTable'

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
                <OrdersTable
                  rows={rows}
                  rowTestId="overview-order-row"
                  last={{ title: 'In the ERP', cell: (r) => r.erpNumber ?? (r.postingState ? postingStateWord(r.postingState) : 'Not sent yet') }}
                />
              )}
            </>
          )}
        </PagedRows>
      </Stack>
    </PagedDrawer>
  )
}
