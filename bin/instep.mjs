#!/usr/bin/env node
// The instep command runs the TypeScript sources directly (tsx), so `npx instep` works right
// after install without a separate build of the CLI.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
