/**
 * The tax code table — Centra tax rate → ERP tax code — as one editable list, used in Settings and
 * on the Mapping screen. A row without a code means "let the ERP decide" and is not stored.
 */
import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { useApi, useQuery } from '../../api'
import { formatCount } from '../../components/format'
import { useSave } from './SettingsSection'
import { useDraft } from './useDraft'

interface Row {
  ratePercent: string
  code: string
}

function initialRows(saved: Row[], usage: Record<string, number>): Row[] {
  const rows = [...saved]
  for (const rate of Object.keys(usage)) if (!rows.some((r) => Number(r.ratePercent) === Number(rate))) rows.push({ ratePercent: rate, code: '' })
  return rows.sort((a, b) => Number(a.ratePercent) - Number(b.ratePercent))
}

function Editor({ saved, usage, actor }: { saved: Row[]; usage: Record<string, number>; actor: string }) {
  const api = useApi()
  const save = useSave()
  const [rows, setRows] = useDraft(initialRows(saved, usage))
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const showUsage = Object.keys(usage).length > 0
  const onSave = () =>
    void save.run(() =>
      api.call('settings.setTaxCodes', {
        actor,
        codes: rows.filter((r) => r.code.trim()).map((r) => ({ ratePercent: r.ratePercent.trim(), code: r.code.trim() })),
      }),
    )
  return (
    <Stack gap="sm">
      <Table data-testid="tax-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Centra tax rate (%)</Table.Th>
            <Table.Th>ERP tax code</Table.Th>
            {showUsage && <Table.Th ta="right">Order lines with this rate</Table.Th>}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i} data-testid="tax-row">
              <Table.Td>
                <TextInput size="xs" w={110} value={r.ratePercent} onChange={(e) => set(i, { ratePercent: e.currentTarget.value })} aria-label="Tax rate in percent" data-testid="tax-rate" />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" w={180} placeholder="ERP default" value={r.code} onChange={(e) => set(i, { code: e.currentTarget.value })} aria-label={`ERP tax code for ${r.ratePercent} %`} data-testid="tax-code" />
              </Table.Td>
              {showUsage && <Table.Td ta="right">{formatCount(usage[r.ratePercent] ?? 0)}</Table.Td>}
              <Table.Td>
                <ActionIcon variant="subtle" color="gray" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove ${r.ratePercent} %`}>
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="sm">
        <Button variant="default" onClick={() => setRows((rs) => [...rs, { ratePercent: '', code: '' }])} data-testid="tax-add">
          Add a rate
        </Button>
        <Button onClick={onSave} loading={save.busy} disabled={!actor} data-testid="tax-save">
          Save tax codes
        </Button>
      </Group>
      {save.result && (
        <Text size="sm" c={save.result.ok ? 'teal' : 'red'} data-testid="tax-result">
          {save.result.message}
        </Text>
      )}
    </Stack>
  )
}

/** `usage`: order lines per rate (the Mapping screen shows them); rates in use but unmapped get an empty row. */
export function TaxCodesEditor({ actor, usage = {} }: { actor: string; usage?: Record<string, number> }) {
  const settings = useQuery('settings.get', {}, { refreshOn: ['settings'] })
  if (!settings.data) return null
  const saved = settings.data.taxCodes
  return <Editor saved={saved} usage={usage} actor={actor} />
}
