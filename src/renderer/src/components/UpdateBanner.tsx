import { useState } from 'react'
import { Alert, Button, Group, Modal, Progress, Text } from '@mantine/core'
import type { UpdateState } from '@shared/contract'
import { useApi, useEvent, useQuery, type ApiError } from '../api'

/**
 * The desktop app's update, when there is one: offered, downloading with progress, ready with
 * "Restart to update" (which waits for a running sync), or what went wrong. Nothing is shown
 * while Instep is up to date, or in browser mode.
 */
export function UpdateBanner() {
  const api = useApi()
  const status = useQuery('updates.status', {}, { refreshOn: [] })
  const [live, setLive] = useState<UpdateState | null>(null)
  const [notesOpen, setNotesOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEvent('updates.state', (s) => setLive(s as UpdateState))
  const state = live ?? status.data
  if (!state) return null

  const act = (method: 'updates.download' | 'updates.restart' | 'updates.check') => {
    setError(null)
    api.call(method, {}).then(
      (s) => setLive(s),
      (e: ApiError) => setError(e.message),
    )
  }

  let body: React.ReactNode = null
  if (state.state === 'available') {
    body = (
      <Group justify="space-between">
        <Text size="sm">Instep {state.version} is available.</Text>
        <Group gap="xs">
          {state.releaseNotes && (
            <Button size="xs" variant="subtle" onClick={() => setNotesOpen(true)}>
              What's new
            </Button>
          )}
          <Button size="xs" onClick={() => act('updates.download')} data-testid="update-download">
            Download
          </Button>
        </Group>
      </Group>
    )
  } else if (state.state === 'downloading') {
    body = (
      <div>
        <Text size="sm">Downloading Instep {state.version}…</Text>
        <Progress value={state.percent} mt={6} aria-label="Update download" data-testid="update-progress" />
      </div>
    )
  } else if (state.state === 'ready') {
    body = (
      <Group justify="space-between">
        <Text size="sm">{state.restartPending ? state.message ?? 'Instep will restart when the running sync finishes.' : `Instep ${state.version} is ready to install.`}</Text>
        {!state.restartPending && (
          <Button size="xs" onClick={() => act('updates.restart')} data-testid="update-restart">
            Restart to update
          </Button>
        )}
      </Group>
    )
  } else if (state.state === 'error') {
    body = <Text size="sm">{state.message}</Text>
  } else if (state.state === 'installing') {
    body = <Text size="sm">Installing Instep {state.version}…</Text>
  }
  if (!body && !error) return null

  const notes = state.state === 'available' || state.state === 'ready' ? state.releaseNotes : null
  return (
    <Alert color={state.state === 'error' ? 'orange' : 'blue'} variant="light" radius={0} role="status" data-testid="update-banner">
      {body}
      {error && (
        <Text size="sm" c="red" mt={4}>
          {error}
        </Text>
      )}
      <Modal opened={notesOpen} onClose={() => setNotesOpen(false)} title="What's new">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {notes}
        </Text>
      </Modal>
    </Alert>
  )
}
