/**
 * The screens, in navbar order. A new screen is one entry here; navigation is in memory (no URL
 * routing) so it works the same from a file in Electron and from `instep serve`.
 */
import type { ComponentType } from 'react'
import { IconAlertTriangle, IconLayoutDashboard, IconSettings, type Icon } from '@tabler/icons-react'
import { ExceptionsPage } from '../features/exceptions/ExceptionsPage'
import { IconArrowsExchange, IconRoute } from '@tabler/icons-react'
import { MappingPage } from '../features/mapping/MappingPage'
import { TracePage } from '../features/trace/TracePage'
import { OverviewPage } from '../features/dashboard/OverviewPage'
import { SettingsPage } from '../features/settings/SettingsPage'
import { ReconciliationIcon, ReconciliationPage } from '../features/reconciliation/ReconciliationPage'
import { IconPackages } from '@tabler/icons-react'
import { StockPage } from '../features/inventory/StockPage'

export interface Route {
  id: string
  label: string
  icon: Icon
  component: ComponentType
}

export const ROUTES = [
  { id: 'overview', label: 'Overview', icon: IconLayoutDashboard, component: OverviewPage },
  { id: 'exceptions', label: 'Exceptions', icon: IconAlertTriangle, component: () => <ExceptionsPage /> },
  { id: 'trace', label: 'Order trace', icon: IconRoute, component: TracePage },
  { id: 'mapping', label: 'Mapping', icon: IconArrowsExchange, component: MappingPage },
  { id: 'reconciliation', label: 'Month-end', icon: ReconciliationIcon, component: ReconciliationPage },
  { id: 'stock', label: 'Stock & drift', icon: IconPackages, component: StockPage },
  { id: 'settings', label: 'Settings', icon: IconSettings, component: SettingsPage },
] as const satisfies readonly Route[]

export type RouteId = (typeof ROUTES)[number]['id']
