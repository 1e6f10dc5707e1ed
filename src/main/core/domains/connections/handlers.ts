import type { ConnectionReport } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { defineHandlers } from '../../rpc/handlers'
import { saveConfig, type SecretRef } from '../../workspace/config'

const secretSource = (ref: SecretRef) => ('env' in ref ? { kind: 'environment' as const, name: ref.env } : { kind: 'secrets-file' as const, name: ref.secret })

export const connectionHandlers = defineHandlers({
  'connections.get': (_input, ctx) => {
    const config = ctx.config
    return {
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
    }
  },

  'connections.test': async (_input, ctx) => {
    const config = ctx.config
    const erpSystem = config.erp.kind
    const erpAddress = config.erp.kind === 'business-central' ? config.erp.baseUrl : config.erp.root
    let probes
    try {
      probes = ctx.connect().probes
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

  'connections.secretStorage': (_input, { secrets }) => secrets.status(),

  'connections.setSecret': async ({ secret, value, allowWeakStorage }, ctx) => {
    const config = ctx.config
    if (secret === 'erp.clientSecret' && config.erp.kind !== 'business-central') {
      throw new AppError('invalid_input', 'This workspace uses file exchange: it has no ERP client secret.')
    }
    let protection
    try {
      protection = await ctx.secrets.put(secret, value, allowWeakStorage)
    } catch (e) {
      throw new AppError('auth', e instanceof Error ? e.message : String(e))
    }
    // From now on the connection refers to the stored secret, never to a value in the config file.
    const next = structuredClone(config)
    if (secret === 'centra.token') next.centra.token = { secret }
    else if (next.erp.kind === 'business-central') next.erp.clientSecret = { secret }
    saveConfig(ctx.workspaceDir, next)
    ctx.reloadConfig()
    return protection
  },
})
