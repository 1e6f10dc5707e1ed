import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { DashboardSummary } from '@shared/contract'
import { RunStatusBadge } from '../../components/RunStatusBadge'
import { formatCount, formatDateTime, formatRelative, TEAM_LABEL, TEAMS } from '../../components/format'
import { useNow } from '../../components/useNow'
import { useNavigate } from '../../app/navigation'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { HeldOrdersDrawer } from './HeldOrdersDrawer'
import { OrdersDrawer, type OrdersFigure } from './OrdersDrawer'

function Stat({
  label,
  hint,
  testId,
  value,
  onOpen,
  children,
}: {
  label: string
  hint: string
  testId: string
  value: ReactNode
  /** the figure opens the rows behind it */
  onOpen?: () => void
  children?: ReactNode
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        {/* The test id sits on the value alone so tests (and screen readers) read just the number. */}
        {onOpen ? (
          <Anchor component="button" type="button" size="xl" fw={700} ta="left" onClick={onOpen} data-testid={testId} title={`Show the rows behind ${label.toLowerCase()}`}>
            {value}
          </Anchor>
        ) : (
          <Text size="xl" fw={700} data-testid={testId}>
            {value}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {children}
      </Stack>
    </Card>
  )
}

export function StatCards({ summary }: { summary: DashboardSummary | undefined }) {
  const now = useNow()
  const navigate = useNavigate()
  const [heldOpen, setHeldOpen] = useState(false)
  const [ordersOpen, setOrdersOpen] = useState<OrdersFigure | null>(null)
  if (!summary) {
    return (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} aria-busy="true">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} h={118} radius="md" />
        ))}
      </SimpleGrid>
    )
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <Stat label="Orders synced" hint="Orders read from Centra" testId="stat-orders-synced" value={formatCount(summary.ordersSynced)} onOpen={() => setOrdersOpen('synced')} />
        <Stat label="Posted to ERP" hint="Orders that are in the ERP" testId="stat-orders-posted" value={formatCount(summary.ordersPosted)} onOpen={() => setOrdersOpen('posted')} />
        <Stat label="Blocked" hint="Orders waiting on a fix" testId="stat-orders-blocked" value={formatCount(summary.ordersBlocked)} onOpen={() => setHeldOpen(true)} />
        <Stat
          label="Open exceptions"
          hint="Problems a team needs to look at"
          testId="stat-open-exceptions"
          value={formatCount(summary.openExceptions)}
          onOpen={() => openExceptionsWith({ status: ['open', 'acknowledged'] }, navigate)}
        >
          <Group gap={10} mt={2} aria-label="Open exceptions by team">
            {TEAMS.map((team) => (
              <Anchor
                key={team}
                component="button"
                type="button"
                size="xs"
                c="inherit"
                data-testid={`stat-open-exceptions-${team}`}
                onClick={() => openExceptionsWith({ status: ['open', 'acknowledged'], team: [team] }, navigate)}
              >
                {TEAM_LABEL[team]} <b>{formatCount(summary.openExceptionsByTeam[team] ?? 0)}</b>
              </Anchor>
            ))}
          </Group>
          <Anchor component="button" type="button" size="xs" ta="left" onClick={() => navigate('exceptions')}>
            See exceptions
          </Anchor>
        </Stat>
        <Stat
          label="Last sync"
          hint={summary.lastSyncAt ? formatDateTime(summary.lastSyncAt) : 'No sync has finished yet'}
          testId="stat-last-sync"
          value={<span title={summary.lastSyncAt ?? undefined}>{summary.lastSyncAt ? formatRelative(summary.lastSyncAt, now) : 'Never'}</span>}
        >
          {summary.lastRunStatus && (
            <div>
              <RunStatusBadge status={summary.lastRunStatus} offline={!!summary.offlineSince} compact />
            </div>
          )}
        </Stat>
      </SimpleGrid>
      <HeldOrdersDrawer opened={heldOpen} onClose={() => setHeldOpen(false)} />
      <OrdersDrawer which={ordersOpen} onClose={() => setOrdersOpen(null)} />
    </>
  )
}
