/**
 * Every domain's handlers, gathered once. A test proves the union covers each contract method
 * exactly once (the spread would silently let a later domain win, so the test counts keys).
 */
import type { HandlerMap } from '../rpc/handlers'
import { connectionHandlers } from './connections/handlers'
import { dashboardHandlers } from './dashboard/handlers'
import { updateHandlers } from './updates/handlers'
import { exceptionHandlers } from './exceptions/handlers'
import { fulfilmentHandlers } from './fulfilment/handlers'
import { mappingHandlers } from './mapping/handlers'
import { traceHandlers } from './trace/handlers'
import { monitoringHandlers } from './monitoring/handlers'
import { syncHandlers } from './sync/handlers'
import { systemHandlers } from './system/handlers'
import { reconciliationHandlers } from './reconciliation/handlers'
import { inventoryHandlers } from './inventory/handlers'
import { settingsHandlers } from './settings/handlers'

export const domainHandlers = [systemHandlers, dashboardHandlers, syncHandlers, exceptionHandlers, fulfilmentHandlers, connectionHandlers,
  updateHandlers, mappingHandlers, monitoringHandlers, traceHandlers, reconciliationHandlers, inventoryHandlers, settingsHandlers] as const

export const handlers: HandlerMap = {
  ...systemHandlers,
  ...dashboardHandlers,
  ...syncHandlers,
  ...exceptionHandlers,
  ...fulfilmentHandlers,
  ...mappingHandlers,
  ...traceHandlers,
  ...monitoringHandlers,
  ...connectionHandlers,
  ...updateHandlers,
  ...reconciliationHandlers,
  ...inventoryHandlers,
  ...settingsHandlers,
}
