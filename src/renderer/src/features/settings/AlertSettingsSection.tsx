/** Settings → which teams get desktop notifications (the same setting as on the Overview's Alerts card). */
import { Group, Switch, Text } from '@mantine/core'
import type { Team } from '@shared/contract'
import { useApi, useQuery } from '../../api'
import { TEAM_LABEL, TEAMS } from '../../components/format'
import { SettingsSection, useSave } from './SettingsSection'

export function AlertSettingsSection() {
  const api = useApi()
  const save = useSave()
  const settings = useQuery('monitoring.alertSettings', {}, { refreshOn: ['monitoring'] })
  const toggle = (team: Team, on: boolean) =>
    void save.run(() => api.call('monitoring.setAlertSettings', { desktop: { [team]: on } }), `Saved: ${TEAM_LABEL[team]} ${on ? 'gets' : 'no longer gets'} desktop notifications.`)
  return (
    <SettingsSection
      id="alerts"
      title="Alerts"
      description="New high-severity exceptions, failed syncs and late syncs become desktop notifications for the teams switched on here. Every alert is also listed on the Overview."
    >
      <Group gap="lg" aria-label="Desktop notifications per team">
        {TEAMS.map((team) => (
          <Switch
            key={team}
            label={TEAM_LABEL[team]}
            checked={settings.data?.desktop[team] ?? false}
            disabled={!settings.data || save.busy}
            onChange={(e) => toggle(team, e.currentTarget.checked)}
            data-testid={`settings-alert-${team}`}
          />
        ))}
      </Group>
      {save.result && (
        <Text size="sm" c={save.result.ok ? 'teal' : 'red'} data-testid="settings-alerts-result">
          {save.result.message}
        </Text>
      )}
    </SettingsSection>
  )
}
