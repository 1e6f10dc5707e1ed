import { AppError } from '../../../../shared/errors'
import { defineHandlers } from '../../rpc/handlers'
import { SCHEDULE_KEYS } from '../../workspace/job-schedules'
import { EXCEPTION_CATEGORIES } from '../exceptions/causes'
import { applySettingsChange } from './apply'
import { readHistory } from './history'
import { settingsView } from './view'

const RATE = /^\d{1,3}(\.\d{1,4})?$/
const JOB_NAME = { orders: 'order sync', fulfilment: 'shipment sync', stock: 'stock sync', 'stock-sweep': 'full stock sweep' } as const

export const settingsHandlers = defineHandlers({
  'settings.get': (_input, ctx) => settingsView(ctx.config, ctx.secrets),

  'settings.setCentra': async ({ actor, url, timeoutMs, token, allowWeakStorage }, ctx) => {
    return applySettingsChange(ctx, {
      section: 'centra',
      actor,
      parts: ['centra'],
      allowWeakStorage,
      secret: token ? { key: 'centra.token', value: token, label: 'Centra API token' } : undefined,
      edit: (c) => {
        c.centra.url = url
        c.centra.timeoutMs = timeoutMs
        if (token) c.centra.token = { secret: 'centra.token' }
      },
    })
  },

  'settings.setErp': async ({ actor, erp, allowWeakStorage }, ctx) => {
    const secret = erp.kind === 'business-central' && erp.clientSecret ? { key: 'erp.clientSecret', value: erp.clientSecret, label: 'Business Central client secret' } : undefined
    return applySettingsChange(ctx, {
      section: 'erp',
      actor,
      parts: ['erp'],
      allowWeakStorage,
      secret,
      edit: (c) => {
        if (erp.kind === 'business-central') {
          const current = c.erp.kind === 'business-central' ? c.erp : undefined
          const clientSecret = secret ? { secret: secret.key } : current?.clientSecret
          if (!clientSecret) {
            throw new AppError('invalid_input', 'Enter the client secret: this workspace had no Business Central connection before, so there is none to keep.')
          }
          const { clientSecret: _typed, companyId, companyName, ...rest } = erp
          const next = { ...current, ...rest, clientSecret }
          // The company is found by id or by name; an emptied field means "not this way".
          if (companyId) next.companyId = companyId
          else delete next.companyId
          if (companyName) next.companyName = companyName
          else delete next.companyName
          // Settings with a default that a switch from file exchange leaves out are filled in by the check that follows.
          c.erp = next as typeof c.erp
        } else {
          // Settings the form does not show (column names, local currency…) are kept.
          const current = c.erp.kind === 'file-exchange' ? c.erp : {}
          const { delimiter, ...rest } = erp
          const next = { ...current, ...rest } as Extract<typeof c.erp, { kind: 'file-exchange' }>
          if (delimiter) next.delimiter = delimiter
          else delete next.delimiter
          c.erp = next
        }
      },
    })
  },

  'settings.setSchedule': async ({ actor, jobs }, ctx) => {
    const seen = new Set<string>()
    for (const j of jobs) {
      if (seen.has(j.job)) throw new AppError('invalid_input', `The ${JOB_NAME[j.job]} is listed twice.`)
      seen.add(j.job)
    }
    return applySettingsChange(ctx, {
      section: 'schedule',
      actor,
      parts: ['schedule'],
      edit: (c) => {
        for (const j of jobs) {
          c.schedule[SCHEDULE_KEYS[j.job].every] = j.everyMinutes
          c.schedule[SCHEDULE_KEYS[j.job].staleAfter] = j.staleAfterMinutes
        }
      },
    })
  },

  'settings.setTolerances': async ({ actor, perLineMinor, perOrderMinor }, ctx) => {
    return applySettingsChange(ctx, {
      section: 'tolerances',
      actor,
      parts: ['orders'],
      edit: (c) => {
        c.orders.varianceTolerance = { perLineMinor, perOrderMinor }
      },
    })
  },

  'settings.setCharges': async ({ actor, shippingAccount, handlingAccount, shippingLineType, handlingLineType }, ctx) => {
    return applySettingsChange(ctx, {
      section: 'charges',
      actor,
      parts: ['orders'],
      edit: (c) => {
        c.orders.shippingAccount = shippingAccount
        c.orders.handlingAccount = handlingAccount
        c.orders.shippingLineType = shippingLineType
        c.orders.handlingLineType = handlingLineType
      },
    })
  },

  'settings.setTaxCodes': async ({ actor, market, codes }, ctx) => {
    const table: Record<string, string> = {}
    const byValue = new Map<number, string>()
    for (const { ratePercent, code } of codes) {
      if (!RATE.test(ratePercent) || Number(ratePercent) > 100) {
        throw new AppError('invalid_input', `“${ratePercent}” is not a tax rate: write it as a number of percent, such as 25 or 12.5.`)
      }
      if (!code) throw new AppError('invalid_input', `Enter the ERP tax code for ${ratePercent} %${market === undefined ? '' : ` in ${market}`}, or remove the row.`)
      const same = byValue.get(Number(ratePercent))
      if (same !== undefined) throw new AppError('invalid_input', `The rate ${ratePercent} % is listed twice (also as ${same} %). Keep one row per rate.`)
      byValue.set(Number(ratePercent), ratePercent)
      table[ratePercent] = code
    }
    return applySettingsChange(ctx, {
      section: 'taxCodes',
      actor,
      parts: ['orders'],
      edit: (c) => {
        if (market === undefined) c.orders.taxCodes = table
        // A market with no codes of its own falls back to the table for all markets: keep the file short.
        else if (Object.keys(table).length === 0) delete c.orders.taxCodesByMarket[market]
        else c.orders.taxCodesByMarket[market] = table
      },
    })
  },

  'settings.setTeams': async ({ actor, teams }, ctx) => {
    const known = new Map(EXCEPTION_CATEGORIES.map((c) => [c.category, c]))
    for (const t of teams) {
      if (!known.has(t.category)) throw new AppError('invalid_input', `There is no exception category “${t.category}”.`)
    }
    return applySettingsChange(ctx, {
      section: 'teams',
      actor,
      parts: ['exceptions'],
      edit: (c) => {
        for (const { category, team } of teams) {
          const defaults = known.get(category)!.defaultTeams
          // Choosing the only default owner again is the same as no override: keep the file short.
          if (team === null || (defaults.length === 1 && defaults[0] === team)) delete c.exceptions.teams[category]
          else c.exceptions.teams[category] = team
        }
      },
    })
  },

  'settings.history': ({ limit }, ctx) => readHistory(ctx.workspaceDir, limit),
})
