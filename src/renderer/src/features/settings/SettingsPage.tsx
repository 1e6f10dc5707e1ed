/**
 * Settings: the connections to Centra and the ERP (with "Test connection"), schedules, rounding
 * tolerances, tax codes, which team handles which exception, and alerts. Each section saves on
 * its own, is checked by the engine with the workspace file's rules and is in force at once.
 * Credentials are typed in but never shown again: the screen only says whether one is set and
 * where it is kept.
 */
import { Alert, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { useActor } from '../../components/useActor'
import { ActorField } from '../exceptions/ActorField'
import { AlertSettingsSection } from './AlertSettingsSection'
import { ScheduleSection, TeamsSection, TolerancesSection, ChargesSection } from './BehaviourSections'
import { CentraSection, ErpSection } from './ConnectionSections'
import { HistorySection } from './HistorySection'
import { SettingsSection } from './SettingsSection'
import { TaxCodesEditor } from './TaxCodesEditor'

export function SettingsPage() {
  const [actor, setActor] = useActor()
  const view = useQuery('settings.get', {}, { refreshOn: ['settings', 'connections'] })
  const storage = useQuery('connections.secretStorage', {}, { refreshOn: ['connections'] })
  const v = view.data

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            Settings
          </Title>
          <Text c="dimmed">Where Instep connects to, and how it behaves. Each section is saved on its own and applies at once.</Text>
        </div>
        <ActorField actor={actor} onChange={setActor} />
      </Group>
      {view.error && <ErrorNote error={view.error} onRetry={view.refetch} title="The settings could not be loaded" />}
      {storage.data && (
        <Alert color={storage.data.protection === 'keyring' || storage.data.protection === 'file' ? 'blue' : 'orange'} variant="light" data-testid="secret-storage">
          {storage.data.message}
        </Alert>
      )}
      {v && (
        <>
          <CentraSection view={v.centra} actor={actor} onSaved={view.refetch} />
          <ErpSection view={v.erp} actor={actor} onSaved={view.refetch} />
          <ScheduleSection view={v.schedule} actor={actor} />
          <TolerancesSection view={v.tolerances} actor={actor} />
          <ChargesSection view={v.charges} actor={actor} />
          <SettingsSection
            id="tax"
            title="Tax codes"
            description="Which ERP tax code each Centra tax rate is posted with. Leave the code empty to let the ERP's item and customer set-up decide."
          >
            <TaxCodesEditor actor={actor} />
          </SettingsSection>
          <TeamsSection view={v.teams} actor={actor} />
        </>
      )}
      <AlertSettingsSection />
      <HistorySection />
    </Stack>
  )
}
