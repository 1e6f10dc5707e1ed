import { Badge, Button, Checkbox, FileButton, Group, Stack, Table, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import type { ImportPreview } from '@shared/contract'
import { useApi } from '../../api'
import { formatCount } from '../../components/format'
import { ACTOR } from './actor'
import { RetryOffer } from './RetryOffer'

const ACTION = {
  add: { label: 'New', color: 'green' },
  change: { label: 'Changed', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  reject: { label: 'Rejected', color: 'red' },
} as const

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** CSV in: a dry run first (what would change and what is refused, with reasons), then apply. CSV out: the current map. */
export function ImportTab() {
  const api = useApi()
  const [csv, setCsv] = useState('')
  const [allowNew, setAllowNew] = useState(false)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [applied, setApplied] = useState<{ saved: number; ordersToRelease: number; exceptionIds: number[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const doPreview = () => run(async () => setPreview(await api.call('mapping.previewImport', { csv, allowNewItems: allowNew })))
  const doApply = () =>
    run(async () => {
      const r = await api.call('mapping.applyImport', { csv, allowNewItems: allowNew, actor: ACTOR })
      setPreview(null)
      setApplied({ saved: r.preview.counts.add + r.preview.counts.change, ordersToRelease: r.ordersToRelease, exceptionIds: r.exceptionIds })
    })
  const doExport = () =>
    run(async () => {
      const r = await api.call('mapping.exportCsv', {})
      download('sku-map.csv', r.csv)
    })

  const changes = preview ? preview.counts.add + preview.counts.change : 0
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Columns: <code>sku,ean,erp_item_number</code> and, where a size is a variant of an ERP item, <code>erp_variant_code</code> (EAN
          and variant code may be empty). Nothing changes until you apply the preview.
        </Text>
        <Group>
          <FileButton onChange={(f) => void f?.text().then((t) => (setCsv(t), setPreview(null)))} accept=".csv,text/csv">
            {(props) => (
              <Button variant="default" {...props}>
                Choose a CSV file…
              </Button>
            )}
          </FileButton>
          <Button variant="default" onClick={() => void doExport()} data-testid="export-csv">
            Export current map
          </Button>
        </Group>
      </Group>
      <Textarea
        label="Mappings to import"
        placeholder={'sku,ean,erp_item_number\nTSHIRT-BLK-M,7350000000012,1000-BLK-M'}
        rows={8}
        resize="vertical"
        value={csv}
        onChange={(e) => (setCsv(e.currentTarget.value), setPreview(null))}
        data-testid="import-csv"
      />
      <Checkbox
        label="Accept ERP item numbers Instep has not seen (items new to the ERP)"
        checked={allowNew}
        onChange={(e) => (setAllowNew(e.currentTarget.checked), setPreview(null))}
      />
      <Group>
        <Button onClick={() => void doPreview()} disabled={!csv.trim()} loading={busy} data-testid="preview-import">
          Preview
        </Button>
        {preview && (
          <Button color="green" onClick={() => void doApply()} disabled={changes === 0} loading={busy} data-testid="apply-import">
            Apply {formatCount(changes)} {changes === 1 ? 'change' : 'changes'}
          </Button>
        )}
      </Group>
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      {applied && (
        <RetryOffer
          what={`Imported ${formatCount(applied.saved)} mappings.`}
          ordersToRelease={applied.ordersToRelease}
          exceptionIds={applied.exceptionIds}
          onClose={() => setApplied(null)}
        />
      )}
      {preview && (
        <Stack gap="xs" data-testid="import-preview">
          <Text size="sm" data-testid="import-counts">
            {formatCount(preview.counts.add)} new, {formatCount(preview.counts.change)} changed, {formatCount(preview.counts.unchanged)} unchanged,{' '}
            {formatCount(preview.counts.reject)} rejected
          </Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>SKU</Table.Th>
                <Table.Th>ERP item</Table.Th>
                <Table.Th>What happens</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.slice(0, 500).map((r) => (
                <Table.Tr key={r.line} data-testid="import-row" data-action={r.action}>
                  <Table.Td>{r.line}</Table.Td>
                  <Table.Td>{r.sku || '—'}</Table.Td>
                  <Table.Td>
                    {r.erpItemNumber || '—'}
                    {r.erpVariantCode ? ` variant ${r.erpVariantCode}` : ''}
                    {r.action === 'change' && r.previous ? ` (was ${r.previous})` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ACTION[r.action].color}>{ACTION[r.action].label}</Badge>
                  </Table.Td>
                  <Table.Td>{r.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.rows.length > 500 && (
            <Text size="xs" c="dimmed">
              Showing the first 500 of {formatCount(preview.rows.length)} rows.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  )
}
