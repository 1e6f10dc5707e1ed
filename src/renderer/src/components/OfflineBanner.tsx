import { Alert, Text } from '@mantine/core'
import { useQuery } from '../api'
import { formatDateTime, formatRelative } from './format'

/**
 * Shown while Centra or the ERP cannot be reached: everything in Instep still works on what it
 * knows, and this says how old that is. Syncs resume by themselves when the network is back.
 */
export function OfflineBanner() {
  const summary = useQuery('dashboard.summary', {}, { refreshOn: ['sync', 'dashboard'] })
  const offlineSince = summary.data?.offlineSince
  if (!offlineSince) return null
  const asOf = summary.data?.lastSyncAt
  return (
    <Alert color="gray" variant="light" radius={0} role="status" data-testid="offline-banner" title="Offline">
      <Text size="sm">
        Centra or the ERP cannot be reached since {formatDateTime(offlineSince)}. You are looking at what Instep knew at the last
        sync{asOf ? `, ${formatRelative(asOf)}` : ''}. Reviews, reconciliation and exports still work; syncs resume by themselves when
        the connection is back.
      </Text>
    </Alert>
  )
}
