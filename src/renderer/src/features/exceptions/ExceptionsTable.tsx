import { Badge, Table, Text } from '@mantine/core'
import type { ExceptionRow } from '@shared/contract'
import { formatCount, formatDateTime, formatRelative, TEAM_LABEL } from '../../components/format'
import { categoryLabel, SEVERITY_COLOR, SEVERITY_LABEL } from './labels'

export function ExceptionsTable({ rows, onOpen }: { rows: ExceptionRow[]; onOpen: (row: ExceptionRow) => void }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="exceptions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Problem</Table.Th>
            <Table.Th>Team</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>About</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th ta="right">Times seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              data-testid="exception-row"
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              aria-label={`${row.title}. Open details`}
              onClick={() => onOpen(row)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  onOpen(row)
                }
              }}
            >
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.title}
                </Text>
              </Table.Td>
              <Table.Td>{TEAM_LABEL[row.team]}</Table.Td>
              <Table.Td>{categoryLabel(row.category)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {row.objectType}
                  </Text>{' '}
                  {row.objectRef}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={SEVERITY_COLOR[row.severity]} variant="light">
                  {SEVERITY_LABEL[row.severity]}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.occurrences)}</Table.Td>
              <Table.Td>
                <span title={formatDateTime(row.lastSeenAt)}>{formatRelative(row.lastSeenAt)}</span>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
