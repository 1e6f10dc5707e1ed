/**
 * The workspace config file (instep.workspace.json): connections and behaviour, readable by
 * people and scripts. Secrets never appear in it inline: only references to an environment
 * variable or to a key in the workspace's private secrets file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { Team } from '../../../shared/contract/common'
import { CONFIG_FILE } from './paths'

export const SecretRef = z.union([
  z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).strict(),
  z.object({ secret: z.string().min(1).max(100) }).strict(),
])
export type SecretRef = z.infer<typeof SecretRef>

const CentraConnection = z
  .object({
    url: z.string().url(),
    token: SecretRef,
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  })
  .strict()

const BusinessCentralConnection = z
  .object({
    kind: z.literal('business-central'),
    baseUrl: z.string().url(),
    tokenUrl: z.string().url(),
    companyId: z.string().optional(),
    companyName: z.string().optional(),
    clientId: z.string().min(1),
    clientSecret: SecretRef,
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /** the tenant's custom availability page (docs/runbooks/inventory-erp-availability.md); absent: BC's standard item inventory total */
    availability: z
      .object({ apiPath: z.string().regex(/^[\w.-]+\/[\w.-]+\/v\d+\.\d+$/), entitySet: z.string().regex(/^\w+$/) })
      .strict()
      .optional(),
    /** the ERP location BC's one inventory total per item is counted at, when there is no availability page */
    inventoryLocation: z.string().min(1).max(10).default('MAIN'),
  })
  .strict()

const TaxCodeTable = z.record(z.string().regex(/^\d+(\.\d+)?$/), z.string().min(1).max(50))

export const OrdersSettings = z
  .object({
    /** prefix of the ERP external document number: our idempotency key is prefix + order number */
    externalDocumentPrefix: z.string().max(10).default('WEB-'),
    /** ERP customer for web orders: prefix + the market's country code, or prefix + a shopper id */
    customerPrefix: z.string().max(10).default('WEB-'),
    /** one ERP web customer per market, or one ERP customer per shopper (created on first order) */
    customerStrategy: z.enum(['per-market', 'per-shopper']).default('per-market'),
    /** how far back each run re-reads orders, so late-arriving changes are not missed */
    lookbackHours: z.number().min(0).max(24 * 31).default(48),
    pageSize: z.number().int().min(1).max(200).default(50),
    /** orders posted to the ERP at the same time (Business Central allows 5 requests in flight) */
    postConcurrency: z.number().int().min(1).max(16).default(4),
    /**
     * When the ERP's answer to a create is lost and a look-up does not find the order, wait this
     * long before looking again and re-sending: Business Central can finish a request minutes
     * after the caller gave up, and re-sending earlier could create the order twice.
     */
    ambiguousSettleMinutes: z.number().min(0).max(24 * 60).default(10),
    /** ERP numbers for the shipping and handling lines: G/L accounts, or item charges (see below) */
    shippingAccount: z.string().max(20).nullable().default(null),
    handlingAccount: z.string().max(20).nullable().default(null),
    /**
     * What those numbers are: 'account' (a G/L account line) or 'charge' (an item charge line,
     * Business Central "Charge (Item)"). BC's API cannot assign an item charge to item lines, and
     * BC will not invoice an unassigned one: someone assigns it in BC before the order is invoiced.
     */
    shippingLineType: z.enum(['account', 'charge']).default('account'),
    handlingLineType: z.enum(['account', 'charge']).default('account'),
    /** Centra tax rate → ERP tax code for every market; empty = the ERP's item and customer defaults decide */
    taxCodes: TaxCodeTable.default({}),
    /**
     * Per market (its name as Centra gives it on the order, or its id): rate → code, asked before
     * taxCodes. With a code in either table for a market, a rate in neither holds the order back
     * (sync/engine/tax-codes.ts has the whole rule).
     */
    taxCodesByMarket: z.record(z.string().min(1).max(100), TaxCodeTable).default({}),
    /** differences between Centra and the ERP accepted as rounding, in minor units */
    varianceTolerance: z
      .object({ perLineMinor: z.number().int().min(0).max(100), perOrderMinor: z.number().int().min(0).max(10_000) })
      .strict()
      .default({ perLineMinor: 1, perOrderMinor: 2 }),
  })
  .strict()
export type OrdersSettings = z.infer<typeof OrdersSettings>

export const FulfilmentSettings = z
  .object({
    /** after a shipment is completed: capture the payment, only mark it paid, or leave payment alone */
    payment: z.enum(['capture', 'mark-paid', 'none']).default('capture'),
    /** let Centra e-mail the customer when the shipment is completed */
    sendEmail: z.boolean().default(true),
    /** carrier name to show when the source gives none */
    defaultCarrier: z.string().max(50).nullable().default(null),
  })
  .strict()
export type FulfilmentSettings = z.infer<typeof FulfilmentSettings>

/** Stock from the ERP to Centra (see docs/runbooks/inventory.md). */
export const StockSettings = z
  .object({
    /** Centra warehouse id → ERP location code */
    warehouses: z.record(z.string(), z.string().min(1)).default({ '1': 'MAIN', '2': 'US-EAST' }),
    /** units held back per Centra warehouse id (subtracted from the ERP's level, never below 0) */
    buffers: z.record(z.string(), z.number().int().min(0)).default({}),
    quantityType: z.enum(['PHYSICAL', 'FREE_TO_ALLOCATE']).default('PHYSICAL'),
    /** sizes per setStock call */
    batchSize: z.number().int().min(1).max(1000).default(100),
    /** below this a size is urgent (pushed first) */
    lowStockThreshold: z.number().int().min(0).default(5),
    /** hold a push for review when more than this share of sizes would change */
    maxChangeShare: z.number().min(0).max(1).default(0.3),
    /** …or more than this share of sizes, or this many, would drop to zero */
    maxZeroShare: z.number().min(0).max(1).default(0.2),
    maxZeroCount: z.number().int().min(0).default(200),
  })
  .strict()
export type StockSettings = z.infer<typeof StockSettings>

export const ScheduleSettings = z
  .object({
    /** run the order sync automatically every N minutes (0 = only when asked) */
    ordersEveryMinutes: z.number().min(0).max(24 * 60).default(5),
    /** raise a stale-sync exception when the order sync has not succeeded for this long */
    ordersStaleAfterMinutes: z.number().min(1).max(7 * 24 * 60).default(60),
    fulfilmentEveryMinutes: z.number().min(0).max(24 * 60).default(10),
    fulfilmentStaleAfterMinutes: z.number().min(1).max(7 * 24 * 60).default(240),
    /** stock runs are off (0) until the workspace's connectors offer stock; 15 and 1440 are the usual values */
    stockEveryMinutes: z.number().min(0).max(24 * 60).default(0),
    stockStaleAfterMinutes: z.number().min(1).max(7 * 24 * 60).default(240),
    stockSweepEveryMinutes: z.number().min(0).max(7 * 24 * 60).default(0),
    stockSweepStaleAfterMinutes: z.number().min(1).max(14 * 24 * 60).default(3 * 24 * 60),
  })
  .strict()
export type ScheduleSettings = z.infer<typeof ScheduleSettings>

/**
 * Which team a NEW exception of a category goes to, where it should differ from the built-in
 * owner (causes.ts). Exceptions already raised keep their team until someone reassigns them.
 */
export const ExceptionSettings = z
  .object({
    teams: z.record(z.string().regex(/^[a-z][a-z_]{1,59}$/), Team).default({}),
  })
  .strict()
export type ExceptionSettings = z.infer<typeof ExceptionSettings>

/** An ERP without an API: orders out as files, stock, shipments and ERP exports in as files. */
const FileExchangeConnection = z
  .object({
    kind: z.literal('file-exchange'),
    /** the exchange folder (outbox/, inbox/…, archive/, quarantine/ are created inside) */
    root: z.string().min(1),
    format: z.enum(['csv', 'json', 'both']).default('csv'),
    batch: z.enum(['per-order', 'per-batch']).default('per-order'),
    decimalSeparator: z.enum(['.', ',', 'auto']).default('auto'),
    delimiter: z.string().max(1).optional(),
    dateFormat: z.enum(['iso', 'DD.MM.YYYY', 'DD/MM/YYYY']).default('iso'),
    localCurrency: z.string().length(3).optional(),
    /** currencies the ERP accepts on an order (ISO codes); orders in others are held back before a file is written */
    acceptedCurrencies: z.array(z.string().regex(/^[A-Za-z]{3}$/, 'A currency is a 3-letter ISO code such as EUR.')).min(1).optional(),
    /** the ERP's column names where they differ from ours, per file kind */
    columns: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))).optional(),
  })
  .strict()

export const WorkspaceConfig = z
  .object({
    version: z.literal(1),
    name: z.string().min(1).max(100),
    demo: z.boolean().default(false),
    centra: CentraConnection,
    erp: z.discriminatedUnion('kind', [BusinessCentralConnection, FileExchangeConnection]),
    orders: OrdersSettings.prefault({}),
    fulfilment: FulfilmentSettings.prefault({}),
    stock: StockSettings.prefault({}),
    schedule: ScheduleSettings.prefault({}),
    exceptions: ExceptionSettings.prefault({}),
  })
  .strict()
export type WorkspaceConfig = z.infer<typeof WorkspaceConfig>
/** What a config file may say: every setting with a default can be left out. */
export type WorkspaceConfigInput = z.input<typeof WorkspaceConfig>

export function configPath(workspaceDir: string): string {
  return join(workspaceDir, CONFIG_FILE)
}

export function hasConfig(workspaceDir: string): boolean {
  return existsSync(configPath(workspaceDir))
}

export function loadConfig(workspaceDir: string): WorkspaceConfig {
  const file = configPath(workspaceDir)
  if (!existsSync(file)) {
    throw new AppError('not_found', `No workspace at ${workspaceDir}: ${CONFIG_FILE} is missing. Start with --demo or create one.`)
  }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new AppError('invalid_input', `The workspace file ${file} is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = WorkspaceConfig.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid_input', `The workspace file ${file} has a problem at "${issue.path.join('.')}": ${issue.message}`)
  }
  return parsed.data
}

/** Written atomically (temp file + rename) so a crash never leaves half a config. */
export function saveConfig(workspaceDir: string, config: WorkspaceConfigInput): void {
  const file = configPath(workspaceDir)
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, JSON.stringify(WorkspaceConfig.parse(config), null, 2) + '\n', { mode: 0o644 })
  renameSync(tmp, file)
}
