/**
 * Month-end: one period at a time. Totals on both sides, the variance broken down by cause with
 * the orders behind each number, the sync checks, and the decisions finance records before it
 * signs the period off (which locks it). The evidence pack is exported from here.
 */
import '@mantine/charts/styles.css'
import { useState } from 'react'
import { BarChart } from '@mantine/charts'
import { IconCalendarCheck } from '@tabler/icons-react'
import { Alert, Anchor, Badge, Button, Card, Code, Group, Pagination, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import type { FileComparison, ReconSummary, ReconTopic, TotalsRow } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useApi, useQuery, type ApiError } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, formatPeriod } from '../../components/format'
import { useActor } from '../../components/useActor'
import { OrderTraceLink } from '../../components/traceLink'
import { ReturnsSection } from './ReturnsSection'
import { OpenPackSection } from './OpenPackSection'
import { PeriodOrders, type OrdersDrill } from './PeriodOrders'

const PAGE_SIZE = 25

export const ReconciliationIcon = IconCalendarCheck

function recentPeriods(now: Date, count = 13): string[] {
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7))
  return out
}

function TotalsTable({ rows, keyTitle, testId, onDrill }: { rows: TotalsRow[]; keyTitle: string; testId: string; onDrill?: (r: TotalsRow) => void }) {
  return (
    <Table data-testid={testId} striped withTableBorder fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{keyTitle}</Table.Th>
          <Table.Th ta="right">Centra orders</Table.Th>
          <Table.Th ta="right">Centra total</Table.Th>
          <Table.Th ta="right">ERP documents</Table.Th>
          <Table.Th ta="right">ERP total</Table.Th>
          <Table.Th ta="right">Difference</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={6}>
              <Text c="dimmed" size="sm">
                No orders in this period.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {rows.map((r) => (
          <Table.Tr key={`${r.key} ${r.currency}`} data-testid={`${testId}-row`}>
            <Table.Td>{r.key === r.currency ? r.key : `${r.key} (${r.currency})`}</Table.Td>
            <Table.Td ta="right">
              {onDrill ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onDrill(r)} title="Show the orders" data-testid={`${testId}-drill`}>
                  {formatCount(r.centraCount)}
                </Anchor>
              ) : (
                formatCount(r.centraCount)
              )}
            </Table.Td>
            <Table.Td ta="right">{formatMoney(r.centraTotalMinor, r.currency)}</Table.Td>
            <Table.Td ta="right">{formatCount(r.erpCount)}</Table.Td>
            <Table.Td ta="right">{formatMoney(r.erpTotalMinor, r.currency)}</Table.Td>
            <Table.Td ta="right" c={r.differenceMinor === 0 ? undefined : 'orange.8'}>
              {formatMoney(r.differenceMinor, r.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

interface Decide {
  busy: boolean
  locked: boolean
  explain: (keys: string[]) => void
  accept: (keys: string[] | null, topic?: ReconTopic) => void
}

function ItemsList({ period, topic, title, decide }: { period: string; topic: ReconTopic; title: string; decide: Decide }) {
  const [page, setPage] = useState(1)
  const items = useQuery('reconciliation.items', { period, topic, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { refreshOn: ['reconciliation', 'sync', 'exceptions'] })
  if (items.error) return <ErrorNote error={items.error} onRetry={items.refetch} />
  if (!items.data) return <Skeleton h={120} />
  const pages = Math.ceil(items.data.total / PAGE_SIZE)
  return (
    <Card withBorder padding="sm" data-testid="recon-items">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>
          {title}: {formatCount(items.data.total)} order(s)
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
      </Group>
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>ERP document</Table.Th>
            <Table.Th>Ordered</Table.Th>
            <Table.Th ta="right">Centra</Table.Th>
            <Table.Th ta="right">ERP</Table.Th>
            <Table.Th>What we see</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.data.rows.map((i) => (
            <Table.Tr key={i.key} data-testid="recon-item">
              <Table.Td>{i.orderNumber === null ? '—' : <OrderTraceLink orderNumber={i.orderNumber} />}</Table.Td>
              <Table.Td>{i.erpNumber ?? '—'}</Table.Td>
              <Table.Td>{i.orderDate?.slice(0, 10) ?? '—'}</Table.Td>
              <Table.Td ta="right">{i.centraMinor === null ? '—' : formatMoney(i.centraMinor, i.currency)}</Table.Td>
              <Table.Td ta="right">{i.erpMinor === null ? '—' : formatMoney(i.erpMinor, i.currency)}</Table.Td>
              <Table.Td>{i.detail}</Table.Td>
              <Table.Td>
                {i.decision ? (
                  <Text size="xs">
                    {i.decision.decision === 'accepted' ? 'Accepted' : 'Explained'} by {i.decision.actor}
                    {i.decision.note ? `: ${i.decision.note}` : ''}
                  </Text>
                ) : (
                  <Badge color="orange" variant="light" tt="none">
                    Open
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="default" disabled={decide.locked || decide.busy} onClick={() => decide.explain([i.key])} data-testid="recon-item-explain">
                    Explain
                  </Button>
                  <Button size="compact-xs" variant="light" disabled={decide.locked || decide.busy} onClick={() => decide.accept([i.key])} data-testid="recon-item-accept">
                    Accept
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function VarianceSection({ s, onDrill, decide }: { s: ReconSummary; onDrill: (t: ReconTopic) => void; decide: Decide }) {
  const chart = s.causes.map((c) => ({ cause: c.label, items: c.count, open: c.undecided }))
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        Variance by cause
      </Title>
      <div data-testid="recon-variance-chart">
        <BarChart
          h={200}
          data={chart}
          dataKey="cause"
          series={[
            { name: 'items', label: 'Items', color: 'blue.6' },
            { name: 'open', label: 'Not yet explained or accepted', color: 'orange.6' },
          ]}
          withLegend
        />
      </div>
      <Table data-testid="recon-variance-table" fz="sm" mt="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cause</Table.Th>
            <Table.Th ta="right">Items</Table.Th>
            <Table.Th>Amount</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.causes.map((c) => (
            <Table.Tr key={c.cause} data-testid={`recon-cause-${c.cause}`}>
              <Table.Td>{c.label}</Table.Td>
              <Table.Td ta="right">{formatCount(c.count)}</Table.Td>
              <Table.Td>
                {s.variances
                  .filter((v) => v.cause === c.cause)
                  .map((v) => formatMoney(v.amountMinor, v.currency))
                  .join(' · ') || '—'}
              </Table.Td>
              <Table.Td ta="right">{formatCount(c.undecided)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="end" wrap="nowrap">
                  <Button size="compact-xs" variant="default" disabled={c.count === 0} onClick={() => onDrill(c.cause)} data-testid={`recon-drill-${c.cause}`}>
                    Show orders
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={c.undecided === 0 || decide.locked || decide.busy}
                    onClick={() => decide.accept(null, c.cause)}
                    data-testid={`recon-accept-${c.cause}`}
                  >
                    Accept all open
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function ChecksSection({ s, onDrill, decide }: { s: ReconSummary; onDrill: (t: ReconTopic) => void; decide: Decide }) {
  return (
    <Card withBorder padding="md" data-testid="recon-checks">
      <Title order={2} size="h4" mb="xs">
        Is everything really in step?
      </Title>
      <Stack gap="xs">
        {s.checks.map((c) => (
          <Group key={c.id} justify="space-between" data-testid={`recon-check-${c.id}`} wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Badge color={c.passed ? 'teal' : c.unexplained === 0 ? 'blue' : 'red'} tt="none" w={90} data-testid={`recon-check-${c.id}-status`}>
                {c.passed ? 'Passed' : c.unexplained === 0 ? 'Explained' : 'Failed'}
              </Badge>
              <Text size="sm">
                {c.label}
                {!c.passed && ` — ${formatCount(c.offenders)} order(s): ${c.sample.slice(0, 5).map((o) => o.orderNumber ?? o.erpNumber).join(', ')}${c.offenders > 5 ? ', …' : ''}`}
              </Text>
            </Group>
            {!c.passed && (
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="default" onClick={() => onDrill(c.id)} data-testid={`recon-drill-${c.id}`}>
                  Show orders
                </Button>
                <Button size="compact-xs" variant="light" disabled={c.unexplained === 0 || decide.locked || decide.busy} onClick={() => decide.accept(null, c.id)} data-testid={`recon-accept-${c.id}`}>
                  Accept all open
                </Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  )
}

function ExportSection({ period }: { period: string }) {
  const api = useApi()
  const info = useQuery('system.info', {}, { refreshOn: [] })
  const [dir, setDir] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const directory = dir ?? (info.data ? `${info.data.workspaceDir}/exports` : '')
  const run = (format: 'csv' | 'xlsx' | 'pdf') => {
    setBusy(true)
    setResult(null)
    api.call('reconciliation.export', { period, format, directory }).then(
      (r) => {
        setResult({ ok: true, text: `Saved: ${r.files.join(', ')}` })
        setBusy(false)
      },
      (e: ApiError) => {
        setResult({ ok: false, text: e.message })
        setBusy(false)
      },
    )
  }
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        Evidence pack
      </Title>
      <Group align="end">
        <TextInput label="Folder" value={directory} onChange={(e) => setDir(e.currentTarget.value)} w={480} data-testid="recon-export-dir" />
        <Button variant="default" loading={busy} disabled={!directory} onClick={() => run('xlsx')} data-testid="recon-export-xlsx">
          Excel workbook
        </Button>
        <Button variant="default" loading={busy} disabled={!directory} onClick={() => run('csv')} data-testid="recon-export-csv">
          CSV files
        </Button>
        <Button variant="default" loading={busy} disabled={!directory} onClick={() => run('pdf')} data-testid="recon-export-pdf">
          PDF summary
        </Button>
      </Group>
      {result && (
        <Text size="sm" mt="xs" c={result.ok ? 'teal.8' : 'red.8'} data-testid="recon-export-result">
          {result.text}
        </Text>
      )}
    </Card>
  )
}

function FileCompareSection({ period }: { period: string }) {
  const api = useApi()
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<FileComparison | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = () => {
    setBusy(true)
    setError(null)
    setResult(null)
    api.call('reconciliation.compareErpFile', { period, path: path.trim() }).then(
      (r) => {
        setResult(r)
        setBusy(false)
      },
      (e: ApiError) => {
        setError(e.message)
        setBusy(false)
      },
    )
  }
  const list = (xs: (string | number)[], count: number) => `${formatCount(count)}${count ? `: ${xs.slice(0, 10).join(', ')}${count > 10 ? ', …' : ''}` : ''}`
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        Check against an ERP export file
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        An export of sales orders or invoices with totals (CSV or Excel), matched on the external document number. Nothing is stored.
      </Text>
      <Group align="end">
        <TextInput label="File" placeholder="/full/path/to/export.csv" value={path} onChange={(e) => setPath(e.currentTarget.value)} w={480} data-testid="recon-file-path" />
        <Button variant="default" loading={busy} disabled={!path.trim()} onClick={run} data-testid="recon-file-compare">
          Compare
        </Button>
      </Group>
      {error && (
        <Text size="sm" mt="xs" c="red.8" data-testid="recon-file-error">
          {error}
        </Text>
      )}
      {result && (
        <Stack gap={4} mt="sm" data-testid="recon-file-result">
          {result.errors.length > 0 && (
            <Alert color="red" variant="light" title="Some rows could not be read">
              {result.errors.map((e) => (
                <Text key={e} size="xs">
                  {e}
                </Text>
              ))}
            </Alert>
          )}
          <Text size="sm">
            {formatCount(result.documents)} document(s) in the file, {formatCount(result.matched)} matched to orders of this month.
          </Text>
          <TotalsTable rows={result.byCurrency} keyTitle="Currency (file as ERP side)" testId="recon-file-totals" />
          <Text size="sm" data-testid="recon-file-missing">Orders not in the file: {list(result.missingInFile.orders, result.missingInFile.count)}</Text>
          <Text size="sm" data-testid="recon-file-extra">Documents with no order of this month: {list(result.extraInFile.documents, result.extraInFile.count)}</Text>
          <Text size="sm" data-testid="recon-file-mismatch">
            Totals that differ: {list(result.amountMismatch.orders.map((o) => `${o.orderNumber} (${formatMoney(o.centraMinor, o.currency)} vs ${formatMoney(o.fileMinor, o.currency)})`), result.amountMismatch.count)}
          </Text>
        </Stack>
      )}
    </Card>
  )
}

export function ReconciliationPage() {
  const api = useApi()
  const periods = recentPeriods(new Date())
  const [period, setPeriod] = useState(periods[0])
  const [drill, setDrill] = useState<ReconTopic | null>(null)
  const [ordersDrill, setOrdersDrill] = useState<OrdersDrill | null>(null)
  const [actor, setActor] = useActor()
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const summary = useQuery('reconciliation.summary', { period }, { refreshOn: ['reconciliation', 'sync', 'exceptions'] })
  const s = summary.data

  const act = (p: Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage(null)
    p.then(
      () => {
        setMessage({ ok: true, text: done })
        setBusy(false)
      },
      (e: ApiError) => {
        setMessage({ ok: false, text: e.message })
        setBusy(false)
      },
    )
  }
  const needActor = () => {
    if (actor) return false
    setMessage({ ok: false, text: 'Enter your name first: it is recorded with every decision.' })
    return true
  }
  const decide: Decide = {
    busy,
    locked: s?.status === 'signed_off',
    explain: (keys) => {
      if (needActor()) return
      if (note.trim().length < 3) return setMessage({ ok: false, text: 'Write the explanation in the note field first.' })
      act(api.call('reconciliation.explain', { period, keys, note, actor }), 'Explanation recorded.')
    },
    accept: (keys, topic) => {
      if (needActor()) return
      act(api.call('reconciliation.accept', { period, ...(keys ? { keys } : { topic }), note, actor }), 'Accepted.')
    },
  }

  return (
    <Stack gap="md" data-testid="recon-page">
      <Group justify="space-between" align="end">
        <Group align="end">
          <Title order={1} size="h2">
            Month-end
          </Title>
          <Select
            label="Period"
            w={200}
            value={period}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return
              setPeriod(v)
              setDrill(null)
            }}
            data={periods.map((p) => ({ value: p, label: formatPeriod(p) }))}
            data-testid="recon-period"
          />
          {s && (
            <Badge size="lg" color={s.status === 'signed_off' ? 'teal' : 'gray'} tt="none" data-testid="recon-status">
              {s.status === 'signed_off' ? `Signed off by ${s.signedOffBy}` : 'Open'}
            </Badge>
          )}
        </Group>
        <Group align="end">
          <TextInput label="Your name" value={actor} onChange={(e) => setActor(e.currentTarget.value)} w={180} data-testid="recon-actor" />
          <TextInput label="Note for your decisions" value={note} onChange={(e) => setNote(e.currentTarget.value)} w={280} data-testid="recon-note" />
        </Group>
      </Group>
      {message && (
        <Alert color={message.ok ? 'teal' : 'red'} variant="light" data-testid="recon-message" withCloseButton onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      {summary.error && <ErrorNote error={summary.error} onRetry={summary.refetch} />}
      {!s && !summary.error && <Skeleton h={300} />}
      {s && (
        <>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                Totals — orders placed in {formatPeriod(s.period)} (UTC)
              </Title>
            </Group>
            <TotalsTable rows={s.byCurrency} keyTitle="Currency" testId="recon-totals-currency" onDrill={(r) => setOrdersDrill({ title: `Orders in ${r.currency}`, currency: r.currency })} />
            <Text size="sm" mt="xs" data-testid="recon-base">
              {s.base.label}: Centra {formatMoney(s.base.centraTotalMinor, s.base.currency)}, ERP {formatMoney(s.base.erpTotalMinor, s.base.currency)}, difference{' '}
              {formatMoney(s.base.differenceMinor, s.base.currency)}
            </Text>
            <SimpleGrid cols={{ base: 1, lg: 2 }} mt="md">
              <TotalsTable
                rows={s.byMarket}
                keyTitle="Market"
                testId="recon-totals-market"
                onDrill={(r) => setOrdersDrill({ title: `Orders of ${r.key} (${r.currency})`, market: r.key, currency: r.currency })}
              />
              <TotalsTable rows={s.byTaxRate} keyTitle="Tax rate (product lines)" testId="recon-totals-tax" />
            </SimpleGrid>
          </Card>
          <VarianceSection s={s} onDrill={setDrill} decide={decide} />
          <ChecksSection s={s} onDrill={setDrill} decide={decide} />
          <ReturnsSection s={s} />
          {drill && <ItemsList key={`${period} ${drill}`} period={period} topic={drill} title={[...s.causes, ...s.checks].find((x) => ('cause' in x ? x.cause : x.id) === drill)?.label ?? drill} decide={decide} />}
          <Card withBorder padding="md" data-testid="recon-signoff-card">
            <Title order={2} size="h4" mb="xs">
              Sign-off
            </Title>
            {s.status === 'signed_off' ? (
              <Stack gap="xs">
                <Text size="sm">
                  Signed off by {s.signedOffBy} at {s.signedOffAt?.slice(0, 16).replace('T', ' ')} UTC. The period is locked.
                </Text>
                <Text size="xs" c="dimmed">
                  Audit record <Code data-testid="recon-hash">{s.auditHash}</Code>
                </Text>
                <Group align="end">
                  <TextInput label="Reason to reopen" value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} data-testid="recon-reopen-reason" />
                  <Button
                    color="orange"
                    variant="light"
                    disabled={busy || reason.trim().length < 3}
                    onClick={() => !needActor() && act(api.call('reconciliation.reopen', { period, actor, reason }).then(() => setReason('')), 'Period reopened.')}
                    data-testid="recon-reopen"
                  >
                    Reopen period
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Stack gap="xs">
                {s.blockers.length > 0 ? (
                  <Alert color="orange" variant="light" title="Before you can sign off" data-testid="recon-blockers">
                    <Stack gap={2}>
                      {s.blockers.map((b) => (
                        <Text key={b} size="sm">
                          {b}
                        </Text>
                      ))}
                    </Stack>
                  </Alert>
                ) : (
                  <Text size="sm">Every variance is explained or accepted and the checks are clear.</Text>
                )}
                <Group>
                  <Button
                    disabled={!s.canSignOff || busy}
                    onClick={() => !needActor() && act(api.call('reconciliation.signOff', { period, actor, note }), `${formatPeriod(period)} signed off.`)}
                    data-testid="recon-signoff"
                  >
                    Sign off {formatPeriod(s.period)}
                  </Button>
                </Group>
              </Stack>
            )}
            {s.audit.length > 0 && (
              <Table fz="xs" mt="sm" data-testid="recon-audit">
                <Table.Tbody>
                  {s.audit.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.at.slice(0, 16).replace('T', ' ')}</Table.Td>
                      <Table.Td>{a.action.replace('_', ' ')}</Table.Td>
                      <Table.Td>{a.actor}</Table.Td>
                      <Table.Td>
                        <Code>{a.hash.slice(0, 16)}…</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <ExportSection period={period} />
          <FileCompareSection key={period} period={period} />
          <OpenPackSection />
          <PeriodOrders key={`${period} ${ordersDrill?.title}`} period={period} drill={ordersDrill} onClose={() => setOrdersDrill(null)} />
        </>
      )}
    </Stack>
  )
}
