import { Stack, Tabs, Text, Title } from '@mantine/core'
import { ImportTab } from './ImportTab'
import { BundlesTab, TaxCodesTab, WarehousesTab } from './OtherTabs'
import { SkuCoverageTab } from './SkuCoverageTab'

/** Ecommerce's mapping between Centra and the ERP: SKUs, imports, tax codes, bundles, warehouses. */
export function MappingPage() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Mapping
        </Title>
        <Text c="dimmed">Which ERP item, tax code and location each Centra SKU, tax rate and warehouse goes to.</Text>
      </div>
      <Tabs defaultValue="skus" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="skus" data-testid="tab-skus">
            SKUs
          </Tabs.Tab>
          <Tabs.Tab value="import" data-testid="tab-import">
            Import / export
          </Tabs.Tab>
          <Tabs.Tab value="tax" data-testid="tab-tax">
            Tax codes
          </Tabs.Tab>
          <Tabs.Tab value="bundles" data-testid="tab-bundles">
            Bundles
          </Tabs.Tab>
          <Tabs.Tab value="warehouses" data-testid="tab-warehouses">
            Warehouses
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="skus" pt="md">
          <SkuCoverageTab />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportTab />
        </Tabs.Panel>
        <Tabs.Panel value="tax" pt="md">
          <TaxCodesTab />
        </Tabs.Panel>
        <Tabs.Panel value="bundles" pt="md">
          <BundlesTab />
        </Tabs.Panel>
        <Tabs.Panel value="warehouses" pt="md">
          <WarehousesTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
