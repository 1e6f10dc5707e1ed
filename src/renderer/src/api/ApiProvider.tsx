import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { createClient, getClient, type ApiClient } from './client'
import type { Transport } from './transport'

const ApiContext = createContext<ApiClient | null>(null)

/**
 * Gives the tree its client. The app passes the transport chosen at start; component tests pass
 * a fake transport. Without a provider, hooks fall back to the module-level client.
 */
export function ApiProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  const client = useMemo(() => createClient(transport), [transport])
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>
}

export function useApi(): ApiClient {
  return useContext(ApiContext) ?? getClient()
}
