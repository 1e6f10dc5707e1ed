import { Table } from '@mantine/core'
import type { ReactNode } from 'react'
import { formatMoney } from '@shared/money'
import { formatDateTime } from '../../components/format'
import { OrderTraceLink } from '../../components/traceLink'

interface OrderRow {
  orderNumber: number
  orderDate: string
  market: string | null
  currency: string
  grandTotalMinor: number
}

/**
 * The orders behind an Overview figure: number (opening its trace), when placed, market, total,
 * and a last column that says what the figure is about (`last`).
 */
export function OrdersTable<T extends OrderRow>(props: { rows: T[]; last: { title: string; cell: (row: T) => ReactNode }; rowTestId: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Placed</Table.Th>
            <Table.Th>Market</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th>{props.last.title}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((r) => (
            <Table.Tr key={r.orderNumber} data-testid={props.rowTestId}>
              <Table.Td>
                <OrderTraceLink orderNumber={r.orderNumber} />
              </Table.Td>
              <Table.Td>{formatDateTime(r.orderDate)}</Table.Td>
              <Table.Td>{r.market ?? '—'}</Table.Td>
              <Table.Td ta="right">{formatMoney(r.grandTotalMinor, r.currency)}</Table.Td>
              <Table.Td>{props.last.cell(r)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
