/**
 * Settings → Connections: where Instep talks to Centra and the ERP, a "Test connection" that
 * says in plain words what works and what is missing, and a place to replace a credential.
 * Stored credentials are never shown again: the screen only says where they are kept.
 */
import { useState } from 'react'
import { Alert, Badge, Button, Card, Checkbox, Group, List, PasswordInput, Select, Stack, Table, Text, Title } from '@mantine/core'
import type { ConnectionReport, ConnectionsView } from '@shared/contract'
import { useApi, useQuery, type ApiError } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'

type SecretName = 'centra.token' | 'erp.clientSecret'

function secretWhere(s: { kind: 'environment' | 'secrets-file'; name: string }): string {
  return s.kind === 'environment' ? `environment variable ${s.name}` : 'kept securely by Instep'
}

function ConnectionFacts({ view }: { view: ConnectionsView }) {
  const rows: [string, string][] = [
    ['Centra API', view.centra.url],
    ['Centra API token', secretWhere(view.centra.token)],
  ]
  if (view.erp.kind === 'business-central') {
    rows.push(['ERP', 'Microsoft Dynamics 365 Business Central'], ['API address', view.erp.baseUrl], ['Company', view.erp.companyName ?? view.erp.companyId ?? 'the only company'])
    rows.push(['Client id', view.erp.clientId], ['Client secret', secretWhere(view.erp.clientSecret)])
  } else {
    rows.push(['ERP', 'File exchange'], ['Exchange folder', view.erp.root], ['Order files', `${view.erp.format.toUpperCase()}, ${view.erp.batch === 'per-order' ? 'one file per order' : 'one file per batch'}`])
  }
  return (
    <Table data-testid="connection-facts" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td w={200}>
              <Text c="dimmed" size="sm">
                {k}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{v}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

const SYSTEM_NAMES: Record<ConnectionReport['system'], string> = { centra: 'Centra', 'business-central': 'Business Central', 'file-exchange': 'File exchange' }

function TestResults({ reports }: { reports: ConnectionReport[] }) {
  return (
    <Stack gap="sm" data-testid="connection-test-results">
      {reports.map((r) => (
        <Card key={r.system} withBorder padding="sm">
          <Group justify="space-between">
            <Text fw={600}>{SYSTEM_NAMES[r.system]}</Text>
            <Badge color={r.ok ? 'teal' : 'red'} tt="none" data-testid={`connection-${r.system}-status`}>
              {r.ok ? 'Working' : 'Needs attention'}
            </Badge>
          </Group>
          <List size="sm" mt="xs" spacing={4}>
            {r.checks.map((c) => (
              <List.Item key={c.name} icon={<Text c={c.ok ? 'teal' : 'red'}>{c.ok ? '✓' : '✗'}</Text>}>
                <Text size="sm" span fw={500}>
                  {c.name}:
                </Text>{' '}
                <Text size="sm" span>
                  {c.detail}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  )
}

function SecretForm({ erpKind, onSaved }: { erpKind: ConnectionsView['erp']['kind']; onSaved: () => void }) {
  const api = useApi()
  const storage = useQuery('connections.secretStorage', {}, { refreshOn: ['connections'] })
  const [secret, setSecret] = useState<SecretName>('centra.token')
  const [value, setValue] = useState('')
  const [allowWeak, setAllowWeak] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const weak = storage.data?.protection === 'weak'

  const save = () => {
    setBusy(true)
    setResult(null)
    api.call('connections.setSecret', { secret, value, allowWeakStorage: allowWeak }).then(
      (protection) => {
        setValue('')
        setResult({ ok: true, message: `Saved. ${protection.message}` })
        setBusy(false)
        onSaved()
      },
      (e: ApiError) => {
        setResult({ ok: false, message: e.message })
        setBusy(false)
      },
    )
  }

  return (
    <Stack gap="sm">
      {storage.data && (
        <Alert color={storage.data.protection === 'keyring' || storage.data.protection === 'file' ? 'blue' : 'orange'} variant="light" data-testid="secret-storage">
          {storage.data.message}
        </Alert>
      )}
      <Group align="end">
        <Select
          label="Credential"
          w={260}
          value={secret}
          onChange={(v) => v && setSecret(v as SecretName)}
          data={[
            { value: 'centra.token', label: 'Centra API token' },
            ...(erpKind === 'business-central' ? [{ value: 'erp.clientSecret', label: 'Business Central client secret' }] : []),
          ]}
          allowDeselect={false}
        />
        <PasswordInput label="New value" w={360} value={value} onChange={(e) => setValue(e.currentTarget.value)} data-testid="secret-value" autoComplete="off" />
        <Button onClick={save} loading={busy} disabled={value.length < 8 || (weak && !allowWeak)} data-testid="secret-save">
          Save
        </Button>
      </Group>
      {weak && <Checkbox checked={allowWeak} onChange={(e) => setAllowWeak(e.currentTarget.checked)} label="Store it anyway, without a keyring" />}
      {result && (
        <Text size="sm" c={result.ok ? 'teal' : 'red'} data-testid="secret-result">
          {result.message}
        </Text>
      )}
    </Stack>
  )
}

export function SettingsPage() {
  const api = useApi()
  const view = useQuery('connections.get', {}, { refreshOn: ['connections'] })
  const [testing, setTesting] = useState(false)
  const [reports, setReports] = useState<ConnectionReport[] | null>(null)
  const [testError, setTestError] = useState<ApiError | null>(null)

  const test = () => {
    setTesting(true)
    setTestError(null)
    api.call('connections.test', {}).then(
      (r) => {
        setReports(r)
        setTesting(false)
      },
      (e: ApiError) => {
        setTestError(e)
        setTesting(false)
      },
    )
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Settings
        </Title>
        <Text c="dimmed">Where Instep connects to, and whether it can.</Text>
      </div>
      {view.error && <ErrorNote error={view.error} onRetry={view.refetch} title="The connections could not be loaded" />}
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Connections
          </Title>
          <Button onClick={test} loading={testing} data-testid="connection-test">
            Test connection
          </Button>
        </Group>
        {view.data && <ConnectionFacts view={view.data} />}
        {testError && <ErrorNote error={testError} title="The test could not run" />}
        {reports && <TestResults reports={reports} />}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Replace a credential
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Paste a new API token or client secret. Instep stores it securely and never shows it again.
        </Text>
        {view.data && <SecretForm erpKind={view.data.erp.kind} onSaved={() => setReports(null)} />}
      </Card>
    </Stack>
  )
}
