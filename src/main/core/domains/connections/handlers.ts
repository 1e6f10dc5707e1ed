import type { ConnectionReport } from '../../../../shared/contract'
import { defineHandlers } from '../../rpc/handlers'
import type { SecretRef } from '../../workspace/config'

const secretSource = (ref: SecretRef) => ('env' in ref ? { kind: 'environment' as const, name: ref.env } : { kind: 'secrets-file' as const, name: ref.secret })

export const connectionHandlers = defineHandlers({
  'connections.get': (_input, { config }) => ({
    centra: { url: config.centra.url, token: secretSource(config.centra.token), timeoutMs: config.centra.timeoutMs },
    erp:
      config.erp.kind === 'business-central'
        ? {
            kind: 'business-central' as const,
            baseUrl: config.erp.baseUrl,
            tokenUrl: config.erp.tokenUrl,
            companyId: config.erp.companyId ?? null,
            companyName: config.erp.companyName ?? null,
            clientId: config.erp.clientId,
            clientSecret: secretSource(config.erp.clientSecret),
          }
        : { kind: 'file-exchange' as const, root: config.erp.root, format: config.erp.format, batch: config.erp.batch },
  }),

  'connections.test': async (_input, { config, connect }) => {
    const erpSystem = config.erp.kind
    const erpAddress = config.erp.kind === 'business-central' ? config.erp.baseUrl : config.erp.root
    let probes
    try {
      probes = connect().probes
    } catch (e) {
      // Usually a secret that is not where the config says: nothing can be tried without it.
      const detail = e instanceof Error ? e.message : String(e)
      return [
        { system: 'centra', address: config.centra.url, ok: false, checks: [{ name: 'Credentials', ok: false, detail }] },
        { system: erpSystem, address: erpAddress, ok: false, checks: [{ name: 'Credentials', ok: false, detail }] },
      ] satisfies ConnectionReport[]
    }
    if (!probes) return []
    const [store, erp] = await Promise.all([probes.store(), probes.erp()])
    return [
      { system: 'centra', address: config.centra.url, ok: store.every((c) => c.ok), checks: store },
      { system: erpSystem, address: erpAddress, ok: erp.every((c) => c.ok), checks: erp },
    ] satisfies ConnectionReport[]
  },
})
