import { Button, Popover, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { ExceptionFilter } from '@shared/contract'
import { useApi, useQuery } from '../../api'
import { formatCount } from '../../components/format'

/** Exports the rows the filters match (not only those on screen) as a CSV file into a folder the user picks. */
export function ExportExceptions({ filter, total }: { filter: ExceptionFilter; total: number }) {
  const api = useApi()
  const info = useQuery('system.info', {}, { refreshOn: [] })
  const [opened, setOpened] = useState(false)
  const [dir, setDir] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const directory = dir ?? (info.data ? `${info.data.workspaceDir}/exports` : '')
  const run = async () => {
    setBusy(true)
    setResult(null)
    try {
      const r = await api.call('exceptions.exportCsv', { filter, directory })
      setResult({ ok: true, text: `Saved ${formatCount(r.rows)} row${r.rows === 1 ? '' : 's'} to ${r.file}` })
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={460} shadow="md">
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)} data-testid="exceptions-export">
          Export CSV
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput label="Folder" value={directory} onChange={(e) => setDir(e.currentTarget.value)} data-testid="exceptions-export-dir" />
          <Button size="xs" loading={busy} disabled={!directory} onClick={() => void run()} data-testid="exceptions-export-run">
            Save {formatCount(total)} matching exception{total === 1 ? '' : 's'}
          </Button>
          {result && (
            <Text size="sm" c={result.ok ? 'teal.8' : 'red.8'} data-testid="exceptions-export-result" style={{ wordBreak: 'break-all' }}>
              {result.text}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
