/**
 * The settings area: read the workspace settings a person may edit, and change them one section
 * at a time. Each change is checked against the same rules as the workspace file, written to it,
 * applied at once and recorded in the settings history. Secrets go in, never come out: the view
 * says only whether one is set and where it is kept.
 */
import { z } from 'zod'
import { method } from './define'
import { Empty, IsoDateTime, SyncJob, Team } from './common'
import { BusinessCentralAddress } from './connections'

const Person = z.string().trim().min(1).max(100)
/** A credential typed into the form: stored in the secret store, never returned. */
const NewSecret = z.string().min(8).max(4096)
const Url = z.string().trim().min(1).max(2000)
const Text = (max: number) => z.string().trim().max(max)

export const SecretState = z.object({
  /** the value can be found where the workspace says (without revealing it) */
  set: z.boolean(),
  /** 'environment': an environment variable; 'store': the keyring (desktop) or the owner-only secrets file */
  source: z.enum(['environment', 'store']),
  /** the variable's or the stored entry's name */
  name: z.string(),
  /** why it cannot be used, in plain words; null when set */
  problem: z.string().nullable(),
})
export type SecretState = z.infer<typeof SecretState>

const BusinessCentralView = BusinessCentralAddress.extend({ timeoutMs: z.number(), clientSecret: SecretState })

const FileExchangeView = z.object({
  kind: z.literal('file-exchange'),
  root: z.string(),
  format: z.enum(['csv', 'json', 'both']),
  batch: z.enum(['per-order', 'per-batch']),
  decimalSeparator: z.enum(['.', ',', 'auto']),
  delimiter: z.string().nullable(),
  dateFormat: z.enum(['iso', 'DD.MM.YYYY', 'DD/MM/YYYY']),
})

export const JobScheduleSetting = z.object({
  job: SyncJob,
  /** 0 = runs only when someone asks */
  everyMinutes: z.number(),
  /** warn ("late") when the job has not succeeded for this long */
  staleAfterMinutes: z.number(),
})
export type JobScheduleSetting = z.infer<typeof JobScheduleSetting>

export const TeamRouting = z.object({
  category: z.string(),
  label: z.string(),
  /** who owns it when the workspace does not say otherwise (two when it depends on the error) */
  defaultTeams: z.array(Team),
  /** the workspace's choice for new exceptions; null = the default */
  team: Team.nullable(),
})
export type TeamRouting = z.infer<typeof TeamRouting>

const ChargeLineType = z.enum(['account', 'charge'])

const TaxCodeRow = z.object({ ratePercent: z.string(), code: z.string() })

export const SettingsView = z.object({
  centra: z.object({ url: z.string(), timeoutMs: z.number(), token: SecretState }),
  erp: z.discriminatedUnion('kind', [BusinessCentralView, FileExchangeView]),
  schedule: z.array(JobScheduleSetting),
  /** ERP vs Centra differences accepted as rounding, in minor units (cents) */
  tolerances: z.object({ perLineMinor: z.number().int(), perOrderMinor: z.number().int() }),
  /** where shipping and handling are booked in the ERP: a G/L account line, or an item charge line */
  charges: z.object({
    shippingAccount: z.string().nullable(),
    handlingAccount: z.string().nullable(),
    shippingLineType: ChargeLineType,
    handlingLineType: ChargeLineType,
  }),
  /** Centra tax rate (percent, as text: "25", "12.5") → ERP tax code, for all markets */
  taxCodes: z.array(TaxCodeRow),
  /** a market's own codes, asked before those for all markets (market: its name as Centra gives it on orders, or its id) */
  taxCodesByMarket: z.array(z.object({ market: z.string(), codes: z.array(TaxCodeRow) })),
  teams: z.array(TeamRouting),
})
export type SettingsView = z.infer<typeof SettingsView>

export const SettingsSection = z.enum(['centra', 'erp', 'schedule', 'tolerances', 'charges', 'taxCodes', 'teams'])
export type SettingsSection = z.infer<typeof SettingsSection>

export const SettingsChange = z.object({
  at: IsoDateTime,
  actor: z.string(),
  section: SettingsSection,
  /** what changed, e.g. "schedule.ordersEveryMinutes: 5 → 15", "Centra API token replaced"; never a secret */
  changes: z.array(z.string()),
})
export type SettingsChange = z.infer<typeof SettingsChange>

const Weak = {
  /** the person agreed to store a secret on a computer without a keyring (Linux basic_text) */
  allowWeakStorage: z.boolean().default(false),
}

export const ErpSettingsInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('business-central'),
      baseUrl: Url,
      tokenUrl: Url,
      companyId: Text(100).nullable().default(null),
      companyName: Text(100).nullable().default(null),
      clientId: Text(200),
      timeoutMs: z.number(),
      /** a new client secret; left out = keep the current one */
      clientSecret: NewSecret.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('file-exchange'),
      root: Text(1000),
      format: z.enum(['csv', 'json', 'both']),
      batch: z.enum(['per-order', 'per-batch']),
      decimalSeparator: z.enum(['.', ',', 'auto']),
      delimiter: z.string().max(1).nullable().default(null),
      dateFormat: z.enum(['iso', 'DD.MM.YYYY', 'DD/MM/YYYY']),
    })
    .strict(),
])
export type ErpSettingsInput = z.input<typeof ErpSettingsInput>

const changed = ['settings', 'connections'] as const

export const settingsMethods = {
  'settings.get': method({
    summary: 'The editable workspace settings: connections (secrets only as set / not set and where they are kept), schedules, tolerances, tax codes, team per exception category.',
    input: Empty,
    output: SettingsView,
    mutates: false,
  }),
  'settings.setCentra': method({
    summary: 'Change the Centra connection: API address, timeout, and optionally a new Integration API token (stored in the secret store).',
    input: z.object({ actor: Person, url: Url, timeoutMs: z.number(), token: NewSecret.optional(), ...Weak }).strict(),
    output: SettingsView,
    mutates: true,
    changes: changed,
  }),
  'settings.setErp': method({
    summary: 'Change the ERP connection: Business Central (addresses, company, client id, optionally a new client secret) or the exchange folder and file format.',
    input: z.object({ actor: Person, erp: ErpSettingsInput, ...Weak }).strict(),
    output: SettingsView,
    mutates: true,
    changes: changed,
  }),
  'settings.setSchedule': method({
    summary: 'Change how often jobs run (0 = only by hand) and when they count as late; applied at once.',
    input: z.object({ actor: Person, jobs: z.array(JobScheduleSetting.strict()).min(1).max(4) }).strict(),
    output: SettingsView,
    mutates: true,
    changes: ['settings', 'sync'],
  }),
  'settings.setTolerances': method({
    summary: 'Change the rounding tolerances between Centra and the ERP (per line and per order, in cents).',
    input: z.object({ actor: Person, perLineMinor: z.number(), perOrderMinor: z.number() }).strict(),
    output: SettingsView,
    mutates: true,
    changes: ['settings'],
  }),
  'settings.setCharges': method({
    summary:
      'Choose the ERP number shipping and handling are booked to, and whether as a G/L account line or an item charge line. Orders held back for a missing account can then be retried.',
    input: z
      .object({
        actor: Person,
        /** ERP G/L account or item charge number; null = not set (orders that charge it wait) */
        shippingAccount: Text(20).min(1).nullable(),
        handlingAccount: Text(20).min(1).nullable(),
        shippingLineType: ChargeLineType,
        handlingLineType: ChargeLineType,
      })
      .strict(),
    output: SettingsView,
    mutates: true,
    changes: ['settings'],
  }),
  'settings.setTaxCodes': method({
    summary:
      "Replace a table of Centra tax rate → ERP tax code: the one for all markets, or a market's own (asked first). An empty table for all markets and none for the market: the ERP decides.",
    input: z
      .object({
        actor: Person,
        /** the market whose own table is replaced (its name as on orders, or its id); left out = the table for all markets */
        market: z.string().trim().min(1).max(100).optional(),
        codes: z.array(z.object({ ratePercent: Text(12), code: Text(50) }).strict()).max(200),
      })
      .strict(),
    output: SettingsView,
    mutates: true,
    changes: ['settings', 'mapping'],
  }),
  'settings.setTeams': method({
    summary: 'Choose which team new exceptions of a category go to (null = the default owner). Existing exceptions keep their team.',
    input: z
      .object({ actor: Person, teams: z.array(z.object({ category: Text(60), team: Team.nullable() }).strict()).min(1).max(100) })
      .strict(),
    output: SettingsView,
    mutates: true,
    changes: ['settings'],
  }),
  'settings.history': method({
    summary: 'Recent settings changes, newest first: who, when, which section and what changed (never a secret).',
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(SettingsChange),
    mutates: false,
  }),
}
