import { Card, Stack, Text } from '@mantine/core'
import { formatCount } from '../../components/format'

/** One headline figure of the drift screen; the test id sits on the number alone. */
export function SummaryCard({ label, value, hint, testId, color }: { label: string; value: number; hint: string; testId: string; color?: string }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <Text size="xl" fw={700} c={color} data-testid={testId}>
          {formatCount(value)}
        </Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Card>
  )
}
