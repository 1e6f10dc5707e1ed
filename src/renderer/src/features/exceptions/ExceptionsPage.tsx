import { Alert, Badge, Button, Card, Chip, CloseButton, Group, Loader, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useCallback, useMemo, useState } from 'react'
import type { BulkAction, ExceptionFilter, ExceptionRow, ExceptionStatus, Team } from '@shared/contract'
import { useApi, useQuery } from '../../api'
import { takeExceptionsFilter } from '../../components/exceptionsLink'
import { formatCount, TEAM_LABEL, TEAMS } from '../../components/format'
import { ActorField } from './ActorField'
import { ExportExceptions } from './ExportExceptions'
import { BulkActionButtons, BulkConfirm } from './BulkActions'
import { ExceptionDrawer } from './ExceptionDrawer'
import { ExceptionsGrid } from './ExceptionsGrid'
import { DEFAULT_STATUSES, SEVERITY_LABEL, STATUS_LABEL, STATUSES, type SeverityLevel } from './labels'
import { useActor } from '../../components/useActor'
import { PAGE_SIZE, usePagedExceptions } from './usePagedExceptions'

const SEVERITIES: SeverityLevel[] = ['high', 'medium', 'low']
const CATEGORIES = [
  ['unmapped_sku', 'SKU has no ERP item'],
  ['ambiguous_mapping', 'SKU matches several ERP items'],
  ['bundle_without_components', 'Bundle without components'],
  ['missing_tax_code', 'Tax rate not mapped'],
  ['missing_account', 'Account missing in the ERP'],
  ['missing_identifier', 'Order data missing'],
  ['customer_data', 'Customer data the ERP refuses'],
  ['erp_rejected', 'ERP refused the order'],
  ['erp_unavailable', 'ERP could not be reached'],
  ['total_mismatch', 'Totals differ'],
  ['tax_mismatch', 'Tax differs'],
  ['erp_variance', 'ERP figures differ'],
  ['changed_after_posting', 'Changed after posting'],
  ['cancelled_after_posting', 'Cancelled after posting'],
  ['fulfilment_failed', 'Shipment not sent to Centra'],
  ['unknown_shipment', 'Shipment for an unknown order'],
  ['sync_failed', 'Sync failed'],
  ['stale_sync', 'Sync is late'],
] as const
const AGES: { value: string; label: string; filter: Pick<ExceptionFilter, 'olderThanHours' | 'newerThanHours'> }[] = [
  { value: 'any', label: 'Any age', filter: {} },
  { value: 'lt1h', label: 'Under an hour', filter: { newerThanHours: 1 } },
  { value: 'lt1d', label: '1 hour to 1 day', filter: { olderThanHours: 1, newerThanHours: 24 } },
  { value: 'lt1w', label: '1 day to 1 week', filter: { olderThanHours: 24, newerThanHours: 24 * 7 } },
  { value: 'older', label: 'Older than a week', filter: { olderThanHours: 24 * 7 } },
]

function ageValue(f: ExceptionFilter): string {
  return AGES.find((a) => a.filter.olderThanHours === f.olderThanHours && a.filter.newerThanHours === f.newerThanHours)?.value ?? 'any'
}

const dayText = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

function initialFilter(): ExceptionFilter {
  return takeExceptionsFilter() ?? { status: DEFAULT_STATUSES }
}

/** Selection: either some rows by id, or every row matching the filter (applied in the store). */
type Selection = { kind: 'ids'; ids: Map<number, ExceptionRow> } | { kind: 'all' }

export function ExceptionsPage({ pageSize = PAGE_SIZE, gridHeight }: { pageSize?: number; gridHeight?: number }) {
  const api = useApi()
  const [filter, setFilterState] = useState<ExceptionFilter>(initialFilter)
  const [searchDraft, setSearchDraft] = useState(filter.search ?? '')
  const markets = useQuery('exceptions.markets', {}, { refreshOn: ['exceptions', 'sync'] })
  const [selected, setSelected] = useState<ExceptionRow | null>(null)
  const [selection, setSelection] = useState<Selection>({ kind: 'ids', ids: new Map() })
  const [pending, setPending] = useState<BulkAction | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [actor, setActor] = useActor()
  const paged = usePagedExceptions(filter, pageSize)
  const total = paged.total ?? 0

  const setFilter = (patch: Partial<ExceptionFilter>) => {
    setFilterState((f) => {
      const next: ExceptionFilter = { ...f, ...patch }
      for (const k of Object.keys(next) as (keyof ExceptionFilter)[]) {
        const v = next[k]
        if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k]
      }
      return next
    })
    setSelection({ kind: 'ids', ids: new Map() })
  }

  const selectedCount = selection.kind === 'all' ? total : selection.ids.size
  const gridSelection = useMemo(
    () => ({
      isSelected: (id: number) => selection.kind === 'all' || (selection.kind === 'ids' && selection.ids.has(id)),
      toggle: (row: ExceptionRow) =>
        setSelection((s) => {
          if (s.kind === 'all') return { kind: 'ids', ids: new Map() }
          const ids = new Map(s.ids)
          if (ids.has(row.id)) ids.delete(row.id)
          else ids.set(row.id, row)
          return { kind: 'ids', ids }
        }),
    }),
    [selection],
  )

  const runBulk = useCallback(
    async (action: BulkAction, args: { note?: string; assignee?: string | null }) => {
      setBusy(true)
      try {
        let changed: number
        if (selection.kind === 'all') {
          changed = (await api.call('exceptions.bulkByFilter', { filter, action, actor, ...args })).changed
        } else {
          const ids = [...selection.ids.keys()]
          const note = args.note ?? ''
          changed =
            action === 'acknowledge'
              ? (await api.call('exceptions.acknowledge', { ids, actor, note: args.note })).changed
              : action === 'resolve'
                ? (await api.call('exceptions.resolve', { ids, actor, note: args.note })).changed
                : action === 'ignore'
                  ? (await api.call('exceptions.ignore', { ids, actor, reason: note })).changed
                  : action === 'reopen'
                    ? (await api.call('exceptions.reopen', { ids, actor, reason: note })).changed
                    : (await api.call('exceptions.assign', { ids, actor, assignee: args.assignee ?? null })).changed
        }
        setMessage({ ok: true, text: `${formatCount(changed)} of ${formatCount(selectedCount)} changed.` })
        setSelection({ kind: 'ids', ids: new Map() })
        setPending(null)
      } catch (e) {
        setMessage({ ok: false, text: `That did not work: ${e instanceof Error ? e.message : String(e)}` })
      } finally {
        setBusy(false)
      }
    },
    [api, actor, filter, selection, selectedCount],
  )

  const chips = <T extends string>(label: string, id: string, values: readonly T[], value: T[] | undefined, labels: Record<T, string>, key: keyof ExceptionFilter) => (
    <Group gap="sm" align="center">
      <Text size="sm" fw={500} w={70} id={`filter-${id}-label`}>
        {label}
      </Text>
      <Chip.Group multiple value={value ?? []} onChange={(v) => setFilter({ [key]: v } as Partial<ExceptionFilter>)}>
        <Group gap={6} role="group" aria-labelledby={`filter-${id}-label`}>
          {values.map((s) => (
            <Chip key={s} value={s} size="sm" data-testid={`filter-${id}-${s}`}>
              {labels[s]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Group>
  )

  const isDefaultView = JSON.stringify(filter) === JSON.stringify({ status: DEFAULT_STATUSES })
  // Set only from a trend chart day on the Overview: shown so the user sees why the list is short.
  const dayFilters = [
    ...(filter.openedOn ? [{ key: 'openedOn' as const, label: `Opened on ${dayText(filter.openedOn)}` }] : []),
    ...(filter.closedOn ? [{ key: 'closedOn' as const, label: `Resolved or ignored on ${dayText(filter.closedOn)}` }] : []),
  ]

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            Exceptions
          </Title>
          <Text c="dimmed">Problems that stop Centra and the ERP from matching, each owned by a team.</Text>
        </div>
        <ActorField actor={actor} onChange={setActor} />
      </Group>
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          {chips('Status', 'status', STATUSES, filter.status as ExceptionStatus[] | undefined, STATUS_LABEL, 'status')}
          {chips('Team', 'team', TEAMS, filter.team as Team[] | undefined, TEAM_LABEL, 'team')}
          {chips('Severity', 'severity', SEVERITIES, filter.severity as SeverityLevel[] | undefined, SEVERITY_LABEL, 'severity')}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Kind"
              placeholder="Any kind"
              clearable
              data={CATEGORIES.map(([value, label]) => ({ value, label }))}
              value={filter.category?.[0] ?? null}
              onChange={(v) => setFilter({ category: v ? [v] : undefined })}
              data-testid="filter-category"
              w={220}
            />
            <Select
              label="First seen"
              data={AGES.map(({ value, label }) => ({ value, label }))}
              value={ageValue(filter)}
              onChange={(v) => setFilter({ olderThanHours: undefined, newerThanHours: undefined, ...AGES.find((a) => a.value === v)?.filter })}
              data-testid="filter-age"
              allowDeselect={false}
              w={180}
            />
            <MultiSelect
              label="Market"
              description="Exceptions about one order"
              placeholder={filter.market?.length ? undefined : 'Any market'}
              data={[...new Set([...(markets.data ?? []), ...(filter.market ?? [])])]}
              value={filter.market ?? []}
              onChange={(market) => setFilter({ market })}
              searchable
              clearable
              nothingFoundMessage="No exception is about an order of that market"
              data-testid="filter-market"
              w={220}
            />
            <TextInput
              label="Search"
              placeholder="Order number, SKU or words in the title"
              value={searchDraft}
              onChange={(e) => setSearchDraft(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && setFilter({ search: searchDraft.trim() })}
              onBlur={() => setFilter({ search: searchDraft.trim() })}
              data-testid="filter-search"
              w={260}
            />
            {dayFilters.map(({ key, label }) => (
              <Badge
                key={key}
                size="lg"
                variant="light"
                tt="none"
                data-testid={`filter-${key}`}
                rightSection={
                  <CloseButton size="xs" aria-label={`Remove the filter ${label}`} onClick={() => setFilter({ [key]: undefined })} />
                }
              >
                {label}
              </Badge>
            ))}
            {!isDefaultView && (
              <Button
                variant="subtle"
                onClick={() => {
                  setSearchDraft('')
                  setFilterState({ status: DEFAULT_STATUSES })
                  setSelection({ kind: 'ids', ids: new Map() })
                }}
              >
                Clear filters
              </Button>
            )}
          </Group>
        </Stack>
      </Card>

      {paged.error && (
        <Alert color="red" title="The exceptions could not be loaded">
          {paged.error}{' '}
          <Button size="xs" variant="light" onClick={paged.reload}>
            Try again
          </Button>
        </Alert>
      )}
      {message && (
        <Alert color={message.ok ? 'teal' : 'red'} withCloseButton onClose={() => setMessage(null)} data-testid="bulk-result">
          {message.text}
        </Alert>
      )}

      <Card withBorder radius="md" padding="md">
        {paged.total === null ? (
          <Group justify="center" p="xl">
            <Loader aria-label="Loading exceptions" />
          </Group>
        ) : (
          <Stack gap="sm">
            <Group justify="space-between">
              <Group gap="sm">
                <Text size="sm" c="dimmed" data-testid="exceptions-total" aria-live="polite">
                  {total === 0 ? 'No exceptions' : `${formatCount(total)} exception${total === 1 ? '' : 's'} match`}
                </Text>
                {total > 0 && <ExportExceptions filter={filter} total={total} />}
              </Group>
              {total > 0 && (
                <Group gap="sm">
                  <Text size="sm" data-testid="selected-count">
                    {selectedCount === 0 ? 'None selected' : `${formatCount(selectedCount)} selected`}
                  </Text>
                  {selection.kind === 'all' ? (
                    <Button size="xs" variant="subtle" onClick={() => setSelection({ kind: 'ids', ids: new Map() })}>
                      Clear selection
                    </Button>
                  ) : (
                    <Button size="xs" variant="subtle" onClick={() => setSelection({ kind: 'all' })} data-testid="select-all-matching">
                      Select all {formatCount(total)} matching
                    </Button>
                  )}
                  <BulkActionButtons disabled={selectedCount === 0 || !actor} onPick={setPending} />
                </Group>
              )}
            </Group>
            {total > 0 && !actor && (
              <Text size="xs" c="dimmed">
                Enter your name (top right) to act on exceptions: it is recorded in their history.
              </Text>
            )}
            {total === 0 ? (
              <Text py="xl" ta="center" c="dimmed" data-testid="exceptions-empty">
                {isDefaultView ? 'Nothing needs attention right now. New problems will show up here as syncs find them.' : 'No exceptions match these filters.'}
              </Text>
            ) : (
              <ExceptionsGrid total={total} rowAt={paged.rowAt} ensure={paged.ensure} onOpen={setSelected} selection={gridSelection} height={gridHeight} />
            )}
          </Stack>
        )}
      </Card>
      <ExceptionDrawer row={selected} onClose={() => setSelected(null)} actor={actor} />
      <BulkConfirm
        key={pending ?? 'none'}
        action={pending}
        count={selectedCount}
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={(args) => pending && void runBulk(pending, args)}
      />
    </Stack>
  )
}
