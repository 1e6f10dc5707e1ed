import { z } from 'zod'
import { method } from './define'
import { Empty } from './common'

export const ConnectionCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
})
export type ConnectionCheck = z.infer<typeof ConnectionCheck>

export const ConnectionReport = z.object({
  system: z.enum(['centra', 'business-central', 'file-exchange']),
  address: z.string(),
  ok: z.boolean(),
  checks: z.array(ConnectionCheck),
})
export type ConnectionReport = z.infer<typeof ConnectionReport>

/** How a secret is kept, never the secret itself. */
export const SecretSource = z.object({ kind: z.enum(['environment', 'secrets-file']), name: z.string() })

/** Where a Business Central ERP is and who Instep signs in as: what the connections and settings views both show. */
export const BusinessCentralAddress = z.object({
  kind: z.literal('business-central'),
  baseUrl: z.string(),
  tokenUrl: z.string(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  clientId: z.string(),
})

export const ConnectionsView = z.object({
  centra: z.object({ url: z.string(), token: SecretSource, timeoutMs: z.number() }),
  erp: z.union([
    BusinessCentralAddress.extend({ clientSecret: SecretSource }),
    z.object({ kind: z.literal('file-exchange'), root: z.string(), format: z.string(), batch: z.string() }),
  ]),
})
export type ConnectionsView = z.infer<typeof ConnectionsView>

export const connectionMethods = {
  'connections.get': method({
    summary: 'The workspace connections as configured, with where each secret is kept (never its value).',
    input: Empty,
    output: ConnectionsView,
    mutates: false,
  }),
  'connections.test': method({
    summary: 'Try each connection now and say, in plain words, what works and what is missing (sign-in, permissions, folders).',
    input: Empty,
    output: z.array(ConnectionReport),
    mutates: false,
  }),
}

export const SecretProtection = z.object({
  protection: z.enum(['keyring', 'weak', 'unavailable', 'file']),
  message: z.string(),
})

export const secretMethods = {
  'connections.secretStorage': method({
    summary: 'How secrets are protected on this computer (OS keyring, no keyring, owner-only file), in plain words.',
    input: Empty,
    output: SecretProtection,
    mutates: false,
  }),
  'connections.setSecret': method({
    summary: 'Store the Centra API token or the ERP client secret (never shown again; the connection then refers to it).',
    input: z
      .object({
        secret: z.enum(['centra.token', 'erp.clientSecret']),
        value: z.string().min(8).max(4096),
        /** the user agreed to store it without a keyring (Linux basic_text) */
        allowWeakStorage: z.boolean().default(false),
      })
      .strict(),
    output: SecretProtection,
    mutates: true,
    changes: ['connections'],
  }),
}
