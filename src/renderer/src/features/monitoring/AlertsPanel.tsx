import { Anchor, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { Team } from '@shared/contract'
import { alertRoute } from '@shared/alert-route'
import { useApi, useQuery } from '../../api'
import { useNavigate } from '../../app/navigation'
import { formatRelative, TEAM_LABEL, TEAMS } from '../../components/format'

const KIND_LABEL = { exception: 'Exception', sync_failed: 'Sync failed', sync_stale: 'Sync late', stock_held: 'Stock held' } as const

/** Recent alerts and, per team, whether they become desktop notifications. */
export function AlertsPanel() {
  const api = useApi()
  const navigate = useNavigate()
  const settings = useQuery('monitoring.alertSettings', {}, { refreshOn: ['monitoring'] })
  const alerts = useQuery('monitoring.alerts', { limit: 8 }, { refreshOn: ['exceptions', 'sync', 'dashboard'] })
  const [error, setError] = useState<string | null>(null)
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission)

  const toggle = async (team: Team, on: boolean) => {
    setError(null)
    try {
      await api.call('monitoring.setAlertSettings', { desktop: { [team]: on } })
      settings.refetch()
    } catch (e) {
      setError(`The setting was not saved: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <Card withBorder radius="md" padding="md" data-testid="alerts-panel">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Alerts
        </Title>
        {permission === 'default' && (
          <Button size="xs" variant="light" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Allow desktop notifications
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        New high-severity exceptions, failed syncs and late syncs. Each is told once; teams switched on get a notification
        {permission === 'granted' ? ' on the desktop.' : ' in the app (allow desktop notifications to get them outside it).'}
      </Text>
      <Group gap="lg" mb="sm" aria-label="Desktop notifications per team">
        {TEAMS.map((team) => (
          <Switch
            key={team}
            label={TEAM_LABEL[team]}
            checked={settings.data?.desktop[team] ?? false}
            disabled={!settings.data}
            onChange={(e) => void toggle(team, e.currentTarget.checked)}
            data-testid={`alert-setting-${team}`}
          />
        ))}
      </Group>
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      <Stack gap={4} data-testid="alerts-feed">
        {alerts.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No alerts in the last week.
          </Text>
        )}
        {alerts.data?.map((a) => (
          <Group key={a.key} gap="xs" wrap="nowrap" data-testid="alert-row">
            <Badge size="sm" variant="light" color={a.kind === 'exception' || a.kind === 'stock_held' ? 'orange' : 'red'} tt="none">
              {KIND_LABEL[a.kind]}
            </Badge>
            <Anchor component="button" type="button" size="sm" c="inherit" style={{ minWidth: 0 }} onClick={() => navigate(alertRoute(a))} title="Open the screen this alert is about">
              <Text span size="sm" truncate="end" display="block">
                {a.title}
              </Text>
            </Anchor>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {TEAM_LABEL[a.team]} · {formatRelative(a.at)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  )
}
