import { Card, Chip, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ExceptionRow, ExceptionStatus, Team } from '@shared/contract'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, TEAM_LABEL, TEAMS } from '../../components/format'
import { ExceptionDrawer } from './ExceptionDrawer'
import { ExceptionsTable } from './ExceptionsTable'
import { DEFAULT_STATUSES, STATUS_LABEL, STATUSES } from './labels'

export const PAGE_SIZE = 25

export function ExceptionsPage({ pageSize = PAGE_SIZE }: { pageSize?: number }) {
  const [statuses, setStatuses] = useState<ExceptionStatus[]>(DEFAULT_STATUSES)
  const [teams, setTeams] = useState<Team[]>([])
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<ExceptionRow | null>(null)

  const list = useQuery(
    'exceptions.list',
    {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      ...(statuses.length ? { status: statuses } : {}),
      ...(teams.length ? { team: teams } : {}),
    },
    { refreshOn: ['exceptions'] },
  )
  const total = list.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const rows = list.data?.rows ?? []
  // Fewer exceptions than before (some resolved meanwhile) can leave us past the last page.
  if (list.data && !list.loading && page > pages) setPage(pages)
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1
  const last = Math.min(total, (page - 1) * pageSize + rows.length)

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Exceptions
        </Title>
        <Text c="dimmed">Problems that stop Centra and the ERP from matching, each owned by a team.</Text>
      </div>
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <Text size="sm" fw={500} w={60} id="filter-status-label">
              Status
            </Text>
            <Chip.Group multiple value={statuses} onChange={(v) => (setStatuses(v as ExceptionStatus[]), setPage(1))}>
              <Group gap={6} role="group" aria-labelledby="filter-status-label">
                {STATUSES.map((s) => (
                  <Chip key={s} value={s} size="sm" data-testid={`filter-status-${s}`}>
                    {STATUS_LABEL[s]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Group>
          <Group gap="sm" align="center">
            <Text size="sm" fw={500} w={60} id="filter-team-label">
              Team
            </Text>
            <Chip.Group multiple value={teams} onChange={(v) => (setTeams(v as Team[]), setPage(1))}>
              <Group gap={6} role="group" aria-labelledby="filter-team-label">
                {TEAMS.map((t) => (
                  <Chip key={t} value={t} size="sm" data-testid={`filter-team-${t}`}>
                    {TEAM_LABEL[t]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {teams.length === 0 && (
              <Text size="xs" c="dimmed">
                All teams
              </Text>
            )}
          </Group>
        </Stack>
      </Card>

      {list.error && <ErrorNote error={list.error} onRetry={list.refetch} title="The exceptions could not be loaded" />}

      <Card withBorder radius="md" padding="md">
        {!list.data && list.loading && (
          <Group justify="center" p="xl">
            <Loader aria-label="Loading exceptions" />
          </Group>
        )}
        {list.data && (
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" c="dimmed" data-testid="exceptions-total" aria-live="polite">
                {total === 0 ? 'No exceptions' : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
              </Text>
              {list.loading && <Loader size="xs" aria-label="Loading" />}
            </Group>
            {rows.length === 0 ? (
              <Text py="xl" ta="center" c="dimmed" data-testid="exceptions-empty">
                {statuses.length === 0 || (statuses.includes('open') && statuses.includes('acknowledged') && teams.length === 0)
                  ? 'Nothing needs attention right now. New problems will show up here as syncs find them.'
                  : 'No exceptions match these filters.'}
              </Text>
            ) : (
              <ExceptionsTable rows={rows} onOpen={setSelected} />
            )}
            {pages > 1 && (
              <Group justify="flex-end">
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={setPage}
                  size="sm"
                  data-testid="exceptions-pagination"
                  getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Next page' : control === 'previous' ? 'Previous page' : control === 'first' ? 'First page' : 'Last page' })}
                  getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
                />
              </Group>
            )}
          </Stack>
        )}
      </Card>
      <ExceptionDrawer row={selected} onClose={() => setSelected(null)} />
    </Stack>
  )
}
