import { Drawer, Group, Pagination, Skeleton, Text } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { QueryResult } from '../api/hooks'
import { ErrorNote } from './ErrorNote'

const PAGE_SIZE = 50

export interface Paging {
  page: number
  setPage: (page: number) => void
  limit: number
  offset: number
}

/** The page of a drawer's list, to pass to its query as limit and offset. */
export function usePaging(): Paging {
  const [page, setPage] = useState(1)
  return { page, setPage, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }
}

/** A right-hand drawer over a paged list; it opens again on the first page. */
export function PagedDrawer(props: { opened: boolean; onClose: () => void; paging: Paging; title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Drawer
      opened={props.opened}
      onClose={() => {
        props.paging.setPage(1)
        props.onClose()
      }}
      position="right"
      size="xl"
      title={<Text fw={600}>{props.title}</Text>}
      data-testid={props.testId}
    >
      {props.children}
    </Drawer>
  )
}

/**
 * One page of a list: its error, a placeholder until the first answer, then the rows, with the
 * page numbers (and `aside`, such as a link) underneath when there is more than one page.
 */
export function PagedRows<T extends { total: number }>(props: {
  query: QueryResult<T>
  paging: Paging
  errorTitle?: string
  skeleton?: number
  aside?: ReactNode
  children: (data: T) => ReactNode
}) {
  const { query: q, paging } = props
  const pages = q.data ? Math.ceil(q.data.total / paging.limit) : 0
  return (
    <>
      {q.error && <ErrorNote error={q.error} onRetry={q.refetch} title={props.errorTitle} />}
      {!q.data && !q.error && <Skeleton h={props.skeleton ?? 120} />}
      {q.data && props.children(q.data)}
      {q.data && (pages > 1 || props.aside) && (
        <Group justify="space-between">
          {pages > 1 ? <Pagination total={pages} value={paging.page} onChange={paging.setPage} size="sm" /> : <span />}
          {props.aside}
        </Group>
      )}
    </>
  )
}
