import { useCallback, useEffect, useRef, useState } from 'react'
import type { ExceptionFilter, ExceptionRow } from '@shared/contract'
import { useApi } from '../../api'

export const PAGE_SIZE = 100
const EMPTY = new Map<number, ExceptionRow[]>()

/**
 * Pages of `exceptions.list` loaded on demand for a virtual grid: only the pages the visible
 * window touches are fetched, never the whole queue (100 000 rows stay in SQLite). A change of
 * filter starts over; `data.changed` for exceptions reloads the pages already seen.
 */
export function usePagedExceptions(filter: ExceptionFilter, pageSize = PAGE_SIZE) {
  const api = useApi()
  const filterJson = JSON.stringify(filter)
  const [state, setState] = useState<{ key: string; total: number | null; pages: Map<number, ExceptionRow[]>; error: string | null }>({
    key: filterJson,
    total: null,
    pages: new Map(),
    error: null,
  })
  const inFlight = useRef(new Set<string>())
  const generation = useRef(0)

  const loadPage = useCallback(
    (page: number) => {
      const gen = generation.current
      const tag = `${gen}:${page}`
      if (inFlight.current.has(tag)) return
      inFlight.current.add(tag)
      api.call('exceptions.list', { ...(JSON.parse(filterJson) as ExceptionFilter), limit: pageSize, offset: page * pageSize }).then(
        (res) => {
          inFlight.current.delete(tag)
          if (gen !== generation.current) return
          setState((s) => {
            const pages = new Map(s.key === filterJson ? s.pages : undefined)
            pages.set(page, res.rows)
            return { ...s, key: filterJson, total: res.total, pages, error: null }
          })
        },
        (e: unknown) => {
          inFlight.current.delete(tag)
          const error = e instanceof Error ? e.message : String(e)
          if (gen === generation.current) setState((s) => (s.key === filterJson ? { ...s, error } : { key: filterJson, total: null, pages: new Map(), error }))
        },
      )
    },
    [api, filterJson, pageSize],
  )

  // A new filter: pages of the old one no longer count (see `current`); start from the top.
  useEffect(() => {
    generation.current++
    inFlight.current.clear()
    loadPage(0)
  }, [filterJson, loadPage])

  const current = state.key === filterJson
  const pages = current ? state.pages : EMPTY
  const total = current ? state.total : null
  const loaded = useRef<number[]>([])
  useEffect(() => {
    loaded.current = [...pages.keys()]
  }, [pages])
  const reload = useCallback(() => {
    generation.current++
    const seen = loaded.current.length ? loaded.current : [0]
    for (const p of seen) loadPage(p)
  }, [loadPage])

  useEffect(() => api.on('data.changed', ({ areas }) => areas.includes('exceptions') && reload()), [api, reload])

  /** Ask for the pages covering rows [start, end]; already loaded ones are not fetched again. */
  const ensure = useCallback(
    (start: number, end: number) => {
      for (let p = Math.floor(start / pageSize); p <= Math.floor(end / pageSize); p++) {
        if (!pages.has(p) && (total === null || p * pageSize < total)) loadPage(p)
      }
    },
    [pages, total, pageSize, loadPage],
  )

  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize], [pages, pageSize])

  return { total, rowAt, ensure, error: current ? state.error : null, reload }
}
