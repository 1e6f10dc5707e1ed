/**
 * A credential in a connection form: whether one is set and where it is kept — never its value —
 * and a field to type a new one. Without a keyring the person must agree before it is stored.
 */
import { Alert, Badge, Checkbox, Group, PasswordInput, Stack, Text } from '@mantine/core'
import type { SecretState } from '@shared/contract'
import { useQuery } from '../../api'

function whereKept(s: SecretState): string {
  if (s.source === 'environment') return `from the environment variable ${s.name}`
  return 'kept securely by Instep'
}

export interface SecretDraft {
  value: string
  allowWeak: boolean
}

export function SecretField(props: { label: string; newLabel: string; testId: string; state: SecretState; draft: SecretDraft; onChange: (d: SecretDraft) => void }) {
  const { label, newLabel, testId, state, draft, onChange } = props
  const storage = useQuery('connections.secretStorage', {}, { refreshOn: ['connections'] })
  const weak = storage.data?.protection === 'weak' || storage.data?.protection === 'unavailable'
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Badge color={state.set ? 'teal' : 'orange'} variant="light" tt="none" data-testid={`${testId}-state`}>
          {state.set ? 'Set' : 'Not set'}
        </Badge>
        <Text size="sm" c="dimmed">
          {whereKept(state)}
        </Text>
      </Group>
      {state.problem && (
        <Text size="sm" c="orange">
          {state.problem}
        </Text>
      )}
      <PasswordInput
        label={newLabel}
        description="Leave empty to keep the current one. It is stored securely and never shown again."
        value={draft.value}
        onChange={(e) => onChange({ ...draft, value: e.currentTarget.value })}
        autoComplete="off"
        maw={480}
        data-testid={`${testId}-value`}
      />
      {draft.value && weak && storage.data && (
        <Alert color="orange" variant="light" data-testid="secret-storage-warning">
          <Text size="sm">{storage.data.message}</Text>
          <Text size="sm" mt={4}>
            Instead, you can leave this empty and give the credential in an environment variable named in the workspace file.
          </Text>
          {storage.data.protection === 'weak' && (
            <Checkbox
              mt="xs"
              checked={draft.allowWeak}
              onChange={(e) => onChange({ ...draft, allowWeak: e.currentTarget.checked })}
              label="Store it anyway, without a keyring"
              data-testid="secret-allow-weak"
            />
          )}
        </Alert>
      )}
    </Stack>
  )
}
