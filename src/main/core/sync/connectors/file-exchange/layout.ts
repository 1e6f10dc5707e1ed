/**
 * The folder layout of a file-exchange workspace, declared once. Every other module asks this
 * one where a file lives, so an installation that names folders differently changes only the
 * `layout` option.
 */
import { join } from 'node:path'

/** What flows through `inbox/<kind>/`: files the ERP or the warehouse drops for Instep. */
export const INBOX_KINDS = ['stock', 'shipments', 'erp-orders', 'items'] as const
export type InboxFolder = (typeof INBOX_KINDS)[number]

export interface FileExchangeLayout {
  /** sales orders Instep writes for the ERP to pick up */
  outbox: string
  /** where the ERP moves order files once it has read them (optional on the ERP's side) */
  sent: string
  /** parent of `stock/`, `shipments/`, `erp-orders/`, `items/` */
  inbox: string
  /** imported inbound files, by kind and day */
  archive: string
  /** inbound files that were refused, each with an `.errors.txt` sidecar */
  quarantine: string
  /** Instep's own work area for per-batch order files not yet published (the ERP never reads it) */
  staging: string
}

export const DEFAULT_LAYOUT: FileExchangeLayout = {
  outbox: 'outbox',
  sent: 'sent',
  inbox: 'inbox',
  archive: 'archive',
  quarantine: 'quarantine',
  staging: 'staging',
}

/** Absolute folders for one workspace root; relative layout entries are resolved under `root`. */
export interface ResolvedLayout {
  root: string
  outbox: string
  sent: string
  inbox(kind: InboxFolder): string
  archive(kind: InboxFolder): string
  quarantine(kind: InboxFolder): string
  staging: string
}

export function resolveLayout(root: string, layout: Partial<FileExchangeLayout> = {}): ResolvedLayout {
  const l = { ...DEFAULT_LAYOUT, ...layout }
  const at = (p: string) => (isAbsolutePath(p) ? p : join(root, p))
  return {
    root,
    outbox: at(l.outbox),
    sent: at(l.sent),
    inbox: (kind) => join(at(l.inbox), kind),
    archive: (kind) => join(at(l.archive), kind),
    quarantine: (kind) => join(at(l.quarantine), kind),
    staging: at(l.staging),
  }
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

/**
 * Names a writer is still busy with. ERPs and copy tools write under such names and rename
 * when done; Excel keeps `~$name.xlsx` lock files next to an open workbook.
 */
export function isTemporaryName(name: string): boolean {
  const lower = name.toLowerCase()
  return (
    lower.endsWith('.tmp') ||
    lower.endsWith('.part') ||
    lower.endsWith('.partial') ||
    lower.endsWith('.crdownload') ||
    lower.startsWith('~$') ||
    lower.startsWith('.')
  )
}
