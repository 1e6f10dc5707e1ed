import { formatCount } from '../../components/format'
import { StatCard } from '../../components/StatCard'

/** One headline figure of the drift screen; the test id sits on the number alone. */
export function SummaryCard({ label, value, hint, testId, color }: { label: string; value: number; hint: string; testId: string; color?: string }) {
  return <StatCard label={label} value={formatCount(value)} hint={hint} testId={testId} color={color} />
}
