import { MantineProvider } from '@mantine/core'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactElement } from 'react'
import { ApiProvider, type Transport } from '../../src/renderer/src/api'
import { theme } from '../../src/renderer/src/app/theme'

/** Renders a widget as the app does, with its client talking to the given (fake) transport. */
export function renderWithApi(ui: ReactElement, transport: Transport): RenderResult {
  return render(
    <MantineProvider theme={theme} env="test">
      <ApiProvider transport={transport}>{ui}</ApiProvider>
    </MantineProvider>,
  )
}
