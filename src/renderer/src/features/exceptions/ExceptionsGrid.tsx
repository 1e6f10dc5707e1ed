import { Badge, Box, Checkbox, Group, Skeleton, Text } from '@mantine/core'
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { ExceptionRow } from '@shared/contract'
import { formatCount, formatRelative, TEAM_LABEL } from '../../components/format'
import { categoryLabel, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_LABEL } from './labels'

export const ROW_HEIGHT = 44
const COLUMNS = '36px minmax(220px, 3fr) 110px 150px minmax(120px, 1.5fr) 90px 130px 70px 120px'

export interface GridSelection {
  isSelected: (id: number) => boolean
  toggle: (row: ExceptionRow) => void
}

/**
 * The queue as a virtual grid: only the rows in view (plus a few) are in the DOM, and the
 * pages they fall on are asked for as the user scrolls.
 */
export function ExceptionsGrid({
  total,
  rowAt,
  ensure,
  onOpen,
  selection,
  height = 520,
}: {
  total: number
  rowAt: (index: number) => ExceptionRow | undefined
  ensure: (start: number, end: number) => void
  onOpen: (row: ExceptionRow) => void
  selection: GridSelection
  height?: number
}) {
  const parentRef = useRef<HTMLDivElement>(null)
  // The virtualizer's functions must not be memoized by the compiler; it re-renders us on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1000, height },
    // Before layout (or where nothing is laid out, as in tests) the box measures 0: use its set height.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 1000, height })),
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    if (total > 0) ensure(first, last)
  }, [first, last, total, ensure])

  return (
    <Box style={{ overflowX: 'auto' }}>
      <Box miw={1040} role="table" aria-rowcount={total} aria-label="Exceptions">
        <Box
          role="row"
          style={{ display: 'grid', gridTemplateColumns: COLUMNS, alignItems: 'center', borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          py={6}
        >
          <span role="columnheader" aria-label="Select" />
          {['Problem', 'Team', 'Kind', 'About', 'Severity', 'Status', 'Seen', 'Last seen'].map((h) => (
            <Text key={h} role="columnheader" size="sm" fw={600}>
              {h}
            </Text>
          ))}
        </Box>
        <div ref={parentRef} data-testid="exceptions-table" style={{ height, overflowY: 'auto', position: 'relative' }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
            {items.map((item) => {
              const row = rowAt(item.index)
              const style = {
                position: 'absolute' as const,
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
                display: 'grid',
                gridTemplateColumns: COLUMNS,
                alignItems: 'center',
                borderBottom: '1px solid var(--mantine-color-gray-2)',
              }
              if (!row) {
                return (
                  <div key={`loading-${item.index}`} style={style} role="row" data-testid="exception-row-loading">
                    <span />
                    <Skeleton height={14} width="80%" />
                  </div>
                )
              }
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + 1}
                  data-testid="exception-row"
                  data-id={row.id}
                  tabIndex={0}
                  style={{ ...style, cursor: 'pointer' }}
                  aria-label={`${row.title}. Open details`}
                  onClick={() => onOpen(row)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault()
                      onOpen(row)
                    }
                  }}
                >
                  <span role="cell" onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${row.title}`}
                      data-testid="exception-select"
                      checked={selection.isSelected(row.id)}
                      onChange={() => selection.toggle(row)}
                    />
                  </span>
                  <Text role="cell" size="sm" fw={500} truncate="end" title={row.title}>
                    {row.title}
                  </Text>
                  <Text role="cell" size="sm">
                    {TEAM_LABEL[row.team]}
                  </Text>
                  <Text role="cell" size="sm" truncate="end">
                    {categoryLabel(row.category)}
                  </Text>
                  <Text role="cell" size="sm" truncate="end">
                    <Text span c="dimmed" size="sm">
                      {row.objectType}
                    </Text>{' '}
                    {row.objectRef}
                  </Text>
                  <span role="cell">
                    <Badge color={SEVERITY_COLOR[row.severity]} variant="light" size="sm">
                      {SEVERITY_LABEL[row.severity]}
                    </Badge>
                  </span>
                  <Text role="cell" size="xs">
                    {STATUS_LABEL[row.status]}
                  </Text>
                  <Text role="cell" size="sm" ta="right" pr="sm">
                    {formatCount(row.occurrences)}
                  </Text>
                  <Text role="cell" size="sm">
                    {formatRelative(row.lastSeenAt)}
                  </Text>
                </div>
              )
            })}
          </div>
        </div>
        <Group justify="flex-end" mt={4}>
          <Text size="xs" c="dimmed">
            Scroll to see more; rows load as you go.
          </Text>
        </Group>
      </Box>
    </Box>
  )
}
