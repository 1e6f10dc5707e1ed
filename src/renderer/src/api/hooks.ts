import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract'
import type { EventName, EventPayload } from '@shared/events'
import { useApi } from './ApiProvider'
import { ApiError } from './client'
import type { LinkState } from './transport'

export interface QueryOptions {
  /** areas of `data.changed` that make this query fetch again; 'any' (default) for every change */
  refreshOn?: readonly string[] | 'any'
  /** false to hold the query (e.g. until an id is known) */
  enabled?: boolean
}

export interface QueryResult<T> {
  /** the latest answer; while a new input loads, the answer for the previous input stays here */
  data: T | undefined
  error: ApiError | undefined
  /** true until the first answer (or error) for the current input arrives */
  loading: boolean
  refetch: () => void
}

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  return new ApiError({ code: 'internal', message: e instanceof Error ? e.message : String(e), retryable: false })
}

/**
 * A contract query keyed by [method, JSON of input]. It fetches again when the core reports
 * `data.changed` for its areas and after a dropped connection comes back (events may have been
 * missed meanwhile). Answers that arrive out of order are dropped: only the latest fetch counts.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryOptions = {}): QueryResult<MethodOutput<M>> {
  const api = useApi()
  const inputJson = JSON.stringify(input ?? {})
  const key = `${method} ${inputJson}`
  const enabled = options.enabled ?? true
  const refreshOn = options.refreshOn ?? 'any'
  const refreshKey = refreshOn === 'any' ? '*' : refreshOn.join(',')

  const [state, setState] = useState<{ key: string | null; data?: MethodOutput<M>; error?: ApiError }>({ key: null })
  const seq = useRef(0)

  const fetchNow = useCallback(() => {
    const mine = ++seq.current
    const fetchKey = `${method} ${inputJson}`
    api.call(method, JSON.parse(inputJson) as MethodInput<M>).then(
      (data) => {
        if (mine === seq.current) setState({ key: fetchKey, data, error: undefined })
      },
      (e: unknown) => {
        if (mine === seq.current) setState((s) => ({ key: fetchKey, data: s.data, error: toApiError(e) }))
      },
    )
  }, [api, method, inputJson])

  useEffect(() => {
    if (enabled) fetchNow()
  }, [fetchNow, enabled])

  useEffect(() => {
    if (!enabled) return
    const areas = refreshKey === '*' ? null : new Set(refreshKey.split(','))
    const offChange = api.on('data.changed', ({ areas: changed }) => {
      if (!areas || changed.some((a) => areas.has(a))) fetchNow()
    })
    let wasDown = false
    const offLink = api.onLinkState((s) => {
      if (s.state === 'reconnecting') wasDown = true
      else if (s.state === 'ready' && wasDown) {
        wasDown = false
        fetchNow()
      }
    })
    return () => {
      offChange()
      offLink()
    }
  }, [api, fetchNow, enabled, refreshKey])

  return {
    data: state.data,
    error: state.error,
    loading: enabled && state.key !== key,
    refetch: fetchNow,
  }
}

/** Subscribes to a push event for the life of the component; always calls the latest listener. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi()
  const ref = useRef(listener)
  useLayoutEffect(() => {
    ref.current = listener
  })
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [api, event])
}

export function useLinkState(): LinkState {
  const api = useApi()
  const [link, setLink] = useState<LinkState>({ state: 'connecting' })
  useEffect(() => api.onLinkState(setLink), [api])
  return link
}
