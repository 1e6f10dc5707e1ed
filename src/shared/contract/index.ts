/**
 * The one contract between the UI, the CLI and the core. Every method is declared here once;
 * transports validate input against it and core handlers are typed from it.
 */
import type { z } from 'zod'
import { connectionMethods, secretMethods } from './connections'
import { dashboardMethods } from './dashboard'
import { exceptionMethods } from './exceptions'
import { fulfilmentMethods } from './fulfilment'
import { updateMethods } from './updates'
import { mappingMethods } from './mapping'
import { traceMethods } from './trace'
import { monitoringMethods } from './monitoring'
import { syncMethods } from './sync'
import { systemMethods } from './system'
import { reconciliationMethods } from './reconciliation'
import { inventoryMethods } from './inventory'
import { settingsMethods } from './settings'
import type { MethodSpec } from './define'

export const contract = {
  ...systemMethods,
  ...dashboardMethods,
  ...syncMethods,
  ...exceptionMethods,
  ...fulfilmentMethods,
  ...mappingMethods,
  ...traceMethods,
  ...monitoringMethods,
  ...connectionMethods,
  ...secretMethods,
  ...updateMethods,
  ...reconciliationMethods,
  ...inventoryMethods,
  ...settingsMethods,
} satisfies Record<string, MethodSpec>

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>

export const METHOD_NAMES = Object.keys(contract) as MethodName[]

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

export * from './common'
export * from './connections'
export * from './dashboard'
export * from './exceptions'
export * from './fulfilment'
export * from './updates'
export * from './mapping'
export * from './trace'
export * from './monitoring'
export * from './sync'
export * from './system'
export * from './reconciliation'
export * from './settings'
export { EVENT_NAMES, events, isEventName } from '../events'
export type { EventName, EventPayload } from '../events'
