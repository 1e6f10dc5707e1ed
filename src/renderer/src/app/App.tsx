import { MantineProvider } from '@mantine/core'
import { ApiProvider, useLinkState, type Transport } from '../api'
import { CoreErrorScreen } from '../components/CoreErrorScreen'
import { Shell } from './Shell'
import { theme } from './theme'

function Gate() {
  const link = useLinkState()
  if (link.state === 'failed') return <CoreErrorScreen message={link.message} mode={window.instep ? 'electron' : 'browser'} />
  // While connecting, the shell renders with placeholders: calls wait for the link.
  return <Shell />
}

/** `mantineEnv="test"` turns off transitions and portals for component tests. */
export function App({ transport, mantineEnv = 'default' }: { transport: Transport; mantineEnv?: 'default' | 'test' }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" env={mantineEnv}>
      <ApiProvider transport={transport}>
        <Gate />
      </ApiProvider>
    </MantineProvider>
  )
}
