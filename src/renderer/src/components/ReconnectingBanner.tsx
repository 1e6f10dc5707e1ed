import { Alert, Loader } from '@mantine/core'

/** Shown while a dropped connection is being re-established; calls made meanwhile wait for it. */
export function ReconnectingBanner() {
  return (
    <Alert color="yellow" variant="light" radius={0} icon={<Loader size={16} color="yellow" />} role="status" data-testid="reconnecting">
      Reconnecting to Instep… Anything you do meanwhile will go through once the connection is back.
    </Alert>
  )
}
