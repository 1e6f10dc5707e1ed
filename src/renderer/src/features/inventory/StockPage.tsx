import '@mantine/charts/styles.css'
import { LineChart } from '@mantine/charts'
import { Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useQuery } from '../../api'
import { HeldPushes } from './HeldPushes'
import { StockLists } from './StockLists'
import { SummaryCard } from './SummaryCard'

const PAGE = 50
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')
/** chart labels: runs can be seconds apart (a demo's first start, a run by hand after a scheduled one) */
const tick = (iso: string) => iso.slice(5, 19).replace('T', ' ')
/** Centra reports one stock total per size, so drift is per size over all mapped warehouses (id 0). */
const where = (warehouseId: number) => (warehouseId === 0 ? 'all' : String(warehouseId))

/** Stock & drift: held pushes first, how far apart the two sides are now and over time, then what could not be placed. */
export function StockPage() {
  const [offset, setOffset] = useState(0)
  const [by, setBy] = useState<'run' | 'day'>('run')
  const drift = useQuery('inventory.drift', { limit: PAGE, offset })
  const [sku, setSku] = useState<string | null>(null)
  const history = useQuery('inventory.skuHistory', { sku: sku ?? '-' })
  const trend = useQuery('inventory.trend', { days: 30, by })
  const held = useQuery('inventory.pushes', { state: 'held', limit: 1 })
  const total = drift.data?.total ?? 0
  const trendPoints = (trend.data ?? []).map((t) => ({ ...t, day: by === 'run' ? tick(t.day) : t.day }))
  const points = (history.data ?? []).map((h) => ({ at: tick(h.takenAt), erp: h.erpQty ?? 0, centra: h.centraQty ?? 0 }))
  return (
    <Stack>
      <Title order={2}>Stock &amp; drift</Title>
      <HeldPushes />

      <Title order={4}>Worst drift now {drift.data?.takenAt ? `(last run ${when(drift.data.takenAt)})` : ''}</Title>
      {(held.data ?? []).length > 0 && (
        <Text size="sm" c="orange.8" data-testid="drift-held-note">
          The last run was held for review: the ERP side below is what the ERP said then, which may be the mistake the push was held for.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="drift-summary">
        <SummaryCard label="Sizes apart" value={total} hint="Centra and the ERP disagree" testId="drift-sizes" />
        <SummaryCard label="Units apart" value={drift.data?.units ?? 0} hint="sum over those sizes" testId="drift-units" />
        <SummaryCard
          label="Oversell risk"
          value={drift.data?.oversell.sizes ?? 0}
          hint={`sizes where Centra shows more than the ERP has (${drift.data?.oversell.units ?? 0} units)`}
          testId="drift-oversell"
          color={(drift.data?.oversell.sizes ?? 0) > 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <Table data-testid="drift-table" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Warehouses</Table.Th>
            <Table.Th>ERP</Table.Th>
            <Table.Th>Centra</Table.Th>
            <Table.Th>Drift</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(drift.data?.rows ?? []).map((r) => (
            <Table.Tr key={`${r.sku}-${r.warehouseId}`} data-testid="drift-row" onClick={() => setSku(r.sku)} style={{ cursor: 'pointer' }}>
              <Table.Td>{r.sku}</Table.Td>
              <Table.Td>{where(r.warehouseId)}</Table.Td>
              <Table.Td>{r.erpQty ?? 'no record'}</Table.Td>
              <Table.Td>{r.centraQty ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={r.drift > 0 ? 'red' : 'yellow'}>{r.drift > 0 ? `+${r.drift}` : r.drift}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Text size="sm">{total === 0 ? 'No drift.' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total} drifting sizes (click one for its history)`}</Text>
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
          {points.length > 1 ? (
            <LineChart h={180} data={points} dataKey="at" series={[{ name: 'erp', label: 'ERP', color: 'blue.6' }, { name: 'centra', label: 'Centra', color: 'teal.6' }]} />
          ) : (
            <Text size="sm" c="dimmed">
              {/* a size in step and unchanged adds no history row, so one point means nothing changed since */}
              No change recorded since {history.data?.[0] ? when(history.data[0].takenAt) : 'the first run'}.
            </Text>
          )}
          {(history.data ?? []).slice(-10).map((h) => (
            <Text size="sm" key={`${h.takenAt}-${h.warehouseId}`}>
              {when(h.takenAt)}: ERP {h.erpQty ?? 'no record'}, Centra {h.centraQty ?? '—'}, drift {h.drift}
            </Text>
          ))}
        </Stack>
      )}

      <Group justify="space-between">
        <Title order={4}>Store drift over time</Title>
        <SegmentedControl
          size="xs"
          value={by}
          onChange={(v) => setBy(v as 'run' | 'day')}
          data={[
            { value: 'run', label: 'Per run' },
            { value: 'day', label: 'Per day (30 days)' },
          ]}
        />
      </Group>
      {trendPoints.length === 0 ? (
        <Text c="dimmed" size="sm">No stock run yet.</Text>
      ) : (
        <div data-testid="drift-trend">
          <LineChart
            h={200}
            data={trendPoints}
            dataKey="day"
            series={[
              { name: 'absDrift', label: 'Units apart (Centra vs ERP)', color: 'red.6' },
              { name: 'drifting', label: 'Sizes drifting', color: 'orange.6' },
            ]}
          />
        </div>
      )}

      <StockLists />
    </Stack>
  )
}
