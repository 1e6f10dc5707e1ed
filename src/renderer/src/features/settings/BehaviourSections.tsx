/**
 * Settings → how Instep behaves: when each job runs and counts as late, how much difference is
 * rounding, where shipping and handling are booked, and which team new exceptions of each kind go to.
 */
import { Group, NumberInput, Select, Switch, Table, Text, TextInput } from '@mantine/core'
import type { JobScheduleSetting, SettingsView, SyncJob, Team } from '@shared/contract'
import { useApi } from '../../api'
import { TEAM_LABEL, TEAMS } from '../../components/format'
import { actorSave, SettingsSection, useSave } from './SettingsSection'
import { useDraft } from './useDraft'


const JOB_LABEL: Record<SyncJob, string> = {
  orders: 'Orders, Centra → ERP',
  fulfilment: 'Shipments, ERP → Centra',
  stock: 'Stock changes, ERP → Centra',
  'stock-sweep': 'Full stock comparison',
}
/** The interval a job gets when it is switched back on and had none. */
const USUAL_EVERY: Record<SyncJob, number> = { orders: 5, fulfilment: 10, stock: 15, 'stock-sweep': 1440 }

export function ScheduleSection({ view, actor }: { view: JobScheduleSetting[]; actor: string }) {
  const api = useApi()
  const save = useSave()
  const [rows, setRows] = useDraft(view)
  const set = (job: SyncJob, patch: Partial<JobScheduleSetting>) => setRows((rs) => rs.map((r) => (r.job === job ? { ...r, ...patch } : r)))
  const onSave = () => void save.run(() => api.call('settings.setSchedule', { actor, jobs: rows.map((r) => ({ ...r, everyMinutes: Number(r.everyMinutes), staleAfterMinutes: Number(r.staleAfterMinutes) })) }))
  return (
    <SettingsSection
      id="schedule"
      title="Schedules"
      description="How often each job runs by itself, and after how long without a successful run it shows as late and raises an exception. A job that is off runs only when someone presses Sync now."
      save={actorSave(save, onSave, actor)}
    >
      <Table data-testid="schedule-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th>Runs by itself</Table.Th>
            <Table.Th>Every (minutes)</Table.Th>
            <Table.Th>Late after (minutes)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.job} data-testid={`schedule-${r.job}`}>
              <Table.Td>{JOB_LABEL[r.job]}</Table.Td>
              <Table.Td>
                <Switch
                  checked={Number(r.everyMinutes) > 0}
                  onChange={(e) => set(r.job, { everyMinutes: e.currentTarget.checked ? USUAL_EVERY[r.job] : 0 })}
                  aria-label={`${JOB_LABEL[r.job]} runs by itself`}
                  data-testid={`schedule-${r.job}-on`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  w={120}
                  min={1}
                  disabled={Number(r.everyMinutes) <= 0}
                  value={Number(r.everyMinutes) > 0 ? r.everyMinutes : ''}
                  onChange={(v) => set(r.job, { everyMinutes: v === '' ? 0 : Number(v) })}
                  aria-label={`${JOB_LABEL[r.job]} every (minutes)`}
                  data-testid={`schedule-${r.job}-every`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  w={120}
                  min={1}
                  value={r.staleAfterMinutes}
                  onChange={(v) => set(r.job, { staleAfterMinutes: Number(v) })}
                  aria-label={`${JOB_LABEL[r.job]} late after (minutes)`}
                  data-testid={`schedule-${r.job}-stale`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SettingsSection>
  )
}

export function TolerancesSection({ view, actor }: { view: SettingsView['tolerances']; actor: string }) {
  const api = useApi()
  const save = useSave()
  const [draft, setDraft] = useDraft<{ perLine: number | string; perOrder: number | string }>({ perLine: view.perLineMinor, perOrder: view.perOrderMinor })
  const { perLine, perOrder } = draft
  const setPerLine = (v: number | string) => setDraft((d) => ({ ...d, perLine: v }))
  const setPerOrder = (v: number | string) => setDraft((d) => ({ ...d, perOrder: v }))
  const onSave = () => void save.run(() => api.call('settings.setTolerances', { actor, perLineMinor: Number(perLine), perOrderMinor: Number(perOrder) }))
  return (
    <SettingsSection
      id="tolerances"
      title="Rounding tolerances"
      description="When the ERP's figures differ from Centra's by no more than this, Instep records the difference as rounding instead of raising an exception. In cents (or the currency's smallest unit)."
      save={actorSave(save, onSave, actor)}
    >
      <Group align="start">
        <NumberInput label="Per order line (cents)" w={220} min={0} max={100} allowDecimal={false} value={perLine} onChange={setPerLine} data-testid="tolerance-line" />
        <NumberInput label="Per order (cents)" w={220} min={0} max={10000} allowDecimal={false} value={perOrder} onChange={setPerOrder} data-testid="tolerance-order" />
      </Group>
    </SettingsSection>
  )
}

type Charges = SettingsView['charges']
const LINE_TYPES = [
  { value: 'account', label: 'G/L account line' },
  { value: 'charge', label: 'Item charge line' },
]

export function ChargesSection({ view, actor }: { view: Charges; actor: string }) {
  const api = useApi()
  const save = useSave()
  const [draft, setDraft] = useDraft<Charges>(view)
  const set = (patch: Partial<Charges>) => setDraft((d) => ({ ...d, ...patch }))
  const number = (v: string) => (v.trim() === '' ? null : v.trim())
  const onSave = () => void save.run(() => api.call('settings.setCharges', { actor, ...draft }))
  return (
    <SettingsSection
      id="charges"
      title="Shipping and handling"
      description="The ERP number shipping and handling are booked to. Orders that charge shipping or handling wait while it is empty. An item charge must be assigned to the item lines in the ERP before the order is invoiced."
      save={actorSave(save, onSave, actor)}
    >
      <Group align="end">
        <TextInput label="Shipping booked to" w={200} maxLength={20} value={draft.shippingAccount ?? ''} onChange={(e) => set({ shippingAccount: number(e.currentTarget.value) })} data-testid="charge-shipping-account" />
        <Select label="as" w={200} data={LINE_TYPES} allowDeselect={false} value={draft.shippingLineType} onChange={(v) => v && set({ shippingLineType: v as Charges['shippingLineType'] })} data-testid="charge-shipping-type" />
      </Group>
      <Group align="end">
        <TextInput label="Handling booked to" w={200} maxLength={20} value={draft.handlingAccount ?? ''} onChange={(e) => set({ handlingAccount: number(e.currentTarget.value) })} data-testid="charge-handling-account" />
        <Select label="as" w={200} data={LINE_TYPES} allowDeselect={false} value={draft.handlingLineType} onChange={(v) => v && set({ handlingLineType: v as Charges['handlingLineType'] })} data-testid="charge-handling-type" />
      </Group>
    </SettingsSection>
  )
}

export function TeamsSection({ view, actor }: { view: SettingsView['teams']; actor: string }) {
  const api = useApi()
  const save = useSave()
  const [choice, setChoice] = useDraft<Record<string, Team | null>>(Object.fromEntries(view.map((c) => [c.category, c.team])))
  const onSave = () => void save.run(() => api.call('settings.setTeams', { actor, teams: view.map((c) => ({ category: c.category, team: choice[c.category] ?? null })) }))
  return (
    <SettingsSection
      id="teams"
      title="Who handles which exception"
      description="Each kind of exception goes to the team that usually fixes it. Choose another team here; it applies to exceptions raised from now on. Exceptions already open keep their team unless someone reassigns them."
      save={actorSave(save, onSave, actor)}
    >
      <Table data-testid="teams-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Exception</Table.Th>
            <Table.Th>Usually</Table.Th>
            <Table.Th>Goes to</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.map((c) => (
            <Table.Tr key={c.category} data-testid={`team-${c.category}`}>
              <Table.Td>{c.label}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {c.defaultTeams.map((t) => TEAM_LABEL[t]).join(' or ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  w={200}
                  size="xs"
                  value={choice[c.category] ?? 'default'}
                  onChange={(v) => setChoice((s) => ({ ...s, [c.category]: !v || v === 'default' ? null : (v as Team) }))}
                  data={[{ value: 'default', label: 'As usual' }, ...TEAMS.map((t) => ({ value: t, label: TEAM_LABEL[t] }))]}
                  allowDeselect={false}
                  aria-label={`Team for ${c.label}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SettingsSection>
  )
}
