import { Alert, Badge, Button, Group, Loader, Popover, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { IconChevronDown } from '@tabler/icons-react'
import { useState } from 'react'
import type { KnownWorkspace } from '@shared/contract'
import { useApi, useQuery } from '../api'
import { formatRelative } from '../components/format'

/**
 * The open workspace's name in the header; a click lists the other workspaces on this computer
 * (one per Centra store, say) and opens one in its place. The engine restarts on it and the
 * screens load again; a workspace that cannot open says why and the current one stays.
 */
export function WorkspaceSwitcher({
  name,
  reload = () => window.location.reload(),
}: {
  name: string
  /** after a switch in a browser; in the desktop app the shell reloads the window itself */
  reload?: () => void
}) {
  const api = useApi()
  const [opened, setOpened] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const list = useQuery('system.workspaces', {}, { enabled: opened, refreshOn: ['system'] })

  const open = async (dir: string) => {
    setBusy(dir)
    setError(null)
    try {
      await api.call('system.openWorkspace', { dir })
      if (!window.instep) reload()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(null)
    }
  }

  const others = (list.data?.workspaces ?? []).filter((w) => !w.current)
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={420} shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton onClick={() => setOpened((o) => !o)} aria-label={`Workspace ${name}: switch workspace`} data-testid="workspace-switcher">
          <Group gap={4} wrap="nowrap">
            <Text fw={500} data-testid="workspace-name">
              {name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Switch workspace
          </Text>
          {list.loading && <Loader size="sm" />}
          {error && (
            <Alert color="red" data-testid="workspace-switch-error" withCloseButton onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {list.data && !list.data.switchable && (
            <Text size="sm" c="dimmed">
              This Instep was started for one workspace. Start it again with --workspace and the folder to use another.
            </Text>
          )}
          {list.data && others.length === 0 && (
            <Text size="sm" c="dimmed">
              No other workspaces yet. New ones go in {list.data.workspacesRoot}.
            </Text>
          )}
          {others.map((w) => (
            <WorkspaceRow key={w.dir} w={w} busy={busy === w.dir} disabled={busy !== null || !list.data?.switchable} onOpen={() => void open(w.dir)} />
          ))}
          {list.data?.switchable && (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Or open a workspace folder"
                placeholder="/path/to/workspace"
                value={path}
                onChange={(e) => setPath(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-testid="workspace-path"
              />
              <Button variant="default" disabled={!path.trim() || busy !== null} loading={busy === path.trim()} onClick={() => void open(path.trim())} data-testid="workspace-path-open">
                Open
              </Button>
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}

function WorkspaceRow({ w, busy, disabled, onOpen }: { w: KnownWorkspace; busy: boolean; disabled: boolean; onOpen: () => void }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="workspace-option">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {w.name}
          </Text>
          {w.demo && (
            <Badge size="xs" variant="light" color="grape">
              Demo
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate="start" title={w.dir}>
          {w.dir}
        </Text>
        {w.problem ? (
          <Text size="xs" c="red">
            {w.problem}
          </Text>
        ) : (
          w.lastOpenedAt && (
            <Text size="xs" c="dimmed">
              Opened {formatRelative(w.lastOpenedAt)}
            </Text>
          )
        )}
      </Stack>
      <Button size="xs" variant="light" onClick={onOpen} loading={busy} disabled={disabled || w.problem !== null}>
        Open
      </Button>
    </Group>
  )
}
