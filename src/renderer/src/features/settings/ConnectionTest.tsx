/** "Test connection" next to a connection: what works and what is missing, check by check, in plain words. */
import { Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ConnectionReport } from '@shared/contract'
import { useApi } from '../../api'

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

/** Tries the saved connection (both are tried; this one's checks are shown). */
export function useConnectionTest(side: 'centra' | 'erp') {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const [reports, setReports] = useState<ConnectionReport[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const test = () => {
    setBusy(true)
    setError(null)
    api.call('connections.test', {}).then(
      (all) => {
        setReports(all.filter((r) => (side === 'centra' ? r.system === 'centra' : r.system !== 'centra')))
        setBusy(false)
      },
      (e: Error) => {
        setError(e.message)
        setBusy(false)
      },
    )
  }
  const button = (
    <Button variant="default" onClick={test} loading={busy} data-testid={`connection-test-${side}`}>
      Test connection
    </Button>
  )
  const results = (
    <>
      {error && (
        <Text size="sm" c="red">
          The test could not run: {error}
        </Text>
      )}
      {reports && <TestResults reports={reports} />}
    </>
  )
  return { button, results, clear: () => setReports(null) }
}
