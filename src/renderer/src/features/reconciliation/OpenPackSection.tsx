import { Badge, Button, Card, Group, ScrollArea, Table, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import type { PackSheet } from '@shared/contract'
import { useApi } from '../../api'
import { formatCount } from '../../components/format'

/**
 * Looking back at what was filed: an evidence pack exported earlier (the Excel workbook or one of
 * its CSV files) opened read-only, one tab per view, on any computer and without a connection.
 */
export function OpenPackSection() {
  const api = useApi()
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pack, setPack] = useState<{ path: string; sheets: PackSheet[] } | null>(null)
  const open = async () => {
    setBusy(true)
    setError(null)
    setPack(null)
    try {
      setPack(await api.call('reconciliation.openPack', { path: path.trim(), maxRows: 200 }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card withBorder padding="md" data-testid="recon-pack">
      <Title order={2} size="h4" mb="xs">
        Open an exported evidence pack
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        A month-end workbook (.xlsx) or one of its CSV files, exported earlier. Shown as it was filed; nothing is changed or stored.
      </Text>
      <Group align="end">
        <TextInput label="File" placeholder="/full/path/to/month-end-2026-11.xlsx" value={path} onChange={(e) => setPath(e.currentTarget.value)} w={480} data-testid="recon-pack-path" />
        <Button variant="default" loading={busy} disabled={!path.trim()} onClick={() => void open()} data-testid="recon-pack-open">
          Open
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red.8" mt="xs" data-testid="recon-pack-error">
          {error}
        </Text>
      )}
      {pack && (
        <Tabs defaultValue={pack.sheets[0]?.name} mt="sm" keepMounted={false}>
          <Group gap="xs" mb={4}>
            <Badge variant="light" color="gray" tt="none">
              Read-only
            </Badge>
            <Text size="xs" c="dimmed">
              {pack.path}
            </Text>
          </Group>
          <Tabs.List>
            {pack.sheets.map((s) => (
              <Tabs.Tab key={s.name} value={s.name} data-testid="recon-pack-tab">
                {s.name}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {pack.sheets.map((s) => (
            <Tabs.Panel key={s.name} value={s.name} pt="xs">
              <ScrollArea>
                <Table striped withTableBorder fz="xs" data-testid="recon-pack-table">
                  <Table.Thead>
                    <Table.Tr>
                      {s.columns.map((c, i) => (
                        <Table.Th key={i}>{c}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.rows.map((r, i) => (
                      <Table.Tr key={i}>
                        {s.columns.map((_, j) => (
                          <Table.Td key={j}>{r[j] ?? ''}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              {s.totalRows > s.rows.length && (
                <Text size="xs" c="dimmed" mt={4}>
                  Showing the first {formatCount(s.rows.length)} of {formatCount(s.totalRows)} rows; open the file in Excel for all of them.
                </Text>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Card>
  )
}
