/**
 * Settings → the Centra and the ERP connection: edit, save, and "Test connection" to see what
 * works and which permissions are missing. A typed credential leaves the form as soon as it is
 * submitted, saved or not.
 */
import { NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { ErpSettingsInput, SettingsView } from '@shared/contract'
import { useApi } from '../../api'
import { onlineAddresses, tenantAndEnvironment, type TenantEnvironment } from './bc-addresses'
import { useConnectionTest } from './ConnectionTest'
import { SecretField, type SecretDraft } from './SecretField'
import { actorSave, SettingsSection, useSave } from './SettingsSection'
import { useDraft } from './useDraft'

const NO_SECRET: SecretDraft = { value: '', allowWeak: false }
const seconds = (ms: number) => Math.round(ms / 1000)

export function CentraSection({ view, actor, onSaved }: { view: SettingsView['centra']; actor: string; onSaved: () => void }) {
  const api = useApi()
  const save = useSave()
  const probe = useConnectionTest('centra')
  const [draft, setDraft] = useDraft<{ url: string; timeout: number | string }>({ url: view.url, timeout: seconds(view.timeoutMs) })
  const { url, timeout } = draft
  const setUrl = (v: string) => setDraft((d) => ({ ...d, url: v }))
  const setTimeoutS = (v: number | string) => setDraft((d) => ({ ...d, timeout: v }))
  const [token, setToken] = useState<SecretDraft>(NO_SECRET)

  const onSave = () => {
    const typed = token
    setToken(NO_SECRET)
    void save
      .run(() =>
        api.call('settings.setCentra', {
          actor,
          url: url.trim(),
          timeoutMs: Number(timeout) * 1000,
          ...(typed.value ? { token: typed.value, allowWeakStorage: typed.allowWeak } : {}),
        }),
      )
      .then((ok) => {
        if (!ok) return
        probe.clear()
        onSaved()
      })
  }

  return (
    <SettingsSection
      id="centra"
      title="Centra"
      description="The store's GraphQL Integration API address and token (Centra → Integrations → API plugin)."
      save={actorSave(save, onSave, actor)}
      extra={probe.button}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput label="API address" placeholder="https://your-store.centra.com/graphql/integration" value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="centra-url" />
        <NumberInput label="Give up on a call after (seconds)" min={1} max={300} value={timeout} onChange={setTimeoutS} data-testid="centra-timeout" />
      </SimpleGrid>
      <SecretField label="API token" newLabel="New API token" testId="centra-token" state={view.token} draft={token} onChange={setToken} />
      {probe.results}
    </SettingsSection>
  )
}

type BcDraft = Extract<ErpSettingsInput, { kind: 'business-central' }>
type FxDraft = Extract<ErpSettingsInput, { kind: 'file-exchange' }>

function bcDraft(erp: SettingsView['erp']): BcDraft {
  return erp.kind === 'business-central'
    ? { kind: 'business-central', baseUrl: erp.baseUrl, tokenUrl: erp.tokenUrl, companyId: erp.companyId, companyName: erp.companyName, clientId: erp.clientId, timeoutMs: erp.timeoutMs }
    : { kind: 'business-central', baseUrl: '', tokenUrl: '', companyId: null, companyName: null, clientId: '', timeoutMs: 60_000 }
}

function fxDraft(erp: SettingsView['erp']): FxDraft {
  return erp.kind === 'file-exchange'
    ? { kind: 'file-exchange', root: erp.root, format: erp.format, batch: erp.batch, decimalSeparator: erp.decimalSeparator, delimiter: erp.delimiter, dateFormat: erp.dateFormat }
    : { kind: 'file-exchange', root: '', format: 'csv', batch: 'per-order', decimalSeparator: 'auto', delimiter: null, dateFormat: 'iso' }
}

/**
 * Tenant and environment for Business Central online: typing them fills in both addresses below.
 * Shown empty when the addresses are of another shape (on-premises, the demo's simulator).
 */
function OnlineTenantFields({ bc, onChange }: { bc: BcDraft; onChange: (next: BcDraft) => void }) {
  const [shown, setShown] = useState<TenantEnvironment>(() => tenantAndEnvironment(bc.baseUrl) ?? { tenant: '', environment: '' })
  // An API address typed (or loaded) in full names its tenant and environment: show them
  // (adjusted while rendering, when the address changes, rather than in an effect).
  const [seenUrl, setSeenUrl] = useState(bc.baseUrl)
  if (seenUrl !== bc.baseUrl) {
    setSeenUrl(bc.baseUrl)
    const named = tenantAndEnvironment(bc.baseUrl)
    if (named && (shown.tenant.trim() !== named.tenant || shown.environment.trim() !== named.environment)) setShown(named)
  }
  const set = (patch: Partial<TenantEnvironment>) => {
    const next = { ...shown, ...patch }
    setShown(next)
    if (next.tenant.trim() && next.environment.trim()) onChange({ ...bc, ...onlineAddresses(next) })
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <TextInput
        label="Tenant"
        description="Business Central online: the Microsoft Entra tenant id or domain (e.g. contoso.com)"
        value={shown.tenant}
        onChange={(e) => set({ tenant: e.currentTarget.value })}
        data-testid="bc-tenant"
      />
      <TextInput
        label="Environment"
        description="As in Business Central's admin centre, e.g. Production or Sandbox; both fill in the addresses below"
        value={shown.environment}
        onChange={(e) => set({ environment: e.currentTarget.value })}
        data-testid="bc-environment"
      />
    </SimpleGrid>
  )
}

export function ErpSection({ view, actor, onSaved }: { view: SettingsView['erp']; actor: string; onSaved: () => void }) {
  const api = useApi()
  const save = useSave()
  const probe = useConnectionTest('erp')
  const [kind, setKind] = useDraft(view.kind)
  const [bc, setBc] = useDraft(bcDraft(view))
  const [fx, setFx] = useDraft(fxDraft(view))
  const [secret, setSecret] = useState<SecretDraft>(NO_SECRET)
  const bcSecret = view.kind === 'business-central' ? view.clientSecret : { set: false, source: 'store' as const, name: 'erp.clientSecret', problem: null }

  const onSave = () => {
    const typed = secret
    setSecret(NO_SECRET)
    const erp: ErpSettingsInput =
      kind === 'business-central'
        ? { ...bc, companyId: bc.companyId?.trim() || null, companyName: bc.companyName?.trim() || null, ...(typed.value ? { clientSecret: typed.value } : {}) }
        : { ...fx, delimiter: fx.delimiter || null }
    void save.run(() => api.call('settings.setErp', { actor, erp, allowWeakStorage: typed.allowWeak })).then((ok) => {
      if (!ok) return
      probe.clear()
      onSaved()
    })
  }

  return (
    <SettingsSection
      id="erp"
      title="ERP"
      description="Business Central through its API (an Entra app registration with the client credentials), or any ERP through an exchange folder."
      save={actorSave(save, onSave, actor)}
      extra={probe.button}
    >
      <Select
        label="ERP"
        w={440}
        value={kind}
        onChange={(v) => v && setKind(v as typeof kind)}
        data={[
          { value: 'business-central', label: 'Microsoft Dynamics 365 Business Central' },
          { value: 'file-exchange', label: 'File exchange (exchange folder)' },
        ]}
        allowDeselect={false}
        data-testid="erp-kind"
      />
      {kind === 'business-central' ? (
        <Stack gap="sm">
          <OnlineTenantFields bc={bc} onChange={setBc} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput
              label="API address"
              description="https://api.businesscentral.dynamics.com/v2.0/<tenant>/<environment>/api/v2.0"
              value={bc.baseUrl}
              onChange={(e) => setBc({ ...bc, baseUrl: e.currentTarget.value })}
              data-testid="bc-base-url"
            />
            <TextInput
              label="Sign-in (token) address"
              description="https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token"
              value={bc.tokenUrl}
              onChange={(e) => setBc({ ...bc, tokenUrl: e.currentTarget.value })}
              data-testid="bc-token-url"
            />
            <TextInput
              label="Company name"
              description="As Business Central shows it; leave empty when there is only one company or the id is given"
              value={bc.companyName ?? ''}
              onChange={(e) => setBc({ ...bc, companyName: e.currentTarget.value })}
              data-testid="bc-company-name"
            />
            <TextInput label="Company id" description="Optional; wins over the name" value={bc.companyId ?? ''} onChange={(e) => setBc({ ...bc, companyId: e.currentTarget.value })} />
            <TextInput label="Client id" description="The app registration's Application (client) id" value={bc.clientId} onChange={(e) => setBc({ ...bc, clientId: e.currentTarget.value })} data-testid="bc-client-id" />
            <NumberInput
              label="Give up on a call after (seconds)"
              min={1}
              max={600}
              value={seconds(bc.timeoutMs ?? 60_000)}
              onChange={(v) => setBc({ ...bc, timeoutMs: Number(v) * 1000 })}
            />
          </SimpleGrid>
          <SecretField label="Client secret" newLabel="New client secret" testId="bc-secret" state={bcSecret} draft={secret} onChange={setSecret} />
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label="Exchange folder"
            description="outbox/, inbox/…, archive/ and quarantine/ are created inside"
            value={fx.root}
            onChange={(e) => setFx({ ...fx, root: e.currentTarget.value })}
            data-testid="fx-root"
          />
          <Select
            label="Order files"
            value={fx.format}
            onChange={(v) => v && setFx({ ...fx, format: v as FxDraft['format'] })}
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
              { value: 'both', label: 'CSV and JSON' },
            ]}
            allowDeselect={false}
          />
          <Select
            label="Files per"
            value={fx.batch}
            onChange={(v) => v && setFx({ ...fx, batch: v as FxDraft['batch'] })}
            data={[
              { value: 'per-order', label: 'One file per order' },
              { value: 'per-batch', label: 'One file per run' },
            ]}
            allowDeselect={false}
          />
          <Select
            label="Decimal separator in files from the ERP"
            value={fx.decimalSeparator}
            onChange={(v) => v && setFx({ ...fx, decimalSeparator: v as FxDraft['decimalSeparator'] })}
            data={[
              { value: 'auto', label: 'Recognise it' },
              { value: '.', label: 'Point (12.50)' },
              { value: ',', label: 'Comma (12,50)' },
            ]}
            allowDeselect={false}
          />
          <TextInput
            label="Column delimiter"
            description="One character; empty = recognise it"
            maxLength={1}
            value={fx.delimiter ?? ''}
            onChange={(e) => setFx({ ...fx, delimiter: e.currentTarget.value || null })}
          />
          <Select
            label="Dates in files"
            value={fx.dateFormat}
            onChange={(v) => v && setFx({ ...fx, dateFormat: v as FxDraft['dateFormat'] })}
            data={[
              { value: 'iso', label: '2026-11-30' },
              { value: 'DD.MM.YYYY', label: '30.11.2026' },
              { value: 'DD/MM/YYYY', label: '30/11/2026' },
            ]}
            allowDeselect={false}
          />
        </SimpleGrid>
      )}
      {probe.results}
    </SettingsSection>
  )
}
