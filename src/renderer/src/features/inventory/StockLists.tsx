import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useQuery } from '../../api'

const SHOWN = 50

function ListCard({ title, hint, count, testId, children }: { title: string; hint: string; count: number; testId: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Badge color={count > 0 ? 'orange' : 'gray'} data-testid={`${testId}-count`}>
            {count}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {count === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : (
          children
        )}
        {count > SHOWN && (
          <Text size="xs" c="dimmed">
            … and {count - SHOWN} more.
          </Text>
        )}
      </Stack>
    </Card>
  )
}

/** What the last stock run could not place, and what changed in Centra behind Instep's back. */
export function StockLists() {
  const lists = useQuery('inventory.lists', {})
  const l = lists.data
  if (!l) return null
  return (
    <Stack gap="xs">
      <Title order={4}>From the last run {l.at ? `(${l.at.slice(0, 16).replace('T', ' ')})` : ''}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ListCard
          title="Changed in Centra since the last push"
          hint="Centra's total is not what Instep last set: edited by hand, by another integration, or orders shipped. The next sweep sets them again."
          count={l.handEdited.length}
          testId="list-hand-edited"
        >
          {l.handEdited.slice(0, SHOWN).map((h) => (
            <Text size="sm" key={`${h.sku}-${h.warehouseId}`}>
              {h.sku}: set to {h.pushed}, now {h.centra} ({h.centra > h.pushed ? `+${h.centra - h.pushed}` : h.centra - h.pushed})
            </Text>
          ))}
        </ListCard>
        <ListCard
          title="Selling in Centra with no ERP stock record"
          hint="Centra sizes with stock the ERP reports nothing for (not mapped, or no ERP record): Instep leaves their level alone."
          count={l.withoutErpRecord.length}
          testId="list-without-erp"
        >
          <Text size="sm">{l.withoutErpRecord.slice(0, SHOWN).join(', ')}</Text>
        </ListCard>
        <ListCard title="ERP items without a SKU" hint="Map them on the Mapping screen to send their stock." count={l.unmappedItems.length} testId="list-unmapped-items">
          <Text size="sm" data-testid="unmapped-items">
            {l.unmappedItems.slice(0, SHOWN).join(', ')}
          </Text>
        </ListCard>
        <ListCard
          title="ERP items not split to sizes"
          hint="Several SKUs share the item, or its sizes are mapped per variant while the ERP gives one total: not guessed."
          count={l.ambiguousItems.length}
          testId="list-ambiguous"
        >
          {l.ambiguousItems.slice(0, SHOWN).map((a) => (
            <Text size="sm" key={a.itemNumber}>
              {a.itemNumber}: {a.skus.join(', ')}
            </Text>
          ))}
        </ListCard>
        <ListCard title="ERP locations without a Centra warehouse" hint="Stock there is not sent (setting stock.warehouses)." count={l.unmappedLocations.length} testId="list-locations">
          <Text size="sm">{l.unmappedLocations.join(', ')}</Text>
        </ListCard>
      </SimpleGrid>
    </Stack>
  )
}
