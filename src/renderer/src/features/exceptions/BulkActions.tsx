import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { BulkAction } from '@shared/contract'
import { formatCount } from '../../components/format'

export const ACTION_LABEL: Record<BulkAction, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  ignore: 'Ignore',
  reopen: 'Reopen',
  assign: 'Assign',
}

/** Confirms one action on a number of exceptions, asking for the reason or assignee it needs. */
export function BulkConfirm({
  action,
  count,
  onCancel,
  onConfirm,
  busy,
}: {
  action: BulkAction | null
  count: number
  onCancel: () => void
  onConfirm: (args: { note?: string; assignee?: string | null }) => void
  busy: boolean
}) {
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState('')
  const needsReason = action === 'ignore' || action === 'reopen'
  const ok = action !== null && (!needsReason || note.trim().length >= 3) && (action !== 'assign' || assignee.trim().length > 0)
  return (
    <Modal opened={action !== null} onClose={onCancel} title={action ? `${ACTION_LABEL[action]} ${formatCount(count)} exception${count === 1 ? '' : 's'}?` : ''}>
      <Stack gap="sm" data-testid="bulk-confirm">
        <Text size="sm" data-testid="bulk-count">
          This applies to {formatCount(count)} exception{count === 1 ? '' : 's'}. Those it does not fit (for example already resolved) are
          left as they are.
        </Text>
        {needsReason && (
          <Textarea
            label="Reason (kept in the history)"
            required
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="bulk-reason"
            placeholder="e.g. test orders, never to be posted"
          />
        )}
        {action === 'assign' && (
          <TextInput label="Assign to" required value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} data-testid="bulk-assignee" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            disabled={!ok}
            loading={busy}
            data-testid="bulk-confirm-button"
            onClick={() => onConfirm({ note: note.trim() || undefined, assignee: action === 'assign' ? assignee.trim() : undefined })}
          >
            {action ? ACTION_LABEL[action] : ''} {formatCount(count)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function BulkActionButtons({ onPick, disabled }: { onPick: (a: BulkAction) => void; disabled: boolean }) {
  return (
    <Group gap={6}>
      {(Object.keys(ACTION_LABEL) as BulkAction[]).map((a) => (
        <Button key={a} size="xs" variant="light" disabled={disabled} onClick={() => onPick(a)} data-testid={`bulk-${a}`}>
          {ACTION_LABEL[a]}…
        </Button>
      ))}
    </Group>
  )
}
