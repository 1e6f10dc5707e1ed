import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { MethodInput, SkuCoverageRow } from '@shared/contract'
import { MappingPage } from '../../src/renderer/src/features/mapping/MappingPage'
import { createFakeTransport, FakeError } from './fake-transport'
import { renderWithApi } from './render'

const sku = (over: Partial<SkuCoverageRow>): SkuCoverageRow => ({
  sku: 'S',
  ean: null,
  productName: 'Tee',
  erpItemNumber: null,
  erpVariantCode: null,
  erpItemName: null,
  erpItemKnown: false,
  origin: null,
  status: 'unmapped',
  candidates: [],
  orders: 3,
  units: 4,
  blockedOrders: 3,
  ...over,
})

function fakeCore() {
  return createFakeTransport({
    'mapping.listSkus': (input: MethodInput<'mapping.listSkus'>) => {
      const all = [sku({ sku: 'TEE-BLK-M' }), sku({ sku: 'TEE-WHT-S', erpItemNumber: '1000', erpItemName: 'Tee white S', erpItemKnown: true, origin: 'auto', status: 'mapped', blockedOrders: 0 })]
      const rows = all.filter((r) => !input.status || input.status === 'all' || r.status === input.status)
      return { rows, total: rows.length, counts: { all: 2, mapped: 1, unmapped: 1, ambiguous: 0 } }
    },
    'mapping.searchItems': ({ search }) => ({
      rows: [
        { number: '1000', displayName: 'Tee white S', gtin: null },
        { number: '1001', displayName: 'Tee black M', gtin: '7350000000012' },
      ].filter((i) => !search || i.number.includes(search) || i.displayName.toLowerCase().includes(search.toLowerCase())),
    }),
    'mapping.setSku': ({ sku, erpItemNumber, erpVariantCode, confirmNewItem }) => {
      if (erpItemNumber !== '1001' && !confirmNewItem) throw new FakeError({ code: 'conflict', message: 'not known', retryable: false })
      return { sku, erpItemNumber, erpVariantCode: erpVariantCode ?? null, ordersToRelease: 3, exceptionIds: [7] }
    },
    'mapping.listWarehouses': () => ({ rows: [] }),
    'mapping.erpLocations': () => ({ available: true, rows: [{ code: 'MAIN', displayName: 'Main EU' }, { code: 'US-EAST', displayName: 'US East' }] }),
    'mapping.setWarehouse': ({ centraWarehouse, erpLocation }) => ({ rows: erpLocation ? [{ centraWarehouse, erpLocation, updatedAt: '2026-11-27T10:00:00Z' }] : [] }),
    'mapping.itemVariants': ({ itemNumber }) => ({ rows: itemNumber === '1001' ? [{ code: 'M', description: 'Medium' }, { code: 'L', description: 'Large' }] : [] }),
    'exceptions.retry': ({ ids }) => ({ runId: 1, orders: ids.length * 3 }),
    'mapping.previewImport': () => ({
      counts: { add: 1, change: 0, unchanged: 0, reject: 1 },
      rows: [
        { line: 2, sku: 'A', ean: null, erpItemNumber: '1000', erpVariantCode: null, action: 'add' as const, previous: null, reason: null },
        { line: 3, sku: 'A', ean: null, erpItemNumber: '1001', erpVariantCode: 'M', action: 'reject' as const, previous: null, reason: 'SKU A is already on line 2 of this file.' },
      ],
    }),
  })
}

describe('Mapping page', () => {
  it('shows SKUs not mapped with the orders they hold back, maps one to a picked ERP item and offers the retry', async () => {
    const fake = fakeCore()
    renderWithApi(<MappingPage />, fake)
    await waitFor(() => expect(screen.getAllByTestId('sku-row')).toHaveLength(2))
    const unmappedRow = screen.getAllByTestId('sku-row').find((r) => r.getAttribute('data-sku') === 'TEE-BLK-M')!
    expect(within(unmappedRow).getByText('not mapped')).toBeTruthy()

    fireEvent.click(screen.getByTestId('map-sku-TEE-BLK-M'))
    await waitFor(() => expect(screen.getByTestId('item-option-1001')).toBeTruthy())
    fireEvent.click(screen.getByTestId('item-option-1001'))
    await waitFor(() => expect((screen.getByTestId('save-mapping') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByTestId('save-mapping'))

    await waitFor(() => expect(screen.getByTestId('mapping-result').textContent).toContain('SKU TEE-BLK-M now maps to ERP item 1001'))
    expect(fake.callsOf('mapping.setSku')[0]).toMatchObject({ sku: 'TEE-BLK-M', erpItemNumber: '1001', confirmNewItem: false })
    expect(screen.getByTestId('retry-offer-text').textContent).toBe('This unblocks 3 orders. Send them to the ERP now?')
    fireEvent.click(screen.getByTestId('retry-offer'))
    await waitFor(() => expect(screen.getByTestId('retry-started').textContent).toContain('Sending 3 orders to the ERP now'))
    expect(fake.callsOf('exceptions.retry')[0]).toMatchObject({ ids: [7] })
  })

  it('asks for confirmation before mapping to an item number the ERP is not known to have', async () => {
    const fake = fakeCore()
    renderWithApi(<MappingPage />, fake)
    await waitFor(() => expect(screen.getByTestId('map-sku-TEE-BLK-M')).toBeTruthy())
    fireEvent.click(screen.getByTestId('map-sku-TEE-BLK-M'))
    fireEvent.change(screen.getByTestId('item-search'), { target: { value: 'NEW-9' } })
    await waitFor(() => expect(screen.getByTestId('new-item-warning').textContent).toContain('ERP item NEW-9 is not among the items'))
    expect((screen.getByTestId('save-mapping') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByLabelText(/this item is new in the ERP/))
    await waitFor(() => expect((screen.getByTestId('save-mapping') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByTestId('save-mapping'))
    await waitFor(() => expect(fake.callsOf('mapping.setSku')[0]).toMatchObject({ erpItemNumber: 'NEW-9', confirmNewItem: true }))
  })

  it('maps a SKU to a variant of an item, and asks before a variant the ERP is not known to have', async () => {
    const fake = fakeCore()
    renderWithApi(<MappingPage />, fake)
    await waitFor(() => expect(screen.getByTestId('map-sku-TEE-BLK-M')).toBeTruthy())
    fireEvent.click(screen.getByTestId('map-sku-TEE-BLK-M'))
    await waitFor(() => expect(screen.getByTestId('item-option-1001')).toBeTruthy())
    fireEvent.click(screen.getByTestId('item-option-1001'))
    await waitFor(() => expect(screen.getByText('Variants of 1001 in the ERP: M, L')).toBeTruthy())
    fireEvent.change(screen.getByTestId('variant-code'), { target: { value: 'xl' } })
    await waitFor(() => expect(screen.getByTestId('new-variant-warning').textContent).toContain('ERP item 1001 has no variant XL'))
    expect((screen.getByTestId('save-mapping') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(screen.getByTestId('variant-code'), { target: { value: 'm' } })
    await waitFor(() => expect((screen.getByTestId('save-mapping') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByTestId('save-mapping'))
    await waitFor(() => expect(screen.getByTestId('mapping-result').textContent).toContain('SKU TEE-BLK-M now maps to ERP item 1001 variant M'))
    expect(fake.callsOf('mapping.setSku')[0]).toMatchObject({ sku: 'TEE-BLK-M', erpItemNumber: '1001', erpVariantCode: 'M', confirmNewItem: false })
  })

  it("offers the ERP's locations for a Centra warehouse", async () => {
    const fake = fakeCore()
    renderWithApi(<MappingPage />, fake)
    fireEvent.click(screen.getByTestId('tab-warehouses'))
    await waitFor(() => expect(screen.getByTestId('erp-locations').textContent).toBe('Locations in the ERP: MAIN (Main EU), US-EAST (US East)'))
    fireEvent.change(screen.getByTestId('warehouse-name'), { target: { value: 'Main EU' } })
    fireEvent.change(screen.getByTestId('warehouse-location'), { target: { value: 'MAIN' } })
    fireEvent.click(screen.getByTestId('warehouse-save'))
    await waitFor(() => expect(fake.callsOf('mapping.setWarehouse')[0]).toMatchObject({ centraWarehouse: 'Main EU', erpLocation: 'MAIN' }))
  })

  it('previews an import with reasons before anything is applied', async () => {
    const fake = fakeCore()
    renderWithApi(<MappingPage />, fake)
    fireEvent.click(screen.getByTestId('tab-import'))
    fireEvent.change(await screen.findByTestId('import-csv'), { target: { value: 'sku,ean,erp_item_number\nA,,1000\nA,,1001' } })
    fireEvent.click(screen.getByTestId('preview-import'))
    await waitFor(() => expect(screen.getByTestId('import-counts').textContent).toBe('1 new, 0 changed, 0 unchanged, 1 rejected'))
    expect(screen.getByText('SKU A is already on line 2 of this file.')).toBeTruthy()
    expect(screen.getByTestId('apply-import').textContent).toBe('Apply 1 change')
    expect(fake.callsOf('mapping.applyImport' as never)).toHaveLength(0)
  })
})
