import { Alert, Text } from '@mantine/core'
import { useQuery } from '../api'
import { formatDateTime, formatRelative } from './format'
import { useNow } from './useNow'

/**
 * Shown while Centra or the ERP cannot be reached: everything in Instep still works on what it
 * knows, and this says how old that is. Syncs resume by themselves when the network is back.
 */
export function OfflineBanner() {
  const summary = useQuery('dashboard.summary', {}, { refreshOn: ['sync', 'dashboard'] })
  const offlineSince = summary.data?.offlineSince ?? null
  const jobs = useQuery('sync.jobs', {}, { refreshOn: ['sync', 'dashboard'], enabled: offlineSince !== null })
  // Keeps "5 minutes ago" counting while nothing new arrives.
  const now = useNow()
  if (!offlineSince) return null
  // The age of what is shown is that of the last order sync that ran to the end, not of the
  // last attempt (which is the one that found the network gone).
  const lastSynced = jobs.data?.find((j) => j.job === 'orders')?.lastSuccessAt ?? null
  return (
    <Alert color="gray" variant="light" radius={0} role="status" data-testid="offline-banner" title="Offline">
      <Text size="sm" data-testid="offline-banner-age">
        {lastSynced ? `Orders last synced ${formatRelative(lastSynced, now)} (${formatDateTime(lastSynced)}).` : 'Orders have not been synced yet.'}
      </Text>
      <Text size="sm">
        Centra or the ERP cannot be reached since {formatDateTime(offlineSince)}: you are looking at what Instep knew then. Reviews,
        reconciliation and exports still work; Instep tries again every minute and syncs resume by themselves when the connection is back.
      </Text>
    </Alert>
  )
}
