/**
 * One settings section: a card with a title, what it is for, the form, and one Save that reports
 * in plain words — the engine's own message when it refuses a value, nothing is saved then.
 */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useState, type ReactNode } from 'react'

export interface SaveState {
  busy: boolean
  result: { ok: boolean; message: string } | null
  run: (save: () => Promise<unknown>, savedMessage?: string) => Promise<boolean>
}

export function useSave(): SaveState {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<SaveState['result']>(null)
  const run = async (save: () => Promise<unknown>, savedMessage = 'Saved. In force now.') => {
    setBusy(true)
    setResult(null)
    try {
      await save()
      setResult({ ok: true, message: savedMessage })
      return true
    } catch (e) {
      setResult({ ok: false, message: e instanceof Error ? e.message : String(e) })
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, result, run }
}

const NEED_NAME = 'Enter your name at the top to save changes.'

/** The Save of a section that records who changed it: off, saying why, until a name is entered. */
export function actorSave(state: SaveState, onSave: () => void, actor: string) {
  return { state, onSave, disabled: !actor, disabledReason: actor ? undefined : NEED_NAME }
}

export function SettingsSection(props: {
  id: string
  title: string
  description: ReactNode
  children: ReactNode
  save?: { state: SaveState; onSave: () => void; disabled?: boolean; disabledReason?: string }
  extra?: ReactNode
}) {
  const { id, title, description, children, save, extra } = props
  return (
    <Card withBorder data-testid={`settings-${id}`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {children}
        {(save || extra) && (
          <Group gap="sm" align="center">
            {save && (
              <Button onClick={save.onSave} loading={save.state.busy} disabled={save.disabled} data-testid={`settings-${id}-save`}>
                Save
              </Button>
            )}
            {extra}
            {save?.disabled && save.disabledReason && (
              <Text size="sm" c="dimmed">
                {save.disabledReason}
              </Text>
            )}
          </Group>
        )}
        {save?.state.result && (
          <Text size="sm" c={save.state.result.ok ? 'teal' : 'red'} data-testid={`settings-${id}-result`} role={save.state.result.ok ? 'status' : 'alert'}>
            {save.state.result.message}
          </Text>
        )}
      </Stack>
    </Card>
  )
}
