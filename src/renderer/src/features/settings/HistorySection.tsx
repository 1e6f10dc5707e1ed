/** Settings → recent changes: who changed what, when (credentials only as "replaced"). */
import { List, Stack, Text } from '@mantine/core'
import { useQuery } from '../../api'
import { formatDateTime } from '../../components/format'
import { SettingsSection } from './SettingsSection'

const SECTION_LABEL = { centra: 'Centra', erp: 'ERP', schedule: 'Schedules', tolerances: 'Rounding tolerances', charges: 'Shipping and handling', taxCodes: 'Tax codes', teams: 'Exception teams' } as const

export function HistorySection() {
  const history = useQuery('settings.history', { limit: 20 }, { refreshOn: ['settings'] })
  return (
    <SettingsSection id="history" title="Recent changes" description="Every change made here, newest first. Changes made directly in the workspace file are not listed.">
      {history.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No changes yet.
        </Text>
      )}
      <Stack gap="xs" data-testid="settings-history-list">
        {history.data?.map((h, i) => (
          <div key={i} data-testid="settings-history-row">
            <Text size="sm">
              <Text span fw={500}>
                {SECTION_LABEL[h.section]}
              </Text>{' '}
              — {h.actor}, {formatDateTime(h.at)}
            </Text>
            <List size="xs" c="dimmed">
              {h.changes.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          </div>
        ))}
      </Stack>
    </SettingsSection>
  )
}
