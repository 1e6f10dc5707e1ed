/** The e2e tests drive the built user interface: build it first when sources are newer. */
// @ts-expect-error plain ESM script without type declarations
import { ensureBuild } from '../../scripts/ensure-build.mjs'

export default function setup(): void {
  ensureBuild()
}
