import type { z } from 'zod'

/** One contract method: its input and output schemas and whether it changes data. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** mutating methods run through the core's write queue and emit `data.changed` */
  mutates: boolean
  /** areas refreshed in the UI after a successful mutation */
  changes?: readonly string[]
  summary: string
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec
}
