/**
 * Takes a simulator off the network and back on, as a lost Wi-Fi or a dropped VPN would: the
 * listening socket closes (clients get "connection refused") and open connections are cut, but
 * the simulated store stays in memory, and the simulator listens again on the same port.
 */
import type { Server } from 'node:http'

export interface NetworkSwitch {
  /** Stops listening and cuts open connections; the state of the simulated system is kept. */
  goOffline(): Promise<void>
  /** Listens again on the same address and port. */
  goOnline(): Promise<void>
}

export function networkSwitch(server: Server, port: number, host: string): NetworkSwitch {
  let online = true
  return {
    async goOffline() {
      if (!online) return
      online = false
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
    async goOnline() {
      if (online) return
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      online = true
    },
  }
}
