import { z } from 'zod'
import { method } from './define'
import { IsoDateTime } from './common'

export const AwaitingShipment = z.object({
  number: z.number().int(),
  orderDate: IsoDateTime,
  centraStatus: z.string(),
  erpNumber: z.string().nullable(),
  postedAt: IsoDateTime.nullable(),
})
export type AwaitingShipment = z.infer<typeof AwaitingShipment>

export const fulfilmentMethods = {
  'fulfilment.awaiting': method({
    summary: 'Orders in the ERP that Centra still expects to ship (confirmed or processing, not fully shipped), oldest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ rows: z.array(AwaitingShipment), total: z.number().int() }),
    mutates: false,
  }),
}
