import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useState } from 'react'
import type { SetMappingResult, SkuCoverageRow } from '@shared/contract'
import { ApiError, useApi, useQuery } from '../../api'
import { formatCount } from '../../components/format'
import { ACTOR } from './actor'

/** Map one SKU: pick an ERP item Instep has read, or type a number and confirm it is new. */
export function MapSkuModal({ row, onClose, onSaved }: { row: SkuCoverageRow; onClose: () => void; onSaved: (r: SetMappingResult) => void }) {
  const api = useApi()
  const [itemNumber, setItemNumber] = useState(row.erpItemNumber ?? '')
  const [variantCode, setVariantCode] = useState(row.erpVariantCode ?? '')
  const [confirmNew, setConfirmNew] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const items = useQuery('mapping.searchItems', { search: itemNumber.trim(), limit: 8 }, { refreshOn: ['mapping'] })
  const exact = items.data?.rows.some((i) => i.number === itemNumber.trim()) ?? false
  const typed = itemNumber.trim()
  const variants = useQuery('mapping.itemVariants', { itemNumber: typed || '-' }, { refreshOn: ['mapping'] })
  const variant = variantCode.trim().toUpperCase()
  const knownVariant = !variant || (variants.data?.rows.some((v) => v.code === variant) ?? true)
  const needsConfirm = !exact || !knownVariant
  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      onSaved(
        await api.call('mapping.setSku', { sku: row.sku, erpItemNumber: typed, erpVariantCode: variant || null, confirmNewItem: needsConfirm && confirmNew, actor: ACTOR }),
      )
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const remove = async () => {
    setBusy(true)
    try {
      await api.call('mapping.removeSku', { sku: row.sku, actor: ACTOR })
      onClose()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Map SKU ${row.sku}`} size="lg">
      <Stack gap="sm" data-testid="map-sku-modal">
        <Text size="sm" c="dimmed">
          {row.productName ?? 'Unnamed product'}
          {row.ean ? ` · EAN ${row.ean}` : ''} · sold on {formatCount(row.orders)} orders
          {row.blockedOrders > 0 ? `, ${formatCount(row.blockedOrders)} of them waiting for this mapping` : ''}
        </Text>
        {row.candidates.length > 0 && (
          <Alert color="yellow" variant="light">
            Several ERP items share this EAN: {row.candidates.join(', ')}. Choose the right one.
          </Alert>
        )}
        <TextInput
          label="ERP item number"
          description="Type an item number or part of a name, then pick the item."
          value={itemNumber}
          onChange={(e) => (setItemNumber(e.currentTarget.value), setConfirmNew(false))}
          data-testid="item-search"
          autoFocus
        />
        <Stack gap={4} data-testid="item-options">
          {(items.data?.rows ?? []).map((i) => (
            <UnstyledButton
              key={i.number}
              onClick={() => setItemNumber(i.number)}
              data-testid={`item-option-${i.number}`}
              style={{ padding: '4px 8px', borderRadius: 4, background: i.number === typed ? 'var(--mantine-color-blue-light)' : undefined }}
            >
              <Text size="sm">
                <b>{i.number}</b> — {i.displayName}
                {i.gtin ? ` · GTIN ${i.gtin}` : ''}
              </Text>
            </UnstyledButton>
          ))}
          {items.data && items.data.rows.length === 0 && typed && (
            <Text size="sm" c="dimmed">
              No ERP item matches “{typed}”.
            </Text>
          )}
        </Stack>
        <TextInput
          label="ERP variant code (optional)"
          description={
            (variants.data?.rows.length ?? 0) > 0
              ? `Variants of ${typed} in the ERP: ${variants.data!.rows.map((v) => v.code).join(', ')}`
              : 'Only when the ERP keeps this size as a variant of the item (e.g. one item per style, a variant per size).'
          }
          value={variantCode}
          onChange={(e) => (setVariantCode(e.currentTarget.value), setConfirmNew(false))}
          data-testid="variant-code"
        />
        {typed && items.data && exact && !knownVariant && (
          <Alert color="orange" variant="light" data-testid="new-variant-warning">
            <Stack gap={6}>
              <Text size="sm">
                ERP item {typed} has no variant {variant} among the variants Instep has read. Orders with this SKU are held back before they
                are sent, unless the variant exists in the ERP by then.
              </Text>
              <Checkbox
                label="I know this variant is new in the ERP — map it anyway"
                checked={confirmNew}
                onChange={(e) => setConfirmNew(e.currentTarget.checked)}
                data-testid="confirm-new-variant"
              />
            </Stack>
          </Alert>
        )}
        {typed && items.data && !exact && (
          <Alert color="orange" variant="light" data-testid="new-item-warning">
            <Stack gap={6}>
              <Text size="sm">
                ERP item {typed} is not among the items Instep has read from the ERP. Orders with this SKU will be refused by the ERP unless
                the item exists there by the time they are sent.
              </Text>
              <Checkbox
                label="I know this item is new in the ERP — map it anyway"
                checked={confirmNew}
                onChange={(e) => setConfirmNew(e.currentTarget.checked)}
                data-testid="confirm-new-item"
              />
            </Stack>
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="space-between">
          {row.erpItemNumber ? (
            <Button variant="subtle" color="red" onClick={() => void remove()} loading={busy} data-testid="remove-mapping">
              Remove mapping
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void save()} disabled={!typed || (needsConfirm && !confirmNew)} loading={busy} data-testid="save-mapping">
              Save mapping
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  )
}
