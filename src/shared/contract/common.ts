import { z } from 'zod'

export const Team = z.enum(['finance', 'operations', 'ecommerce', 'cx'])
export type Team = z.infer<typeof Team>

export const SyncJob = z.enum(['orders', 'fulfilment', 'stock', 'stock-sweep'])
export type SyncJob = z.infer<typeof SyncJob>

export const RunStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'partial'])
export type RunStatus = z.infer<typeof RunStatus>

export const IsoDateTime = z.string().max(40)
export const Id = z.number().int().positive()
export const Empty = z.object({}).strict()

export const Page = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()

export const RunCounters = z.object({
  fetched: z.number().int(),
  stored: z.number().int(),
  posted: z.number().int(),
  alreadyInErp: z.number().int(),
  blocked: z.number().int(),
  failed: z.number().int(),
})
export type RunCounters = z.infer<typeof RunCounters>
