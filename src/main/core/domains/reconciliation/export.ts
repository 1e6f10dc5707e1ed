import { AppError } from '../../../../shared/errors'
import type { Repos } from '../../db/repos'

export async function exportPeriod(_repos: Repos, _now: Date, input: { period: string; format: 'csv' | 'xlsx' | 'pdf'; directory: string }): Promise<{ files: string[] }> {
  throw new AppError('unavailable', `Export as ${input.format} is not available yet.`)
}
