import { Alert, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core'
import { IconAlertTriangle, IconArrowBackUp, IconBuildingWarehouse, IconFileInvoice, IconScale, IconSend, IconShoppingCart, IconTruck } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { OrderTrace } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { ErrorNote } from '../../components/ErrorNote'
import { formatDateTime, postingStateWord } from '../../components/format'
import { takeTraceNumber } from '../../components/traceLink'
import { openExceptionsWith } from '../../components/exceptionsLink'

function formatLag(minutes: number | null): string {
  if (minutes === null) return 'never'
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const h = Math.floor(minutes / 60)
  if (h < 48) return `${h} h ${minutes % 60} min ago`
  return `${Math.floor(h / 24)} days ago`
}

function Section({ title, icon, children, testId }: { title: string; icon: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Timeline.Item bullet={icon} title={<Text fw={600}>{title}</Text>} data-testid={testId}>
      <Stack gap="xs" mt={4}>
        {children}
      </Stack>
    </Timeline.Item>
  )
}

function TraceView({ t }: { t: OrderTrace }) {
  const navigate = useNavigate()
  const o = t.order
  const money = (m: number) => formatMoney(m, o.currency)
  const p = t.posting
  return (
    <Stack gap="md">
      <Alert color={p?.state === 'posted' ? 'green' : t.exceptions.some((e) => e.status === 'open' || e.status === 'acknowledged') ? 'orange' : 'blue'} data-testid="trace-summary">
        <Text fw={500}>{t.summary}</Text>
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="trace-lag">
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Placed
          </Text>
          <Text fw={600}>{formatLag(t.lag.sincePlacedMinutes)}</Text>
          <Text size="xs">{formatDateTime(o.orderDate)}</Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Last change seen by Instep
          </Text>
          <Text fw={600}>{formatLag(t.lag.sinceChangedMinutes)}</Text>
          <Text size="xs">{formatDateTime(o.updatedAt)}</Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Last successful order sync
          </Text>
          <Text fw={600} data-testid="trace-last-sync">
            {formatLag(t.lag.sinceLastSyncMinutes)}
          </Text>
          <Text size="xs">{formatDateTime(t.lag.lastSuccessfulSyncAt)}</Text>
        </Card>
      </SimpleGrid>
      <Timeline active={p?.state === 'posted' ? (t.shipments.length ? 5 : 3) : 0} bulletSize={26} lineWidth={2}>
        <Section title={`Centra order ${o.number}`} icon={<IconShoppingCart size={14} />} testId="trace-centra">
          <Text size="sm">
            Status <b>{o.status}</b> · {o.market ?? 'no market'}
            {o.country ? ` (${o.country})` : ''} · {o.currency}
            {o.conversionRate !== '1' ? ` at rate ${o.conversionRate}` : ''} · tax {o.taxMode === 'included' ? 'included in prices' : 'added on top'}
            {o.customerName ? ` · ${o.customerName}` : ''}
          </Text>
          <Text size="sm">
            Lines {money(o.lineValuesMinor)} − discounts {money(o.discountsMinor)} + shipping {money(o.shippingMinor)}
            {o.handlingMinor ? ` + handling ${money(o.handlingMinor)}` : ''} = <b>{money(o.grandTotalMinor)}</b> (tax {money(o.taxMinor)})
          </Text>
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>SKU</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Qty</Table.Th>
                <Table.Th ta="right">Tax</Table.Th>
                <Table.Th ta="right">Line value</Table.Th>
                <Table.Th>ERP item</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.lines.map((l) => (
                <Table.Tr key={l.lineId}>
                  <Table.Td>{l.sku ?? '—'}</Table.Td>
                  <Table.Td>
                    {l.productName ?? '—'}
                    {l.kind !== 'product' ? ` (${l.kind})` : ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    {l.quantity}
                    {l.cancelledQuantity ? ` (${l.cancelledQuantity} cancelled)` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{l.taxPercent} %</Table.Td>
                  <Table.Td ta="right">{money(l.lineValueMinor)}</Table.Td>
                  <Table.Td>{l.erpItemNumber ?? <Text span c="red" size="sm">not mapped</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title="Sending to the ERP" icon={<IconSend size={14} />} testId="trace-posting">
          {!p ? (
            <Text size="sm">Not planned yet: it is sent on the next order sync.</Text>
          ) : (
            <>
              <Group gap="xs">
                <Badge color={p.state === 'posted' ? 'green' : p.state === 'blocked' || p.state === 'failed' ? 'red' : 'blue'} data-testid="trace-posting-state" data-state={p.state}>
                  {postingStateWord(p.state)}
                </Badge>
                {p.erpNumber && (
                  <Text size="sm">
                    ERP number <b data-testid="trace-erp-number">{p.erpNumber}</b>
                  </Text>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                Reference sent to the ERP (external document number): {p.idempotencyKey} · {p.attempts} {p.attempts === 1 ? 'attempt' : 'attempts'} · planned{' '}
                {formatDateTime(p.createdAt)}
                {p.postedAt ? ` · in the ERP since ${formatDateTime(p.postedAt)}` : ''}
                {p.notBefore ? ` · next look no earlier than ${formatDateTime(p.notBefore)}` : ''}
              </Text>
              {p.lastError && (
                <Text size="sm" c="red">
                  {p.lastError}
                </Text>
              )}
              {p.plan && (
                <Table fz="sm" withTableBorder data-testid="trace-plan">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Sent as</Table.Th>
                      <Table.Th>Description</Table.Th>
                      <Table.Th ta="right">Qty</Table.Th>
                      <Table.Th ta="right">Unit price</Table.Th>
                      <Table.Th ta="right">Discount</Table.Th>
                      <Table.Th ta="right">Tax</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.plan.lines.map((l, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>
                          {l.kind === 'item' ? 'item' : 'charge'} {l.number}
                        </Table.Td>
                        <Table.Td>{l.description}</Table.Td>
                        <Table.Td ta="right">{l.quantity}</Table.Td>
                        <Table.Td ta="right">{money(l.unitPriceMinor)}</Table.Td>
                        <Table.Td ta="right">{money(l.discountMinor)}</Table.Td>
                        <Table.Td ta="right">
                          {l.taxPercent} %{l.taxCode ? ` (${l.taxCode})` : ''} = {money(l.expectedTaxMinor)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </>
          )}
        </Section>
        <Section title="What the ERP holds" icon={<IconFileInvoice size={14} />} testId="trace-erp">
          {!t.erpDocument ? (
            <Text size="sm">{p?.state === 'posted' ? 'Not read back from the ERP yet.' : 'Nothing in the ERP yet.'}</Text>
          ) : (
            <>
              <Text size="sm">
                {t.erpDocument.documentType === 'salesInvoice' ? 'Posted invoice' : 'Sales order'} {t.erpDocument.number}: excl. tax{' '}
                {formatMoney(t.erpDocument.totalExclTaxMinor, t.erpDocument.currency)} + tax {formatMoney(t.erpDocument.totalTaxMinor, t.erpDocument.currency)} ={' '}
                <b>{formatMoney(t.erpDocument.totalInclTaxMinor, t.erpDocument.currency)}</b> · read {formatDateTime(t.erpDocument.readAt)}
              </Text>
              <Table fz="sm" withTableBorder>
                <Table.Tbody>
                  {t.erpDocument.lines.map((l) => (
                    <Table.Tr key={l.sequence}>
                      <Table.Td>
                        {l.kind} {l.number}
                      </Table.Td>
                      <Table.Td ta="right">{l.quantity}</Table.Td>
                      <Table.Td ta="right">{l.taxPercent} %</Table.Td>
                      <Table.Td ta="right">{formatMoney(l.amountExclTaxMinor, t.erpDocument!.currency)}</Table.Td>
                      <Table.Td ta="right">tax {formatMoney(l.taxMinor, t.erpDocument!.currency)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(l.amountInclTaxMinor, t.erpDocument!.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Section>
        <Section title="Differences Centra ↔ ERP" icon={<IconScale size={14} />} testId="trace-variances">
          {t.variances.length === 0 ? (
            <Text size="sm">{t.erpDocument ? 'None: the ERP has the same totals and tax.' : 'Compared once the ERP document is read back.'}</Text>
          ) : (
            t.variances.map((v, i) => (
              <Text size="sm" key={i}>
                <Badge color={v.kind === 'rounding' ? 'gray' : 'red'} size="sm" mr={6}>
                  {v.kind === 'rounding' ? 'Rounding' : 'Mismatch'}
                </Badge>
                {v.explanation} (Centra {money(v.centraMinor)}, ERP {money(v.erpMinor)})
              </Text>
            ))
          )}
        </Section>
        <Section title="Exceptions" icon={<IconAlertTriangle size={14} />} testId="trace-exceptions">
          {t.exceptions.length === 0 ? (
            <Text size="sm">None.</Text>
          ) : (
            t.exceptions.map((e) => (
              <Group key={e.id} gap="xs" data-testid="trace-exception" data-status={e.status}>
                <Badge color={e.status === 'open' || e.status === 'acknowledged' ? 'red' : 'gray'} size="sm">
                  {e.status}
                </Badge>
                <Text size="sm">{e.title}</Text>
                <Text size="xs" c="dimmed">
                  first seen {formatDateTime(e.firstSeenAt)}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => openExceptionsWith({ search: e.objectRef, category: [e.category] }, navigate)}
                  data-testid="trace-exception-open"
                >
                  Open in Exceptions
                </Button>
              </Group>
            ))
          )}
        </Section>
        <Section title="Shipping" icon={t.shipments.length ? <IconTruck size={14} /> : <IconBuildingWarehouse size={14} />} testId="trace-shipments">
          {t.shipments.length === 0 ? (
            <Text size="sm">Not shipped yet.</Text>
          ) : (
            t.shipments.map((s, i) => (
              <Text size="sm" key={i}>
                Shipment {s.sourceNumber}: {s.units} units{s.shippedAt ? `, shipped ${formatDateTime(s.shippedAt)}` : ''}
                {s.carrier ? ` with ${s.carrier}` : ''}
                {s.trackingNumber ? `, tracking ${s.trackingNumber}` : ''} · {s.state === 'done' ? 'Centra updated' : `Centra update: ${s.state}`}
              </Text>
            ))
          )}
        </Section>
        <Section title="Returns" icon={<IconArrowBackUp size={14} />} testId="trace-returns">
          {t.returns.length === 0 ? (
            <Text size="sm">No returns recorded.</Text>
          ) : (
            <>
              {t.returns.map((r) => (
                <Text size="sm" key={r.returnId} data-testid="trace-return" td={r.deletedAt ? 'line-through' : undefined}>
                  <Badge size="sm" mr={6} color={r.deletedAt ? 'gray' : r.status === 'completed' ? 'green' : 'yellow'}>
                    {r.deletedAt ? 'Deleted in Centra' : r.status === 'completed' ? 'Completed' : 'Pending'}
                  </Badge>
                  Return {r.returnId}: {r.units} unit(s) worth {formatMoney(r.totalMinor, r.currency)}
                  {r.createdAt ? `, made ${formatDateTime(r.createdAt)}` : ''}
                  {r.shippingMinor ? ` (incl. ${formatMoney(r.shippingMinor, r.currency)} shipping)` : ''}
                  {r.voucherMinor ? ` (less ${formatMoney(r.voucherMinor, r.currency)} voucher)` : ''}
                  {r.lines.length ? ` · ${r.lines.map((l) => `${l.quantity} × ${l.sku ?? '?'}`).join(', ')}` : ''}
                  {r.comment ? ` · “${r.comment}”` : ''}
                </Text>
              ))}
              <Text size="xs" c="dimmed">
                Returns are not sent to the ERP: finance raises the credit note there.
              </Text>
            </>
          )}
        </Section>
      </Timeline>
    </Stack>
  )
}

/** CX and finance: one order's whole path from Centra to the ERP and back, with its current lag. */
export function TracePage() {
  // Opened from another screen's order number: show that order at once.
  const [asked] = useState(takeTraceNumber)
  const [text, setText] = useState(asked === null ? '' : String(asked))
  const [number, setNumber] = useState<number | null>(asked)
  const q = useQuery('trace.getOrder', { number: number ?? 1 }, { enabled: number !== null, refreshOn: ['sync', 'exceptions', 'mapping', 'fulfilment'] })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const n = Number(text.trim().replace(/^#/, ''))
    setNumber(Number.isInteger(n) && n > 0 ? n : null)
  }
  const invalid = text.trim() !== '' && number === null
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Order trace
        </Title>
        <Text c="dimmed">Where a Centra order is: in the ERP or not, why, and whether it has shipped.</Text>
      </div>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label="Centra order number" placeholder="e.g. 1042" value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="trace-search" w={240} />
          <Button type="submit" data-testid="trace-go">
            Show
          </Button>
        </Group>
      </form>
      {invalid && <Text size="sm" c="dimmed">Type the order number as a whole number, e.g. 1042.</Text>}
      {q.error && <ErrorNote error={q.error} onRetry={q.refetch} />}
      {number !== null && q.loading && <Loader size="sm" />}
      {number !== null && !q.loading && q.data === null && (
        <Alert color="gray" data-testid="trace-not-found">
          Instep has no Centra order {number}. It may be newer than the last sync, or the number may be mistyped.
        </Alert>
      )}
      {number !== null && q.data && <TraceView t={q.data} />}
    </Stack>
  )
}
