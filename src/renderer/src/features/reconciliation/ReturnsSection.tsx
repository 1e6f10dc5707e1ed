/**
 * Month-end returns: what came back in Centra this month, by market, and per order the value
 * returned against what the ERP invoiced. Returns are not posted, so this is where a finance
 * analyst sees why the ERP's invoiced total and net sales after returns differ.
 */
import { useState } from 'react'
import { Card, Group, Pagination, Table, Text, Title } from '@mantine/core'
import type { ReconSummary } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount } from '../../components/format'

const PAGE_SIZE = 25

export function ReturnsSection({ s }: { s: ReconSummary }) {
  const [page, setPage] = useState(1)
  const orders = useQuery('reconciliation.returns', { period: s.period, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { refreshOn: ['reconciliation', 'sync'] })
  const money = (minor: number | null, currency: string) => (minor === null ? '—' : formatMoney(minor, currency))
  return (
    <Card withBorder padding="md" data-testid="recon-returns">
      <Title order={2} size="h4" mb="xs">
        Returns
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {s.returns.label}. A return counts in the month it was made. Net after returns = order total − value returned.
      </Text>
      {s.returns.byMarket.length === 0 ? (
        <Text size="sm" data-testid="recon-returns-none">
          No returns were made in Centra this month.
        </Text>
      ) : (
        <Table fz="sm" striped withTableBorder data-testid="recon-returns-market">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Market</Table.Th>
              <Table.Th ta="right">Returns</Table.Th>
              <Table.Th ta="right">Orders</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th ta="right">Value returned</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...s.returns.byMarket.map((r) => ({ ...r, label: `${r.key} (${r.currency})` })), ...s.returns.byCurrency.map((r) => ({ ...r, label: `All markets in ${r.currency}` }))].map((r) => (
              <Table.Tr key={r.label} data-testid="recon-returns-row">
                <Table.Td fw={r.label.startsWith('All') ? 600 : undefined}>{r.label}</Table.Td>
                <Table.Td ta="right">{formatCount(r.returns)}</Table.Td>
                <Table.Td ta="right">{formatCount(r.orders)}</Table.Td>
                <Table.Td ta="right">{formatCount(r.units)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.valueMinor, r.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {orders.error && <ErrorNote error={orders.error} onRetry={orders.refetch} />}
      {orders.data && orders.data.total > 0 && (
        <>
          <Table fz="sm" striped mt="md" data-testid="recon-returns-orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order</Table.Th>
                <Table.Th>ERP document</Table.Th>
                <Table.Th ta="right">Order total</Table.Th>
                <Table.Th ta="right">ERP total</Table.Th>
                <Table.Th ta="right">Returned</Table.Th>
                <Table.Th ta="right">Net after returns</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.data.rows.map((o) => (
                <Table.Tr key={`${o.orderNumber} ${o.currency}`} data-testid="recon-returns-order">
                  <Table.Td>
                    {o.orderNumber}
                    {o.market ? ` · ${o.market}` : ''}
                  </Table.Td>
                  <Table.Td>{o.erpNumber ?? '—'}</Table.Td>
                  <Table.Td ta="right">{money(o.orderTotalMinor, o.currency)}</Table.Td>
                  <Table.Td ta="right">{money(o.erpTotalMinor, o.currency)}</Table.Td>
                  <Table.Td ta="right">
                    {money(o.returnedMinor, o.currency)} ({o.units} unit{o.units === 1 ? '' : 's'})
                  </Table.Td>
                  <Table.Td ta="right">{money(o.netAfterReturnsMinor, o.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {orders.data.total > PAGE_SIZE && (
            <Group justify="flex-end" mt="xs">
              <Pagination total={Math.ceil(orders.data.total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </>
      )}
    </Card>
  )
}
