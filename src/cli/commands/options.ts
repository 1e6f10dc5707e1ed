import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { defaultDemoWorkspace } from '../../main/core/workspace/paths'

export function parsePort(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535')
  return n
}

export function parseInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number')
  return n
}

export function workspaceDirFrom(opt: string | undefined): string {
  return resolve(opt ?? defaultDemoWorkspace())
}

/** Waits for Ctrl-C / SIGTERM, then runs the cleanup once. */
export function untilStopped(cleanup: () => Promise<void>): Promise<void> {
  return new Promise((done) => {
    let stopping = false
    const stop = () => {
      if (stopping) return
      stopping = true
      void cleanup().finally(() => done())
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
