import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core'
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react'
import type { DashboardSummary, RunCounters } from '@shared/contract'
import { useNavigate } from '../../app/navigation'
import { formatCount, STATUS_COLOR } from '../../components/format'
import { useSyncRun, type ActiveRun, type Outcome } from './useSyncRun'

const PHASE_LABEL = {
  fetching: 'Reading orders from Centra',
  posting: 'Posting orders to the ERP',
  finishing: 'Finishing up',
} as const

export function SyncProgress({ run }: { run: ActiveRun }) {
  const p = run.progress
  const determinate = p !== null && p.total !== null && p.total > 0
  const percent = determinate ? Math.min(100, (p.done / p.total!) * 100) : 100
  const label = p ? PHASE_LABEL[p.phase] : 'Starting the sync'
  const amount = !p ? '' : p.total !== null ? `${formatCount(p.done)} of ${formatCount(p.total)} orders` : `${formatCount(p.done)} orders so far`
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {run.cancelling ? 'Stopping after the current order…' : label}
        </Text>
        <Text size="sm" c="dimmed">
          {amount}
        </Text>
      </Group>
      <Progress.Root size="lg" radius="sm">
        {/* The section carries the ARIA progressbar; with no total yet it is indeterminate
            (no aria-valuenow), as the ARIA spec asks. */}
        <Progress.Section
          data-testid="sync-progress"
          value={percent}
          striped={!determinate}
          animated={!determinate}
          withAria={false}
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={determinate ? p.total! : undefined}
          aria-valuenow={determinate ? p.done : undefined}
          aria-valuetext={amount || label}
        />
      </Progress.Root>
      {p?.message && (
        <Text size="xs" c="dimmed">
          {p.message}
        </Text>
      )}
    </Stack>
  )
}

function countersLine(c: RunCounters): string {
  const parts = [`${formatCount(c.fetched)} read from Centra`, `${formatCount(c.posted)} posted to the ERP`]
  if (c.alreadyInErp) parts.push(`${formatCount(c.alreadyInErp)} already in the ERP`)
  if (c.blocked) parts.push(`${formatCount(c.blocked)} waiting on a fix`)
  if (c.failed) parts.push(`${formatCount(c.failed)} failed`)
  return parts.join(' · ')
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  const navigate = useNavigate()
  const waiting = outcome.counters.blocked + outcome.counters.failed
  switch (outcome.status) {
    case 'succeeded':
    case 'partial':
      return (
        <Stack gap={4}>
          <Text size="sm">{countersLine(outcome.counters)}</Text>
          {waiting > 0 && (
            <Text size="sm" c="yellow.8">
              {formatCount(waiting)} {waiting === 1 ? 'order is' : 'orders are'} waiting on a fix.{' '}
              <Anchor component="button" type="button" size="sm" onClick={() => navigate('exceptions')}>
                See Exceptions for what to do
              </Anchor>
            </Text>
          )}
        </Stack>
      )
    case 'cancelled':
      return (
        <Stack gap={4}>
          <Text size="sm">Stopped at your request. Orders already posted stay posted; the rest are picked up by the next sync.</Text>
          <Text size="sm" c="dimmed">
            {countersLine(outcome.counters)}
          </Text>
        </Stack>
      )
    case 'failed':
      if (outcome.offline) {
        return (
          <Text size="sm" c="dimmed" data-testid="sync-offline-note">
            {outcome.error ?? 'Centra or the ERP cannot be reached.'} Nothing was lost: the orders are picked up when the connection is back.
          </Text>
        )
      }
      return (
        <Stack gap={4}>
          <Text size="sm" c="red.8">
            {outcome.error ?? 'The sync stopped because of a problem.'}
          </Text>
          <Text size="sm" c="dimmed">
            {countersLine(outcome.counters)}
          </Text>
        </Stack>
      )
    default:
      return null
  }
}

export function SyncPanel({ summary }: { summary: DashboardSummary | undefined }) {
  const sync = useSyncRun(summary)
  const { active } = sync
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              Order sync
            </Title>
            <Text size="sm" c="dimmed">
              Reads new orders from Centra and posts them to the ERP.
            </Text>
          </div>
          <Group gap="sm">
            {sync.statusWord && (
              <Badge size="lg" variant="light" tt="none" color={STATUS_COLOR[sync.statusWord]} data-testid="sync-status" aria-live="polite">
                {sync.statusWord}
              </Badge>
            )}
            {active ? (
              <Button
                data-testid="sync-cancel"
                variant="default"
                leftSection={<IconPlayerStop size={16} />}
                onClick={sync.cancel}
                disabled={active.runId === null || active.cancelling}
              >
                {active.cancelling ? 'Stopping…' : 'Cancel'}
              </Button>
            ) : (
              <Button data-testid="sync-now" leftSection={<IconPlayerPlay size={16} />} onClick={sync.start}>
                Sync now
              </Button>
            )}
          </Group>
        </Group>
        {active && <SyncProgress run={active} />}
        {!active && sync.outcome && <OutcomeNote outcome={sync.outcome} />}
        {sync.error && (
          <Alert color="red" variant="light">
            {sync.error}
          </Alert>
        )}
      </Stack>
    </Card>
  )
}
