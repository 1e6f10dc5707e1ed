import { Anchor, Group, SimpleGrid, Skeleton } from '@mantine/core'
import { useState } from 'react'
import type { DashboardSummary } from '@shared/contract'
import { RunStatusBadge } from '../../components/RunStatusBadge'
import { StatCard } from '../../components/StatCard'
import { formatCount, formatDateTime, formatRelative, TEAM_LABEL, TEAMS } from '../../components/format'
import { useNow } from '../../components/useNow'
import { useNavigate } from '../../app/navigation'
import { openExceptionsWith } from '../../components/exceptionsLink'
import { HeldOrdersDrawer } from './HeldOrdersDrawer'
import { OrdersDrawer, type OrdersFigure } from './OrdersDrawer'

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
        <StatCard label="Orders synced" hint="Orders read from Centra" testId="stat-orders-synced" value={formatCount(summary.ordersSynced)} onOpen={() => setOrdersOpen('synced')} />
        <StatCard label="Posted to ERP" hint="Orders that are in the ERP" testId="stat-orders-posted" value={formatCount(summary.ordersPosted)} onOpen={() => setOrdersOpen('posted')} />
        <StatCard label="Blocked" hint="Orders waiting on a fix" testId="stat-orders-blocked" value={formatCount(summary.ordersBlocked)} onOpen={() => setHeldOpen(true)} />
        <StatCard
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
        </StatCard>
        <StatCard
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
        </StatCard>
      </SimpleGrid>
      <HeldOrdersDrawer opened={heldOpen} onClose={() => setHeldOpen(false)} />
      <OrdersDrawer which={ordersOpen} onClose={() => setOrdersOpen(null)} />
    </>
  )
}
