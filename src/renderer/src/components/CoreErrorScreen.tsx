import { Alert, Button, Center, Code, List, Paper, Stack, Text, Title } from '@mantine/core'
import { IconPlugConnectedX } from '@tabler/icons-react'

/**
 * Full-page error when nothing can work: the engine did not start (Electron) or the page cannot
 * reach `instep serve` (browser). Says what happened and what a person can do about it.
 */
export function CoreErrorScreen({ message, mode }: { message: string; mode: 'electron' | 'browser' }) {
  const electron = mode === 'electron'
  return (
    <Center mih="100vh" p="xl" data-testid="core-error">
      <Paper withBorder shadow="sm" p="xl" radius="md" maw={640} w="100%">
        <Stack gap="md">
          <IconPlugConnectedX size={40} stroke={1.5} color="var(--mantine-color-red-6)" aria-hidden />
          <Title order={2}>{electron ? "Instep's engine could not start" : 'Instep could not be reached'}</Title>
          <Text>
            {electron
              ? 'The part of Instep that stores your data and runs syncs did not start, so nothing can be shown yet. Your data has not been changed.'
              : 'This page could not connect to Instep on this computer, so nothing can be shown yet. Your data has not been changed.'}
          </Text>
          <Alert color="red" variant="light" title="What went wrong">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {message}
            </Text>
          </Alert>
          <div>
            <Text fw={600} mb={4}>
              What to do
            </Text>
            {electron ? (
              <List size="sm" spacing={4}>
                <List.Item>Quit Instep and open it again.</List.Item>
                <List.Item>If it happens again, send the message above to whoever looks after Instep for your team.</List.Item>
              </List>
            ) : (
              <List size="sm" spacing={4}>
                <List.Item>
                  Check that the window where you started <Code>instep serve</Code> is still running.
                </List.Item>
                <List.Item>Open the full address it printed (it ends in #token=…); an address from an earlier start no longer works.</List.Item>
              </List>
            )}
          </div>
          <Button variant="default" onClick={() => window.location.reload()} w="fit-content">
            Try again
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
