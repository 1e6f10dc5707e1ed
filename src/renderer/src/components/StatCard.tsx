import { Anchor, Card, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** A headline figure: label, value, a hint under it; `onOpen` makes the value open the rows behind it. */
export function StatCard({
  label,
  hint,
  testId,
  value,
  color,
  onOpen,
  children,
}: {
  label: string
  hint: string
  testId: string
  value: ReactNode
  color?: string
  /** the figure opens the rows behind it */
  onOpen?: () => void
  children?: ReactNode
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        {/* The test id sits on the value alone so tests (and screen readers) read just the number. */}
        {onOpen ? (
          <Anchor component="button" type="button" size="xl" fw={700} ta="left" onClick={onOpen} data-testid={testId} title={`Show the rows behind ${label.toLowerCase()}`}>
            {value}
          </Anchor>
        ) : (
          <Text size="xl" fw={700} c={color} data-testid={testId}>
            {value}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {children}
      </Stack>
    </Card>
  )
}
