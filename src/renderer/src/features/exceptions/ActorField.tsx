import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'

/** "Your name": asked once, kept on this computer; every action is recorded against it. */
export function ActorField({ actor, onChange }: { actor: string; onChange: (name: string) => void }) {
  const [draft, setDraft] = useState(actor)
  const [open, setOpen] = useState(false)
  if (!actor || open) {
    return (
      <Group gap="xs" align="flex-end">
        <TextInput
          label="Your name"
          description="Recorded in the history of what you change"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && draft.trim()) {
              onChange(draft)
              setOpen(false)
            }
          }}
          data-testid="actor-name"
          w={220}
        />
        <Button
          disabled={!draft.trim()}
          onClick={() => {
            onChange(draft)
            setOpen(false)
          }}
          data-testid="actor-save"
        >
          Save
        </Button>
      </Group>
    )
  }
  return (
    <Stack gap={0} align="flex-end">
        <Text size="xs" c="dimmed">
          Working as
        </Text>
        <Group gap={4}>
          <Text size="sm" fw={500} data-testid="actor-current">
            {actor}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => (setDraft(actor), setOpen(true))}>
            Change
          </Button>
        </Group>
    </Stack>
  )
}
