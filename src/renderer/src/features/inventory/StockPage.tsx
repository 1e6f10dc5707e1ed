import '@mantine/charts/styles.css'
import { LineChart } from '@mantine/charts'
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useQuery } from '../../api'
import { HeldPushes } from './HeldPushes'

const PAGE = 50

/** Stock & drift: held pushes first, then the sizes furthest apart (Centra − ERP), then what could not be placed. */
export function StockPage() {
  const [offset, setOffset] = useState(0)
  const drift = useQuery('inventory.drift', { limit: PAGE, offset })
  const lists = useQuery('inventory.lists', {})
  const [sku, setSku] = useState<string | null>(null)
  const history = useQuery('inventory.skuHistory', { sku: sku ?? '-' })
  const trend = useQuery('inventory.trend', { days: 30 })
  const total = drift.data?.total ?? 0
  const points = (history.data ?? []).map((h) => ({ at: `${h.takenAt.slice(5, 16).replace('T', ' ')} · ${h.warehouseId}`, erp: h.erpQty ?? 0, centra: h.centraQty ?? 0 }))
  return (
    <Stack>
      <Title order={2}>Stock &amp; drift</Title>
      <HeldPushes />
      <Title order={4}>Drift per day</Title>
      {(trend.data ?? []).length === 0 ? (
        <Text c="dimmed" size="sm">No stock run yet.</Text>
      ) : (
        <LineChart
          h={200}
          data={trend.data ?? []}
          dataKey="day"
          series={[
            { name: 'absDrift', label: 'Units apart (Centra vs ERP)', color: 'red.6' },
            { name: 'drifting', label: 'Sizes drifting', color: 'orange.6' },
          ]}
        />
      )}
      <Title order={4}>Worst drift {drift.data?.takenAt ? `(last run ${drift.data.takenAt.slice(0, 16).replace('T', ' ')})` : ''}</Title>
      <Table data-testid="drift-table" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Warehouse</Table.Th>
            <Table.Th>ERP</Table.Th>
            <Table.Th>Centra</Table.Th>
            <Table.Th>Drift</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(drift.data?.rows ?? []).map((r) => (
            <Table.Tr key={`${r.sku}-${r.warehouseId}`} onClick={() => setSku(r.sku)} style={{ cursor: 'pointer' }}>
              <Table.Td>{r.sku}</Table.Td>
              <Table.Td>{r.warehouseId}</Table.Td>
              <Table.Td>{r.erpQty ?? '—'}</Table.Td>
              <Table.Td>{r.centraQty ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={r.drift > 0 ? 'red' : 'yellow'}>{r.drift > 0 ? `+${r.drift}` : r.drift}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Text size="sm">{total === 0 ? 'No drift.' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total} drifting sizes`}</Text>
        <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </Button>
        <Button size="xs" variant="default" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </Button>
      </Group>
      {sku && (
        <Stack gap={4} data-testid="sku-history">
          <Title order={5}>{sku} over time</Title>
          {points.length > 1 && (
            <LineChart h={180} data={points} dataKey="at" series={[{ name: 'erp', label: 'ERP', color: 'blue.6' }, { name: 'centra', label: 'Centra', color: 'teal.6' }]} />
          )}
          {(history.data ?? []).map((h) => (
            <Text size="sm" key={`${h.takenAt}-${h.warehouseId}`}>
              {h.takenAt.slice(0, 16).replace('T', ' ')} · warehouse {h.warehouseId}: ERP {h.erpQty ?? '—'}, Centra {h.centraQty ?? '—'}, drift {h.drift}
            </Text>
          ))}
        </Stack>
      )}
      <Title order={4}>Not placed on the last run</Title>
      <Text size="sm" data-testid="unmapped-items">ERP items without a SKU: {lists.data?.unmappedItems.join(', ') || 'none'}</Text>
      <Text size="sm">ERP items with several SKUs: {lists.data?.ambiguousItems.map((a) => `${a.itemNumber} (${a.skus.join(', ')})`).join('; ') || 'none'}</Text>
      <Text size="sm">ERP locations without a warehouse: {lists.data?.unmappedLocations.join(', ') || 'none'}</Text>
      <Text size="sm">Centra sizes without ERP stock: {lists.data?.withoutErpRecord.slice(0, 50).join(', ') || 'none'}</Text>
      <Text size="sm">Changed by hand in Centra since the last push: {lists.data?.handEdited.slice(0, 50).map((h) => `${h.sku} (${h.pushed} → ${h.centra})`).join(', ') || 'none'}</Text>
    </Stack>
  )
}
