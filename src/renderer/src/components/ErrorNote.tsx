import { Alert, Button, Group, Text } from '@mantine/core'
import type { ApiError } from '../api'

/** An inline, calm error for a failed query: the core's message, and a retry when it may help. */
export function ErrorNote({ error, onRetry, title = 'This could not be loaded' }: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <Alert color="red" variant="light" title={title}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{error.message}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  )
}
