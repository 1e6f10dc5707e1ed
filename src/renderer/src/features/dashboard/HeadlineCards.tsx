import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useApi, useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { formatCount, formatPeriod, formatRelative } from '../../components/format'
import { useNow } from '../../components/useNow'

/**
 * This month's month-end at a glance: open or signed off, variances still to decide, checks that
 * fail. The card reads the period's stored state and the figures the last month-end summary found
 * (reconciliation.status, instant), never the summary itself: on a busy month that takes seconds.
 * It says how old the figures are, and offers to work them out when there are none yet.
 */
function MonthEndCard() {
  const api = useApi()
  const navigate = useNavigate()
  const now = useNow()
  const period = new Date().toISOString().slice(0, 7)
  const s = useQuery('reconciliation.status', { period }, { refreshOn: ['reconciliation'] })
  const [working, setWorking] = useState(false)
  const [workError, setWorkError] = useState<string | null>(null)
  const last = s.data?.lastSummary ?? null
  const workOut = async () => {
    setWorking(true)
    setWorkError(null)
    try {
      await api.call('reconciliation.summary', { period })
      s.refetch()
    } catch (e) {
      setWorkError(`The month-end figures could not be worked out: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setWorking(false)
    }
  }
  return (
    <Card withBorder radius="md" padding="md" data-testid="overview-month-end">
      <Group justify="space-between" mb={6}>
        <Title order={2} size="h5">
          Month-end · {formatPeriod(period)}
        </Title>
        {s.data && (
          <Badge variant="light" color={s.data.status === 'signed_off' ? 'teal' : 'gray'} tt="none">
            {s.data.status === 'signed_off' ? 'Signed off' : 'Open'}
          </Badge>
        )}
      </Group>
      {s.error && (
        <Text size="sm" c="red">
          {s.error.message}
        </Text>
      )}
      {!s.data && !s.error && <Skeleton h={40} />}
      {s.data && last && (
        <Stack gap={2}>
          <Text size="sm" data-testid="overview-month-end-variances">
            {last.undecided === 0 ? 'No variance left to explain or accept' : `${formatCount(last.undecided)} variance item(s) to explain or accept`}
          </Text>
          <Text size="sm" c={last.failedChecks.length > 0 ? 'red' : undefined} data-testid="overview-month-end-checks">
            {last.failedChecks.length === 0
              ? `All ${last.checks} in-step checks pass`
              : `${last.failedChecks.length} of ${last.checks} in-step checks fail: ${last.failedChecks.map((c) => c.label).join('; ')}`}
          </Text>
          <Text size="xs" c="dimmed" data-testid="overview-month-end-age" title={last.at}>
            Worked out {formatRelative(last.at, now)}.{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => void workOut()} disabled={working} data-testid="overview-month-end-refresh">
              {working ? 'Working out…' : 'Work out again'}
            </Anchor>
          </Text>
        </Stack>
      )}
      {s.data && !last && (
        <Stack gap={2}>
          <Text size="sm" c="dimmed" data-testid="overview-month-end-age">
            This month's variances and checks have not been worked out yet (they are when Month-end opens).
          </Text>
          <Anchor component="button" type="button" size="sm" ta="left" onClick={() => void workOut()} disabled={working} data-testid="overview-month-end-refresh">
            {working ? 'Working out… (a busy month takes a few seconds)' : 'Work them out now'}
          </Anchor>
        </Stack>
      )}
      {workError && (
        <Text size="sm" c="red">
          {workError}
        </Text>
      )}
      <Anchor component="button" type="button" size="xs" mt={6} onClick={() => navigate('reconciliation')} data-testid="overview-open-month-end">
        Open month-end
      </Anchor>
    </Card>
  )
}

/** The stock drift headline: how many sizes Centra and the ERP disagree on, and the worst one. */
function DriftCard() {
  const navigate = useNavigate()
  const d = useQuery('inventory.drift', { limit: 1, offset: 0 }, { refreshOn: ['inventory', 'sync'] })
  const worst = d.data?.rows[0]
  return (
    <Card withBorder radius="md" padding="md" data-testid="overview-drift">
      <Title order={2} size="h5" mb={6}>
        Stock drift
      </Title>
      {d.error && (
        <Text size="sm" c="red">
          {d.error.message}
        </Text>
      )}
      {!d.data && !d.error && <Skeleton h={40} />}
      {d.data && d.data.takenAt === null && (
        <Text size="sm" c="dimmed">
          No stock sync has run yet.
        </Text>
      )}
      {d.data && d.data.takenAt !== null && (
        <Stack gap={2}>
          <Text size="sm" data-testid="overview-drift-total">
            {d.data.total === 0 ? 'Centra and the ERP agree on every size' : `${formatCount(d.data.total)} size(s) differ, ${formatCount(d.data.units)} unit(s) apart`}
          </Text>
          {d.data.oversell.sizes > 0 && (
            <Text size="sm" c="red">
              Centra shows more than the ERP has for {formatCount(d.data.oversell.sizes)} size(s): risk of overselling
            </Text>
          )}
          {worst && worst.drift !== 0 && (
            <Text size="xs" c="dimmed">
              Worst: {worst.sku} — Centra {worst.centraQty ?? '—'}, ERP {worst.erpQty ?? '—'}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            As of {formatRelative(d.data.takenAt)}
          </Text>
        </Stack>
      )}
      <Anchor component="button" type="button" size="xs" mt={6} onClick={() => navigate('stock')} data-testid="overview-open-stock">
        Open stock &amp; drift
      </Anchor>
    </Card>
  )
}

export function HeadlineCards() {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <MonthEndCard />
      <DriftCard />
    </SimpleGrid>
  )
}
