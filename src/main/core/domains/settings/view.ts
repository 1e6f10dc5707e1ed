/** The settings as the Settings screen shows them: secrets only as set / not set and where they are kept. */
import type { SecretState, SettingsView } from '../../../../shared/contract'
import type { HandlerContext } from '../../rpc/handlers'
import type { SecretRef, WorkspaceConfig } from '../../workspace/config'
import { jobSchedules } from '../../workspace/job-schedules'
import { EXCEPTION_CATEGORIES } from '../exceptions/causes'

function secretState(ref: SecretRef, label: string, secrets: HandlerContext['secrets']): SecretState {
  const problem = secrets.problem(ref, label)
  return 'env' in ref
    ? { set: problem === null, source: 'environment', name: ref.env, problem }
    : { set: problem === null, source: 'store', name: ref.secret, problem }
}

function codeRows(table: Record<string, string>): { ratePercent: string; code: string }[] {
  return Object.entries(table)
    .map(([ratePercent, code]) => ({ ratePercent, code }))
    .sort((a, b) => Number(a.ratePercent) - Number(b.ratePercent))
}

export function settingsView(config: WorkspaceConfig, secrets: HandlerContext['secrets']): SettingsView {
  const erp = config.erp
  return {
    centra: { url: config.centra.url, timeoutMs: config.centra.timeoutMs, token: secretState(config.centra.token, 'The Centra API token', secrets) },
    erp:
      erp.kind === 'business-central'
        ? {
            kind: 'business-central',
            baseUrl: erp.baseUrl,
            tokenUrl: erp.tokenUrl,
            companyId: erp.companyId ?? null,
            companyName: erp.companyName ?? null,
            clientId: erp.clientId,
            timeoutMs: erp.timeoutMs,
            clientSecret: secretState(erp.clientSecret, 'The Business Central client secret', secrets),
          }
        : {
            kind: 'file-exchange',
            root: erp.root,
            format: erp.format,
            batch: erp.batch,
            decimalSeparator: erp.decimalSeparator,
            delimiter: erp.delimiter ?? null,
            dateFormat: erp.dateFormat,
          },
    schedule: jobSchedules(config.schedule),
    tolerances: { ...config.orders.varianceTolerance },
    charges: {
      shippingAccount: config.orders.shippingAccount,
      handlingAccount: config.orders.handlingAccount,
      shippingLineType: config.orders.shippingLineType,
      handlingLineType: config.orders.handlingLineType,
    },
    taxCodes: codeRows(config.orders.taxCodes),
    taxCodesByMarket: Object.entries(config.orders.taxCodesByMarket)
      .map(([market, table]) => ({ market, codes: codeRows(table) }))
      .sort((a, b) => a.market.localeCompare(b.market)),
    teams: EXCEPTION_CATEGORIES.map((c) => ({
      category: c.category,
      label: c.label,
      defaultTeams: [...c.defaultTeams],
      team: config.exceptions.teams[c.category] ?? null,
    })),
  }
}
