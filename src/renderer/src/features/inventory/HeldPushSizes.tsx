import { Table, Text } from '@mantine/core'
import { useQuery } from '../../api'

const SHOWN = 25

/** The first sizes a held push would set, most urgent first, so a reviewer sees what would change. */
export function HeldPushSizes({ pushId, sizesChanged }: { pushId: number; sizesChanged: number }) {
  const rows = useQuery('inventory.pushRows', { pushId, limit: SHOWN })
  return (
    <>
      <Table mt="xs" withTableBorder data-testid={`held-sizes-${pushId}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Warehouse</Table.Th>
            <Table.Th>Centra now</Table.Th>
            <Table.Th>Would be set to</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows.data ?? []).map((r) => (
            <Table.Tr key={`${r.sku}-${r.warehouseId}`}>
              <Table.Td>{r.sku}</Table.Td>
              <Table.Td>{r.warehouseId}</Table.Td>
              {/* with several warehouses Centra reports one total per size, so one warehouse's level may be unknown */}
              <Table.Td>{r.beforeQty ?? 'not known'}</Table.Td>
              <Table.Td>{r.afterQty}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {sizesChanged > SHOWN && (
        <Text size="xs" c="dimmed">
          The first {SHOWN} of {sizesChanged}, most urgent first.
        </Text>
      )}
    </>
  )
}
