import { z } from 'zod'
import { method } from './define'
import { IsoDateTime } from './common'
import { ExceptionRow } from './exceptions'

const Minor = z.number().int()

export const TraceLine = z.object({
  lineId: z.number().int(),
  kind: z.string(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  cancelledQuantity: z.number().int(),
  taxPercent: z.string(),
  unitPriceMinor: Minor,
  lineValueMinor: Minor,
  erpItemNumber: z.string().nullable(),
})

export const TracePlanLine = z.object({
  kind: z.string(),
  number: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitPriceMinor: Minor,
  discountMinor: Minor,
  taxPercent: z.string(),
  taxCode: z.string().nullable(),
  expectedTaxMinor: Minor,
})

export const TraceErpLine = z.object({
  sequence: z.number().int(),
  kind: z.string(),
  number: z.string(),
  quantity: z.string(),
  taxPercent: z.string(),
  amountExclTaxMinor: Minor,
  taxMinor: Minor,
  amountInclTaxMinor: Minor,
})

export const TraceVariance = z.object({
  kind: z.enum(['rounding', 'mismatch']),
  field: z.string(),
  lineRef: z.string().nullable(),
  centraMinor: Minor,
  erpMinor: Minor,
  diffMinor: Minor,
  explanation: z.string(),
  foundAt: IsoDateTime,
})

export const TraceShipment = z.object({
  sourceNumber: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  shippedAt: IsoDateTime.nullable(),
  state: z.string(),
  units: z.number().int(),
})

/** A Centra return of the order: recorded only, never posted (finance credits it in the ERP). */
export const TraceReturn = z.object({
  returnId: z.string(),
  status: z.enum(['pending', 'completed']),
  createdAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  /** set when the return was deleted in Centra: kept, so nobody wonders where it went */
  deletedAt: IsoDateTime.nullable(),
  currency: z.string(),
  units: z.number().int(),
  linesMinor: Minor,
  shippingMinor: Minor,
  handlingMinor: Minor,
  voucherMinor: Minor,
  totalMinor: Minor,
  comment: z.string().nullable(),
  lines: z.array(z.object({ sku: z.string().nullable(), quantity: z.number().int(), valueMinor: Minor })),
})

export const OrderTrace = z.object({
  order: z.object({
    centraId: z.string(),
    number: z.number().int(),
    status: z.string(),
    orderDate: IsoDateTime,
    market: z.string().nullable(),
    country: z.string().nullable(),
    currency: z.string(),
    conversionRate: z.string(),
    taxMode: z.string(),
    customerName: z.string().nullable(),
    lineValuesMinor: Minor,
    discountsMinor: Minor,
    shippingMinor: Minor,
    handlingMinor: Minor,
    taxMinor: Minor,
    grandTotalMinor: Minor,
    firstSeenAt: IsoDateTime,
    updatedAt: IsoDateTime,
    lines: z.array(TraceLine),
  }),
  posting: z
    .object({
      state: z.string(),
      idempotencyKey: z.string(),
      attempts: z.number().int(),
      erpNumber: z.string().nullable(),
      lastError: z.string().nullable(),
      createdAt: IsoDateTime,
      updatedAt: IsoDateTime,
      postedAt: IsoDateTime.nullable(),
      notBefore: IsoDateTime.nullable(),
      plan: z.object({ lines: z.array(TracePlanLine) }).nullable(),
    })
    .nullable(),
  erpDocument: z
    .object({
      number: z.string(),
      documentType: z.string(),
      currency: z.string(),
      totalExclTaxMinor: Minor,
      totalTaxMinor: Minor,
      totalInclTaxMinor: Minor,
      readAt: IsoDateTime,
      lines: z.array(TraceErpLine),
    })
    .nullable(),
  variances: z.array(TraceVariance),
  exceptions: z.array(ExceptionRow),
  shipments: z.array(TraceShipment),
  returns: z.array(TraceReturn),
  lag: z.object({
    now: IsoDateTime,
    sincePlacedMinutes: z.number().int(),
    sinceChangedMinutes: z.number().int(),
    lastSuccessfulSyncAt: IsoDateTime.nullable(),
    sinceLastSyncMinutes: z.number().int().nullable(),
  }),
  /** the whole story in one or two plain sentences for CX */
  summary: z.string(),
})
export type OrderTrace = z.infer<typeof OrderTrace>

export const traceMethods = {
  'trace.getOrder': method({
    summary: "One Centra order's whole path: Centra data, posting plan and attempts, the ERP document read back, variances, exceptions, shipments and lag.",
    input: z.object({ number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict(),
    output: OrderTrace.nullable(),
    mutates: false,
  }),
}
