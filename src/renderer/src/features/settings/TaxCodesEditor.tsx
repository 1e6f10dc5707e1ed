/**
 * The tax code tables — Centra tax rate → ERP tax code — for all markets and per market, as one
 * editable list with a market selector, used in Settings and on the Mapping screen. A row without
 * a code is not stored. For an order the market's own codes are asked first, then those for all
 * markets (the rule is in the engine's tax-codes.ts and in docs/runbooks/finance.md).
 */
import { ActionIcon, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { MethodOutput } from '@shared/contract'
import { useApi, useQuery } from '../../api'
import { formatCount } from '../../components/format'
import { useSave } from './SettingsSection'
import { useDraft } from './useDraft'

interface Row {
  ratePercent: string
  code: string
}

type Usage = MethodOutput<'mapping.taxCodes'>

function initialRows(saved: Row[], usage: Record<string, number>): Row[] {
  const rows = [...saved]
  for (const rate of Object.keys(usage)) if (!rows.some((r) => Number(r.ratePercent) === Number(rate))) rows.push({ ratePercent: rate, code: '' })
  return rows.sort((a, b) => Number(a.ratePercent) - Number(b.ratePercent))
}

function codeFor(rows: Row[], rate: string): string | null {
  return rows.find((r) => r.ratePercent.trim() !== '' && Number(r.ratePercent) === Number(rate))?.code ?? null
}

function Editor(props: { market: string | null; saved: Row[]; forAllMarkets: Row[]; usage: Record<string, number>; actor: string }) {
  const { market, saved, forAllMarkets, usage, actor } = props
  const api = useApi()
  const save = useSave()
  const [rows, setRows] = useDraft(initialRows(saved, usage))
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const showUsage = Object.keys(usage).length > 0
  const onSave = () =>
    void save.run(() =>
      api.call('settings.setTaxCodes', {
        actor,
        ...(market === null ? {} : { market }),
        codes: rows.filter((r) => r.code.trim()).map((r) => ({ ratePercent: r.ratePercent.trim(), code: r.code.trim() })),
      }),
    )
  return (
    <Stack gap="sm">
      <Table data-testid="tax-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Centra tax rate (%)</Table.Th>
            <Table.Th>{market === null ? 'ERP tax code' : `ERP tax code in ${market}`}</Table.Th>
            {market !== null && <Table.Th>For all markets</Table.Th>}
            {showUsage && <Table.Th ta="right">{market === null ? 'Order lines with this rate' : `Order lines in ${market}`}</Table.Th>}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const fallback = market === null ? null : codeFor(forAllMarkets, r.ratePercent)
            return (
              <Table.Tr key={i} data-testid="tax-row">
                <Table.Td>
                  <TextInput size="xs" w={110} value={r.ratePercent} onChange={(e) => set(i, { ratePercent: e.currentTarget.value })} aria-label="Tax rate in percent" data-testid="tax-rate" />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={180}
                    placeholder={market === null ? 'ERP default' : (fallback ?? 'none')}
                    value={r.code}
                    onChange={(e) => set(i, { code: e.currentTarget.value })}
                    aria-label={`ERP tax code for ${r.ratePercent} %${market === null ? '' : ` in ${market}`}`}
                    data-testid="tax-code"
                  />
                </Table.Td>
                {market !== null && (
                  <Table.Td data-testid="tax-fallback">
                    <Text size="sm" c="dimmed">
                      {fallback ?? '—'}
                    </Text>
                  </Table.Td>
                )}
                {showUsage && <Table.Td ta="right">{formatCount(usage[r.ratePercent] ?? 0)}</Table.Td>}
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove ${r.ratePercent} %`}>
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      <Group gap="sm">
        <Button variant="default" onClick={() => setRows((rs) => [...rs, { ratePercent: '', code: '' }])} data-testid="tax-add">
          Add a rate
        </Button>
        <Button onClick={onSave} loading={save.busy} disabled={!actor} data-testid="tax-save">
          {market === null ? 'Save tax codes' : `Save tax codes for ${market}`}
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

function marketChoices(usage: Usage | undefined, configured: string[]): { value: string; label: string }[] {
  const byName = new Map<string, { lines: number; own: boolean }>()
  for (const m of configured) byName.set(m, { lines: 0, own: true })
  for (const m of usage?.markets ?? []) byName.set(m.market, { lines: m.orderLines, own: m.ownCodes > 0 || configured.includes(m.market) })
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([market, m]) => ({ value: market, label: `${market} — ${m.own ? 'own codes' : 'codes for all markets'}` }))
}

/**
 * The editor with its market selector. Markets are those orders name and those with codes of their
 * own; the order lines per rate come from the Mapping screen's figures (left out if unreadable).
 */
export function TaxCodesEditor({ actor }: { actor: string }) {
  const [market, setMarket] = useState<string | null>(null)
  const settings = useQuery('settings.get', {}, { refreshOn: ['settings'] })
  const usage = useQuery('mapping.taxCodes', market === null ? {} : { market }, { refreshOn: ['mapping', 'sync', 'settings'] })
  if (!settings.data) return null
  const view = settings.data
  const saved = market === null ? view.taxCodes : (view.taxCodesByMarket.find((m) => m.market === market)?.codes ?? [])
  const lines = Object.fromEntries((usage.data?.rows ?? []).filter((r) => r.orderLines > 0).map((r) => [r.ratePercent, r.orderLines]))
  return (
    <Stack gap="sm">
      <Select
        label="Market"
        description="A market's own codes are used first; a rate it has none for takes the code for all markets."
        placeholder="All markets"
        clearable
        data={marketChoices(usage.data, view.taxCodesByMarket.map((m) => m.market))}
        value={market}
        onChange={setMarket}
        data-testid="tax-market"
        w={360}
      />
      <Editor key={market ?? ''} market={market} saved={saved} forAllMarkets={view.taxCodes} usage={lines} actor={actor} />
      <Text size="xs" c="dimmed">
        Once a market has a code in either list, an order of that market with a rate in neither is held back (“Tax rate not mapped”, for
        finance) rather than posted with the ERP's default code. With both lists empty, the ERP's item and customer set-up decides.
      </Text>
    </Stack>
  )
}
