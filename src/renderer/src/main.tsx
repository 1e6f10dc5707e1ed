import '@mantine/core/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createDefaultTransport, setTransport } from './api'
import { App } from './app/App'

// One transport for the life of the page: the preload bridge in Electron, a WebSocket in a browser.
const transport = createDefaultTransport()
setTransport(transport)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App transport={transport} />
  </StrictMode>,
)
