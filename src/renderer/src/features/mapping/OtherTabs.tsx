import { Autocomplete, Button, Group, Pagination, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useApi, useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, formatDateTime } from '../../components/format'
import { ACTOR } from './actor'
import { useActor } from '../../components/useActor'
import { TaxCodesEditor } from '../settings/TaxCodesEditor'

export function TaxCodesTab() {
  const [name] = useActor()
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Which ERP tax code each Centra tax rate is posted with — the same tables as in Settings: one for all markets, and a market's own
        codes where its tax codes differ. Rates your orders use are listed with their order lines.
      </Text>
      <TaxCodesEditor actor={name || ACTOR} />
    </Stack>
  )
}

export function BundlesTab({ pageSize = 25 }: { pageSize?: number }) {
  const [page, setPage] = useState(1)
  const [search, setSearch] = useState('')
  const q = useQuery('mapping.listBundles', { limit: pageSize, offset: (page - 1) * pageSize, ...(search.trim() ? { search: search.trim() } : {}) }, { refreshOn: ['mapping', 'sync'] })
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / pageSize))
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Bundles sold in Centra and the component SKUs they were made of on the latest order. Each component needs its own ERP item.
        </Text>
        <TextInput placeholder="Search bundle" value={search} onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))} aria-label="Search bundles" />
      </Group>
      {q.error && <ErrorNote error={q.error} onRetry={q.refetch} />}
      <Table striped data-testid="bundle-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Bundle SKU</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Orders</Table.Th>
            <Table.Th>Components (per bundle → ERP item)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(q.data?.rows ?? []).map((b) => (
            <Table.Tr key={b.bundleSku} data-testid="bundle-row">
              <Table.Td>{b.bundleSku}</Table.Td>
              <Table.Td>{b.productName ?? '—'}</Table.Td>
              <Table.Td ta="right">{formatCount(b.orders)}</Table.Td>
              <Table.Td>
                {b.components.length === 0
                  ? '—'
                  : b.components.map((c, i) => (
                      <Text size="sm" key={i}>
                        {c.quantityPerBundle} × {c.sku ?? '(no SKU)'} → {c.erpItemNumber ?? <Text span c="red" size="sm">not mapped</Text>}
                      </Text>
                    ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {q.data && q.data.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No bundles on orders yet.
        </Text>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  )
}

export function WarehousesTab() {
  const api = useApi()
  const q = useQuery('mapping.listWarehouses', {}, { refreshOn: ['mapping'] })
  // Read from the ERP when the tab opens; without it (file exchange, ERP down) a code can still be typed.
  const locations = useQuery('mapping.erpLocations', {})
  const [warehouse, setWarehouse] = useState('')
  const [location, setLocation] = useState('')
  const [error, setError] = useState<string | null>(null)
  const save = async (centraWarehouse: string, erpLocation: string | null) => {
    setError(null)
    try {
      await api.call('mapping.setWarehouse', { centraWarehouse, erpLocation, actor: ACTOR })
      if (erpLocation) {
        setWarehouse('')
        setLocation('')
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Which ERP location's stock each Centra warehouse shows. Stock updates to Centra will use this list.
      </Text>
      <Table striped data-testid="warehouse-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Centra warehouse</Table.Th>
            <Table.Th>ERP location</Table.Th>
            <Table.Th>Changed</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(q.data?.rows ?? []).map((w) => (
            <Table.Tr key={w.centraWarehouse} data-testid="warehouse-row">
              <Table.Td>{w.centraWarehouse}</Table.Td>
              <Table.Td>{w.erpLocation}</Table.Td>
              <Table.Td>{formatDateTime(w.updatedAt)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => void save(w.centraWarehouse, null)}>
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <TextInput label="Centra warehouse" value={warehouse} onChange={(e) => setWarehouse(e.currentTarget.value)} data-testid="warehouse-name" />
        <Autocomplete
          label="ERP location code"
          value={location}
          onChange={setLocation}
          data={(locations.data?.rows ?? []).map((l) => ({ value: l.code, label: `${l.code} — ${l.displayName}` }))}
          data-testid="warehouse-location"
        />
        <Button onClick={() => void save(warehouse.trim(), location.trim())} disabled={!warehouse.trim() || !location.trim()} data-testid="warehouse-save">
          Save
        </Button>
      </Group>
      {locations.data?.available && (
        <Text size="sm" c="dimmed" data-testid="erp-locations">
          Locations in the ERP: {locations.data.rows.map((l) => `${l.code} (${l.displayName})`).join(', ') || 'none'}
        </Text>
      )}
      {locations.error && (
        <Text size="sm" c="dimmed">
          {locations.error.message} You can still type a location code.
        </Text>
      )}
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
    </Stack>
  )
}
