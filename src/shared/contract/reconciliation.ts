import { z } from 'zod'
import { method } from './define'
import { IsoDateTime } from './common'

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A period is a month written YYYY-MM.')

export const VarianceCause = z.enum(['missing_in_erp', 'extra_in_erp', 'amount_mismatch', 'rounding', 'cancelled_one_side', 'timing'])
export type VarianceCause = z.infer<typeof VarianceCause>
export const CheckId = z.enum(['check_accounted', 'check_lines', 'check_stuck', 'check_read_back'])
export type CheckId = z.infer<typeof CheckId>
/** what a list of items is about: a variance cause or a failed check */
export const ReconTopic = z.union([VarianceCause, CheckId])
export type ReconTopic = z.infer<typeof ReconTopic>

const Person = z.string().trim().min(1).max(100)
const Note = z.string().trim().max(2000)

export const TotalsRow = z.object({
  /** market name, currency code or tax rate (percent) */
  key: z.string(),
  currency: z.string(),
  centraCount: z.number().int(),
  centraTotalMinor: z.number().int(),
  centraTaxMinor: z.number().int(),
  erpCount: z.number().int(),
  erpTotalMinor: z.number().int(),
  erpTaxMinor: z.number().int(),
  differenceMinor: z.number().int(),
})
export type TotalsRow = z.infer<typeof TotalsRow>

export const VarianceRow = z.object({
  cause: VarianceCause,
  label: z.string(),
  currency: z.string(),
  count: z.number().int(),
  amountMinor: z.number().int(),
  /** items of this cause and currency with no decision yet */
  undecided: z.number().int(),
})
export type VarianceRow = z.infer<typeof VarianceRow>

/** Returns recorded in Centra during the period (by the return's date), per market or currency. */
export const ReturnsRow = z.object({
  /** market name or currency code */
  key: z.string(),
  currency: z.string(),
  returns: z.number().int(),
  orders: z.number().int(),
  units: z.number().int(),
  /** gross value returned: lines + shipping + handling − voucher, minor units */
  valueMinor: z.number().int(),
})
export type ReturnsRow = z.infer<typeof ReturnsRow>

/** One order with returns in the period: why what the ERP invoiced differs from net sales after returns. */
export const ReturnedOrder = z.object({
  orderNumber: z.number().int(),
  market: z.string().nullable(),
  currency: z.string(),
  orderDate: IsoDateTime.nullable(),
  /** Centra's grand total; null when the order itself was never read */
  orderTotalMinor: z.number().int().nullable(),
  erpNumber: z.string().nullable(),
  /** what the ERP document totals (posted orders only) */
  erpTotalMinor: z.number().int().nullable(),
  returns: z.number().int(),
  units: z.number().int(),
  returnedMinor: z.number().int(),
  /** order total − returned value: the net sale once finance has credited the return */
  netAfterReturnsMinor: z.number().int().nullable(),
})
export type ReturnedOrder = z.infer<typeof ReturnedOrder>

export const Decision = z.object({
  decision: z.enum(['explained', 'accepted']),
  note: z.string(),
  actor: z.string(),
  at: IsoDateTime,
})
export type Decision = z.infer<typeof Decision>

export const ReconItem = z.object({
  /** stable key of this item within the period: topic + the order (or ERP document) */
  key: z.string(),
  topic: ReconTopic,
  orderNumber: z.number().int().nullable(),
  erpNumber: z.string().nullable(),
  orderDate: IsoDateTime.nullable(),
  postedAt: IsoDateTime.nullable(),
  currency: z.string(),
  centraMinor: z.number().int().nullable(),
  erpMinor: z.number().int().nullable(),
  amountMinor: z.number().int(),
  detail: z.string(),
  decision: Decision.nullable(),
})
export type ReconItem = z.infer<typeof ReconItem>

export const CheckResult = z.object({
  id: CheckId,
  label: z.string(),
  passed: z.boolean(),
  offenders: z.number().int(),
  /** offending orders without an explanation */
  unexplained: z.number().int(),
  /** the first offending orders; `reconciliation.items` pages through all of them */
  sample: z.array(ReconItem),
})
export type CheckResult = z.infer<typeof CheckResult>

export const AuditEntry = z.object({
  id: z.number().int(),
  period: z.string(),
  action: z.string(),
  actor: z.string(),
  at: IsoDateTime,
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const PeriodStatus = z.enum(['open', 'signed_off'])

export const ReconSummary = z.object({
  period: z.string(),
  from: IsoDateTime,
  to: IsoDateTime,
  status: PeriodStatus,
  signedOffBy: z.string().nullable(),
  signedOffAt: IsoDateTime.nullable(),
  auditHash: z.string().nullable(),
  byMarket: z.array(TotalsRow),
  byCurrency: z.array(TotalsRow),
  byTaxRate: z.array(TotalsRow),
  base: z.object({
    currency: z.string(),
    label: z.string(),
    centraTotalMinor: z.number().int(),
    erpTotalMinor: z.number().int(),
    differenceMinor: z.number().int(),
  }),
  variances: z.array(VarianceRow),
  /** returns are not posted (finance credits them in the ERP); shown so invoiced vs net sales can be explained */
  returns: z.object({ label: z.string(), byMarket: z.array(ReturnsRow), byCurrency: z.array(ReturnsRow) }),
  causes: z.array(z.object({ cause: VarianceCause, label: z.string(), count: z.number().int(), undecided: z.number().int() })),
  checks: z.array(CheckResult),
  canSignOff: z.boolean(),
  /** why sign-off is not possible yet, in plain words */
  blockers: z.array(z.string()),
  audit: z.array(AuditEntry),
})
export type ReconSummary = z.infer<typeof ReconSummary>

export const FileComparison = z.object({
  period: z.string(),
  file: z.string(),
  documents: z.number().int(),
  /** why the file could not be read, row by row; empty when it was read completely */
  errors: z.array(z.string()),
  byCurrency: z.array(TotalsRow),
  matched: z.number().int(),
  /** Centra orders of the period (not cancelled) with no document in the file */
  missingInFile: z.object({ count: z.number().int(), orders: z.array(z.number().int()) }),
  /** documents in the file whose reference is no order of the period */
  extraInFile: z.object({ count: z.number().int(), documents: z.array(z.string()) }),
  /** matched documents whose total differs from Centra's by more than 2 minor units */
  amountMismatch: z.object({
    count: z.number().int(),
    orders: z.array(z.object({ orderNumber: z.number().int(), document: z.string(), currency: z.string(), centraMinor: z.number().int(), fileMinor: z.number().int() })),
  }),
})
export type FileComparison = z.infer<typeof FileComparison>

const CHANGES = ['reconciliation'] as const

/** One order behind a totals line: its Centra total and, when read back, its ERP document's total. */
export const PeriodOrder = z.object({
  orderNumber: z.number().int(),
  status: z.string(),
  market: z.string(),
  currency: z.string(),
  centraMinor: z.number().int(),
  posting: z.string().nullable(),
  erpNumber: z.string().nullable(),
  erpMinor: z.number().int().nullable(),
})
export type PeriodOrder = z.infer<typeof PeriodOrder>

/** One view of an exported evidence pack as its table: the first rows, and how many there are. */
export const PackSheet = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  totalRows: z.number().int(),
})
export type PackSheet = z.infer<typeof PackSheet>

/**
 * The Overview's month-end card: the sign-off state as stored, and what the last full summary of
 * the period found with when it was worked out (kept in the store; null until one has been worked out).
 */
export const ReconStatus = z.object({
  period: z.string(),
  status: PeriodStatus,
  signedOffBy: z.string().nullable(),
  signedOffAt: IsoDateTime.nullable(),
  lastSummary: z
    .object({
      at: IsoDateTime,
      /** variance items still to explain or accept */
      undecided: z.number().int(),
      checks: z.number().int(),
      failedChecks: z.array(z.object({ id: CheckId, label: z.string(), offenders: z.number().int() })),
    })
    .nullable(),
})
export type ReconStatus = z.infer<typeof ReconStatus>

export const reconciliationMethods = {
  'reconciliation.status': method({
    summary:
      "A period's sign-off state and what its last month-end summary found (with when), without working the summary out again: " +
      'cheap enough for the Overview to ask each time it opens.',
    input: z.object({ period: Period }).strict(),
    output: ReconStatus,
    mutates: false,
  }),
  'reconciliation.summary': method({
    summary: 'Month-end view of a period (calendar month of the Centra order date, UTC): totals on both sides by market, currency and tax rate, variance by cause, and the sync checks.',
    input: z.object({ period: Period }).strict(),
    output: ReconSummary,
    mutates: false,
  }),
  'reconciliation.items': method({
    summary: 'The orders behind a number of the month-end view: every variance item, or those of one cause or failed check.',
    input: z
      .object({ period: Period, topic: ReconTopic.optional(), /** same as topic */ cause: ReconTopic.optional(), undecidedOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) })
      .strict(),
    output: z.object({ rows: z.array(ReconItem), total: z.number().int() }),
    mutates: false,
  }),
  'reconciliation.returns': method({
    summary: 'Orders with Centra returns in the period (by return date), each with its order total, ERP total, returned value and net after returns.',
    input: z.object({ period: Period, limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ rows: z.array(ReturnedOrder), total: z.number().int() }),
    mutates: false,
  }),
  'reconciliation.explain': method({
    summary: 'Explains variance items or failed-check orders with a note; refused once the period is signed off.',
    input: z.object({ period: Period, keys: z.array(z.string().max(200)).min(1).max(10_000), note: Note.min(3), actor: Person }).strict(),
    output: z.object({ decided: z.number().int() }),
    mutates: true,
    changes: CHANGES,
  }),
  'reconciliation.accept': method({
    summary: 'Accepts variance items (given keys, or every undecided item of one cause or check); refused once the period is signed off.',
    input: z
      .object({ period: Period, keys: z.array(z.string().max(200)).max(10_000).optional(), topic: ReconTopic.optional(), note: Note.default(''), actor: Person })
      .strict()
      .refine((v) => (v.keys && v.keys.length > 0) || v.topic, 'Name the items to accept, or a cause.'),
    output: z.object({ decided: z.number().int() }),
    mutates: true,
    changes: CHANGES,
  }),
  'reconciliation.signOff': method({
    summary: 'Signs a period off when every variance is explained or accepted and every check passes or is explained; locks it and appends a hash-chained audit record.',
    input: z.object({ period: Period, actor: Person, note: Note.default('') }).strict(),
    output: z.object({ period: z.string(), hash: z.string(), signedOffAt: IsoDateTime }),
    mutates: true,
    changes: CHANGES,
  }),
  'reconciliation.reopen': method({
    summary: 'Reopens a signed-off period, with a reason that goes into the audit log.',
    input: z.object({ period: Period, actor: Person, reason: Note.min(3) }).strict(),
    output: z.object({ period: z.string(), hash: z.string() }),
    mutates: true,
    changes: CHANGES,
  }),
  'reconciliation.verifyAudit': method({
    summary: 'Recomputes the audit chain from the first entry and reports the first entry that does not match.',
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), brokenAtId: z.number().int().nullable(), message: z.string() }),
    mutates: false,
  }),
  'reconciliation.compareErpFile': method({
    summary: 'Reconciles a period offline against an ERP export file (CSV or XLSX of orders or invoices with totals), matched on the external document number; nothing is stored.',
    input: z.object({ period: Period, path: z.string().min(1).max(1000), format: z.enum(['csv', 'xlsx']).optional() }).strict(),
    output: FileComparison,
    mutates: false,
  }),
  'reconciliation.orders': method({
    summary: 'The period’s orders behind a line of the totals (one market and/or currency), paged in SQL, with both sides’ totals.',
    input: z
      .object({
        period: Period,
        market: z.string().max(200).optional(),
        currency: z.string().max(10).optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ rows: z.array(PeriodOrder), total: z.number().int() }),
    mutates: false,
  }),
  'reconciliation.openPack': method({
    summary: 'Reads an exported evidence pack read-only (the XLSX workbook, every sheet; or one of its CSV files): each view with its first rows. Nothing is stored.',
    input: z.object({ path: z.string().trim().min(1).max(1000), maxRows: z.number().int().min(1).max(2000).default(200) }).strict(),
    output: z.object({ path: z.string(), sheets: z.array(PackSheet) }),
    mutates: false,
  }),
  'reconciliation.export': method({
    summary: 'Writes the evidence pack of a period (CSV files, one XLSX workbook or a PDF summary) into a folder; never overwrites a file.',
    input: z.object({ period: Period, format: z.enum(['csv', 'xlsx', 'pdf']), directory: z.string().min(1).max(1000) }).strict(),
    output: z.object({ files: z.array(z.string()) }),
    mutates: false,
  }),
}
