import { Alert, Loader, Text } from '@mantine/core'

/** Shown while a dropped connection is being re-established; calls made meanwhile wait for it. */
export function ReconnectingBanner({ attempt }: { attempt: number }) {
  return (
    <Alert color="yellow" variant="light" radius={0} icon={<Loader size={16} color="yellow" />} role="status" data-testid="reconnecting">
      <Text size="sm">Reconnecting to Instep… Anything you do meanwhile will go through once the connection is back.</Text>
      {attempt >= 6 && (
        <Text size="sm" c="dimmed" mt={4}>
          This is taking a while. If you started Instep with <code>instep serve</code>, check that it is still running.
        </Text>
      )}
    </Alert>
  )
}
