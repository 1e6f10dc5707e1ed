import type { CheckId, ReconTopic, VarianceCause } from '../../../../shared/contract/reconciliation'

export const CAUSES: readonly VarianceCause[] = ['missing_in_erp', 'extra_in_erp', 'amount_mismatch', 'rounding', 'cancelled_one_side', 'timing']
export const CHECKS: readonly CheckId[] = ['check_accounted', 'check_lines', 'check_stuck', 'check_read_back']

export const TOPIC_LABELS: Record<ReconTopic, string> = {
  missing_in_erp: 'Missing in the ERP',
  extra_in_erp: 'Extra in the ERP',
  amount_mismatch: 'Amount mismatch',
  rounding: 'Rounding within tolerance',
  cancelled_one_side: 'Cancelled on one side',
  timing: 'Timing (posted in a later month)',
  check_accounted: 'Every Centra order is posted or held by an open exception',
  check_lines: 'Line counts and quantities match the ERP document',
  check_stuck: 'Nothing stuck in posting (waiting over an hour, or failed)',
  check_read_back: 'Every posted order was read back from the ERP',
}

export const BASE_CURRENCY = 'EUR'
