// Types for gate.mjs, so TypeScript tests can import it.
export interface Finding {
  check: string
  severity: string
  confidence: string
  file: string
  line: number
  description: string
  manualReview: boolean
}
export interface AllowEntry {
  check: string
  file: string
  reason: string
}
export interface Row extends Finding {
  verdict: 'FAIL' | 'allowed' | 'note'
  reason: string | null
}
export const BLOCKING: Set<string>
export function scan(options: {
  root: string
  input: string
  electronVersion?: string
  sarif?: string
  online?: boolean
  quiet?: boolean
}): Promise<{ findings: Finding[]; parseErrors: { file: string; message: string }[] }>
export function loadAllowlist(path: string): AllowEntry[]
export function evaluate(findings: Finding[], allowlist: AllowEntry[]): { rows: Row[]; failures: Row[]; stale: AllowEntry[] }
export function formatTable(rows: Row[]): string
