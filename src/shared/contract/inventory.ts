import { z } from 'zod'
import { method } from './define'
import { IsoDateTime } from './common'

export const StockPush = z.object({
  id: z.number().int(),
  mode: z.enum(['delta', 'full']),
  state: z.enum(['pushing', 'done', 'held', 'discarded']),
  reason: z.string().nullable(),
  sizesTotal: z.number().int(),
  sizesChanged: z.number().int(),
  toZero: z.number().int(),
  calls: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type StockPush = z.infer<typeof StockPush>

export const StockDrift = z.object({
  sku: z.string(),
  warehouseId: z.number().int(),
  erpQty: z.number().int().nullable(),
  centraQty: z.number().int().nullable(),
  drift: z.number().int(),
})
export type StockDrift = z.infer<typeof StockDrift>

export const StockPushRow = z.object({
  sku: z.string(),
  warehouseId: z.number().int(),
  beforeQty: z.number().int().nullable(),
  afterQty: z.number().int(),
  urgent: z.boolean(),
  state: z.enum(['pending', 'sent', 'applied', 'rejected']),
  stockChangeIds: z.array(z.number().int()),
  error: z.string().nullable(),
})

export const StockLists = z.object({
  at: IsoDateTime.nullable(),
  unmappedItems: z.array(z.string()),
  ambiguousItems: z.array(z.object({ itemNumber: z.string(), skus: z.array(z.string()) })),
  unmappedLocations: z.array(z.string()),
  withoutErpRecord: z.array(z.string()),
  handEdited: z.array(z.object({ sku: z.string(), warehouseId: z.number().int(), pushed: z.number().int(), centra: z.number().int() })),
})
export type StockLists = z.infer<typeof StockLists>

const page = { limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }

export const inventoryMethods = {
  'inventory.drift': method({
    summary:
      'Drift (Centra − ERP) per size at the last stock run (warehouseId 0: Centra reports one total over its warehouses), worst (largest absolute) first; total = sizes drifting, units = units apart, oversell = sizes and units where Centra shows more than the ERP has.',
    input: z.object(page).strict(),
    output: z.object({
      takenAt: IsoDateTime.nullable(),
      rows: z.array(StockDrift),
      total: z.number().int(),
      units: z.number().int(),
      oversell: z.object({ sizes: z.number().int(), units: z.number().int() }),
    }),
    mutates: false,
  }),
  'inventory.skuHistory': method({
    summary: 'Both sides and the drift of one SKU per warehouse at every stock run, oldest first.',
    input: z.object({ sku: z.string().min(1) }).strict(),
    output: z.array(z.object({ takenAt: IsoDateTime, warehouseId: z.number().int(), erpQty: z.number().int().nullable(), centraQty: z.number().int().nullable(), drift: z.number().int() })),
    mutates: false,
  }),
  'inventory.trend': method({
    summary:
      'Store drift over time: total absolute drift and number of drifting sizes, per day (averaged over the day’s runs) or per run (the last 200 runs; `day` is then the run’s time).',
    input: z.object({ days: z.number().int().min(1).max(365).default(30), by: z.enum(['day', 'run']).default('day') }).strict(),
    output: z.array(z.object({ day: z.string(), absDrift: z.number().int(), drifting: z.number().int() })),
    mutates: false,
  }),
  'inventory.lists': method({
    summary: 'From the last stock run: ERP items without a SKU or with several, unmapped locations, Centra sizes without an ERP stock record, sizes changed by hand in Centra since the last push.',
    input: z.object({}).strict(),
    output: StockLists,
    mutates: false,
  }),
  'inventory.pushes': method({
    summary: 'Stock pushes, newest first; state "held" lists those waiting for review.',
    input: z.object({ state: z.enum(['pushing', 'done', 'held', 'discarded']).optional(), limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(StockPush),
    mutates: false,
  }),
  'inventory.pushRows': method({
    summary: 'The sizes of one push with before/after level, state and Centra stock-change ids, in the order they are sent.',
    input: z.object({ pushId: z.number().int(), ...page }).strict(),
    output: z.array(StockPushRow),
    mutates: false,
  }),
  'inventory.approvePush': method({
    summary: 'Approves a held push: it is sent first on the next stock run (run it now from Sync).',
    input: z.object({ pushId: z.number().int() }).strict(),
    output: StockPush,
    mutates: true,
    changes: ['inventory', 'exceptions', 'dashboard'],
  }),
  'inventory.discardPush': method({
    summary: 'Discards a held push with a reason; nothing of it is sent.',
    input: z.object({ pushId: z.number().int(), reason: z.string().min(1) }).strict(),
    output: StockPush,
    mutates: true,
    changes: ['inventory', 'exceptions', 'dashboard'],
  }),
}
