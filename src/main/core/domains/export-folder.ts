/** Where exports are written: a full folder path, created if missing, and file names that never overwrite. */
import { existsSync, mkdirSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { AppError } from '../../../shared/errors'

export function ensureExportFolder(directory: string): void {
  if (!isAbsolute(directory)) throw new AppError('invalid_input', 'Choose a full folder path for the export (for example /home/you/exports).')
  try {
    mkdirSync(directory, { recursive: true })
  } catch (error) {
    throw new AppError('unavailable', `Cannot create the folder ${directory}: ${(error as Error).message}`)
  }
}

/** The first name stem `base`, `base-2`, … for which none of the files `${stem}${suffix}` exists yet. */
export function freeStem(directory: string, base: string, suffixes: string[]): string {
  for (let n = 1; ; n++) {
    const stem = n === 1 ? base : `${base}-${n}`
    if (suffixes.every((s) => !existsSync(join(directory, `${stem}${s}`)))) return stem
  }
}
