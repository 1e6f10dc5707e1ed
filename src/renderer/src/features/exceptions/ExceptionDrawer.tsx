import { Alert, Badge, Button, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Timeline } from '@mantine/core'
import { useState } from 'react'
import type { ExceptionRow } from '@shared/contract'
import { formatMoney } from '@shared/money'
import { useApi, useQuery } from '../../api'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, formatDateTime, formatRelative, TEAM_LABEL } from '../../components/format'
import { categoryLabel, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_LABEL } from './labels'
import { OrderTraceLink } from '../../components/traceLink'

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  )
}

const FIELD_WORDS: Record<string, string> = {
  total: 'Order total',
  tax: 'Order tax',
  line_amount: 'Line amount',
  line_tax: 'Line tax',
  line_count: 'Number of lines',
}

const POSTING_WORDS: Record<string, string> = {
  planned: 'Waiting to be posted',
  sending: 'Being posted',
  posted: 'Posted',
  failed: 'Posting failed',
  blocked: 'Held back',
  needs_review: 'Needs review',
}

type Pending = 'ignore' | 'reopen' | 'assign' | null

/** The actions a person can take on one exception; reasons are required where the history needs one. */
function Actions({ ex, actor }: { ex: ExceptionRow; actor: string }) {
  const api = useApi()
  const [pending, setPending] = useState<Pending>(null)
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const live = ex.status === 'open' || ex.status === 'acknowledged'
  const run = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await fn()
      setResult({ ok: true, text: label })
      setPending(null)
      setText('')
    } catch (e) {
      setResult({ ok: false, text: `That did not work: ${e instanceof Error ? e.message : String(e)}` })
    } finally {
      setBusy(false)
    }
  }
  if (!actor) {
    return (
      <Text size="sm" c="dimmed" data-testid="drawer-needs-name">
        Enter your name at the top of the Exceptions screen to act on this exception.
      </Text>
    )
  }
  const ids = [ex.id]
  return (
    <Stack gap="xs" data-testid="exception-actions">
      <Group gap={6}>
        {ex.status === 'open' && (
          <Button size="xs" loading={busy} data-testid="action-acknowledge" onClick={() => void run('Marked as someone is on it.', () => api.call('exceptions.acknowledge', { ids, actor }))}>
            I am on it
          </Button>
        )}
        {live && (
          <Button size="xs" variant="light" color="teal" loading={busy} data-testid="action-resolve" onClick={() => void run('Resolved.', () => api.call('exceptions.resolve', { ids, actor }))}>
            Resolve
          </Button>
        )}
        {live && (
          <Button size="xs" variant="light" color="gray" data-testid="action-ignore" onClick={() => setPending('ignore')}>
            Ignore…
          </Button>
        )}
        {!live && (
          <Button size="xs" variant="light" data-testid="action-reopen" onClick={() => setPending('reopen')}>
            Reopen…
          </Button>
        )}
        <Button size="xs" variant="default" data-testid="action-assign" onClick={() => (setText(ex.assignee ?? ''), setPending('assign'))}>
          Assign…
        </Button>
        {live && (
          <Button
            size="xs"
            variant="default"
            loading={busy}
            data-testid="action-retry"
            onClick={() =>
              void run('Retry started for the orders it holds back.', async () => {
                const r = await api.call('exceptions.retry', { ids, actor })
                if (r.runId === null) throw new Error('no orders are waiting on this exception, so there is nothing to retry')
              })
            }
          >
            Retry after a fix
          </Button>
        )}
      </Group>
      {pending && (
        <Group align="flex-end" gap="xs">
          {pending === 'assign' ? (
            <TextInput label="Assign to" value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="action-assignee" w={240} />
          ) : (
            <Textarea
              label={pending === 'ignore' ? 'Why ignore it? (kept in the history)' : 'Why reopen it?'}
              required
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="action-reason"
              w={320}
            />
          )}
          <Button
            size="sm"
            loading={busy}
            disabled={pending === 'assign' ? false : text.trim().length < 3}
            data-testid="action-confirm"
            onClick={() =>
              void (pending === 'ignore'
                ? run('Ignored.', () => api.call('exceptions.ignore', { ids, actor, reason: text.trim() }))
                : pending === 'reopen'
                  ? run('Reopened.', () => api.call('exceptions.reopen', { ids, actor, reason: text.trim() }))
                  : run(text.trim() ? `Assigned to ${text.trim()}.` : 'Unassigned.', () => api.call('exceptions.assign', { ids, actor, assignee: text.trim() || null })))
            }
          >
            {pending === 'ignore' ? 'Ignore' : pending === 'reopen' ? 'Reopen' : 'Assign'}
          </Button>
          <Button size="sm" variant="subtle" onClick={() => setPending(null)}>
            Cancel
          </Button>
        </Group>
      )}
      <Group align="flex-end" gap="xs">
        <Textarea label="Add a note" value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="note-input" w={360} />
        <Button
          size="sm"
          variant="light"
          disabled={!note.trim()}
          loading={busy}
          data-testid="note-add"
          onClick={() => void run('Note added.', async () => (await api.call('exceptions.addNote', { id: ex.id, actor, note: note.trim() }), setNote('')))}
        >
          Add note
        </Button>
      </Group>
      {result && (
        <Alert color={result.ok ? 'teal' : 'red'} p="xs" data-testid="action-result">
          {result.text}
        </Alert>
      )}
    </Stack>
  )
}

/** Detail of one exception: what happened, to what, and its history from `exceptions.get`. */
export function ExceptionDrawer({ row, onClose, actor = '' }: { row: ExceptionRow | null; onClose: () => void; actor?: string }) {
  const detail = useQuery('exceptions.get', { id: row?.id ?? 1 }, { enabled: row !== null, refreshOn: ['exceptions'] })
  const current = detail.data && row && detail.data.exception.id === row.id ? detail.data : undefined
  const ex = current?.exception ?? row
  return (
    <Drawer opened={row !== null} onClose={onClose} position="right" size="lg" title={ex?.title ?? ''} data-testid="exception-drawer">
      {ex && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color={SEVERITY_COLOR[ex.severity]} variant="light">
              {SEVERITY_LABEL[ex.severity]} severity
            </Badge>
            <Badge variant="outline">{STATUS_LABEL[ex.status]}</Badge>
            <Badge variant="default">{TEAM_LABEL[ex.team]}</Badge>
          </Group>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="exception-detail">
            {ex.detail}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label="About">
              {ex.objectType} {ex.objectType === 'order' && /^\d+$/.test(ex.objectRef) ? <OrderTraceLink orderNumber={Number(ex.objectRef)} /> : ex.objectRef}
            </Fact>
            <Fact label="Kind of problem">{categoryLabel(ex.category)}</Fact>
            <Fact label="First seen">{formatDateTime(ex.firstSeenAt)}</Fact>
            <Fact label="Last seen">
              {formatDateTime(ex.lastSeenAt)} ({formatRelative(ex.lastSeenAt)})
            </Fact>
            <Fact label="Times seen">{formatCount(ex.occurrences)}</Fact>
            <Fact label="Assigned to">{ex.assignee ?? 'Nobody yet'}</Fact>
          </SimpleGrid>
          {ex.statusReason && <Fact label="Reason">{ex.statusReason}</Fact>}
          <Divider label="What you can do" labelPosition="left" />
          <Actions key={ex.id} ex={ex} actor={actor} />
          {detail.loading && <Loader size="sm" aria-label="Loading history" />}
          {detail.error && <ErrorNote error={detail.error} onRetry={detail.refetch} title="The history could not be loaded" />}
          {current && current.affectedOrders.length > 0 && (
            <>
              <Divider label="Orders held back: Centra side and where they stand in the ERP" labelPosition="left" />
              <Table verticalSpacing={4} data-testid="affected-orders">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Order</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th ta="right">Centra total</Table.Th>
                    <Table.Th>In the ERP</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {current.affectedOrders.map((o) => (
                    <Table.Tr key={o.centraId}>
                      <Table.Td>{o.number}</Table.Td>
                      <Table.Td>{formatDateTime(o.orderDate)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(o.grandTotalMinor, o.currency)}</Table.Td>
                      <Table.Td>{POSTING_WORDS[o.postingState ?? ''] ?? 'Not posted yet'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {current && current.variances.length > 0 && (
            <>
              <Divider label="Centra and the ERP side by side" labelPosition="left" />
              <Table verticalSpacing={4} data-testid="exception-variances">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Figure</Table.Th>
                    <Table.Th ta="right">Centra</Table.Th>
                    <Table.Th ta="right">ERP</Table.Th>
                    <Table.Th ta="right">Difference</Table.Th>
                    <Table.Th>Why</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {current.variances.map((v, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        {FIELD_WORDS[v.field] ?? v.field}
                        {v.lineRef ? ` (line ${v.lineRef})` : ''}
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(v.centraMinor, v.currency)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(v.erpMinor, v.currency)}</Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" c={v.kind === 'mismatch' ? 'red' : 'dimmed'}>
                          {formatMoney(v.diffMinor, v.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{v.kind === 'rounding' ? `Rounding: ${v.explanation}` : v.explanation}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {current && current.events.length > 0 && (
            <>
              <Divider label="History" labelPosition="left" />
              <Timeline bulletSize={12} lineWidth={2}>
                {current.events.map((e) => (
                  <Timeline.Item key={e.id} title={e.toStatus ? `${STATUS_LABEL[e.toStatus]}` : categoryLabel(e.kind)}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at)} · {e.actor}
                    </Text>
                    {e.note && <Text size="sm">{e.note}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  )
}
