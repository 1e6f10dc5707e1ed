import { Anchor, Badge, Stack, Text } from '@mantine/core'
import type { HeldOrder } from '@shared/contract'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { formatCount } from '../../components/format'
import { PagedDrawer, PagedRows, usePaging } from '../../components/PagedDrawer'
import { OrdersTable } from './OrdersTable'

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
  const paging = usePaging()
  const q = useQuery('dashboard.heldOrders', { limit: paging.limit, offset: paging.offset }, { enabled: opened, refreshOn: ['sync', 'exceptions', 'dashboard', 'orders'] })
  const seeOpen = (
    <Anchor component="button" type="button" size="sm" onClick={() => openExceptionsWith({ status: ['open', 'acknowledged'] }, navigate)}>
      See open exceptions
    </Anchor>
  )
  return (
    <PagedDrawer opened={opened} onClose={onClose} paging={paging} title="Orders held back" testId="held-orders">
      <Stack gap="sm">
        <PagedRows query={q} paging={paging} errorTitle="The held orders could not be loaded" aside={seeOpen}>
          {({ total, rows }) => (
            <>
              <Text size="sm" c="dimmed" data-testid="held-orders-total">
                {total === 0
                  ? 'No order is held back: every order read is in the ERP or on its way.'
                  : `${formatCount(total)} order${total === 1 ? ' is' : 's are'} not in the ERP yet. Open an order to see its whole path; fix the cause on Exceptions and the next sync sends it.`}
              </Text>
              {total > 0 && (
                <OrdersTable
                  rows={rows}
                  rowTestId="held-order-row"
                  last={{
                    title: 'Why it is held back',
                    cell: (r) => (
                      <>
                        <Badge size="sm" variant="light" tt="none" color={STATE_LABEL[r.state].color}>
                          {STATE_LABEL[r.state].label}
                        </Badge>
                        <Text size="xs" lineClamp={2} mt={2}>
                          {r.reason ?? 'No reason recorded'}
                        </Text>
                      </>
                    ),
                  }}
                />
              )}
            </>
          )}
        </PagedRows>
      </Stack>
    </PagedDrawer>
  )
}
