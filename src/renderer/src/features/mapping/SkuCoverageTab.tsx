import { Badge, Button, Group, Loader, Pagination, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { SetMappingResult, SkuCoverageRow } from '@shared/contract'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount } from '../../components/format'
import { MapSkuModal } from './MapSkuModal'
import { RetryOffer } from './RetryOffer'

type Filter = 'all' | 'unmapped' | 'ambiguous' | 'mapped'
const ORIGIN_LABEL = { auto: 'matched automatically', imported: 'imported', manual: 'set by hand' } as const

function StatusBadge({ row }: { row: SkuCoverageRow }) {
  if (row.status === 'unmapped') return <Badge color="red">Not mapped</Badge>
  if (row.status === 'ambiguous') return <Badge color="orange">Several ERP items</Badge>
  if (!row.erpItemKnown) return <Badge color="yellow">Item new to the ERP</Badge>
  return <Badge color="green">Mapped</Badge>
}

export function SkuCoverageTab({ pageSize = 25 }: { pageSize?: number }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(1)
  const [editing, setEditing] = useState<SkuCoverageRow | null>(null)
  const [result, setResult] = useState<SetMappingResult | null>(null)
  const list = useQuery(
    'mapping.listSkus',
    { status: filter, limit: pageSize, offset: (page - 1) * pageSize, ...(search.trim() ? { search: search.trim() } : {}) },
    { refreshOn: ['mapping', 'sync', 'exceptions'] },
  )
  const counts = list.data?.counts
  const total = list.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (list.data && !list.loading && page > pages) setPage(pages)

  return (
    <Stack gap="md">
      {result && (
        <RetryOffer
          what={`SKU ${result.sku} now maps to ERP item ${result.erpItemNumber}${result.erpVariantCode ? ` variant ${result.erpVariantCode}` : ''}.`}
          ordersToRelease={result.ordersToRelease}
          exceptionIds={result.exceptionIds}
          onClose={() => setResult(null)}
        />
      )}
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(v) => (setFilter(v as Filter), setPage(1))}
          data={[
            { value: 'all', label: `All${counts ? ` (${formatCount(counts.all)})` : ''}` },
            { value: 'unmapped', label: `Not mapped${counts ? ` (${formatCount(counts.unmapped)})` : ''}` },
            { value: 'ambiguous', label: `Several items${counts ? ` (${formatCount(counts.ambiguous)})` : ''}` },
            { value: 'mapped', label: `Mapped${counts ? ` (${formatCount(counts.mapped)})` : ''}` },
          ]}
          data-testid="sku-filter"
        />
        <TextInput
          placeholder="Search SKU, EAN, product or ERP item"
          value={search}
          onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))}
          w={320}
          data-testid="sku-search"
          aria-label="Search SKUs"
        />
      </Group>
      {list.error && <ErrorNote error={list.error} onRetry={list.refetch} />}
      {list.loading && !list.data ? (
        <Loader size="sm" />
      ) : (
        <Table striped highlightOnHover data-testid="sku-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Centra SKU</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th>ERP item</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Orders</Table.Th>
              <Table.Th ta="right">Units sold</Table.Th>
              <Table.Th ta="right">Orders waiting</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data?.rows ?? []).map((r) => (
              <Table.Tr key={r.sku} data-testid="sku-row" data-sku={r.sku} data-status={r.status}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.sku}
                  </Text>
                  {r.ean && (
                    <Text size="xs" c="dimmed">
                      EAN {r.ean}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.productName ?? '—'}</Table.Td>
                <Table.Td>
                  {r.erpItemNumber ? (
                    <>
                      <Text size="sm">
                        {r.erpItemNumber}
                        {r.erpVariantCode ? ` variant ${r.erpVariantCode}` : ''}
                        {r.erpItemName && r.erpItemName !== r.erpItemNumber ? ` — ${r.erpItemName}` : ''}
                      </Text>
                      {r.origin && (
                        <Text size="xs" c="dimmed">
                          {ORIGIN_LABEL[r.origin]}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      not mapped
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge row={r} />
                </Table.Td>
                <Table.Td ta="right">{formatCount(r.orders)}</Table.Td>
                <Table.Td ta="right">{formatCount(r.units)}</Table.Td>
                <Table.Td ta="right">
                  {r.blockedOrders > 0 && r.status !== 'mapped' ? (
                    <Text size="sm" c="red" fw={600}>
                      {formatCount(r.blockedOrders)}
                    </Text>
                  ) : (
                    formatCount(r.blockedOrders)
                  )}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant={r.status === 'mapped' ? 'default' : 'filled'} onClick={() => setEditing(r)} data-testid={`map-sku-${r.sku}`}>
                    {r.status === 'mapped' ? 'Change' : 'Map'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && list.data.rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {filter === 'unmapped' ? 'Every SKU sold has an ERP item.' : 'No SKUs match.'}
        </Text>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="sku-total">
          {formatCount(total)} SKUs
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
      </Group>
      {editing && (
        <MapSkuModal
          row={editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null)
            setResult(r)
          }}
        />
      )}
    </Stack>
  )
}
