import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { StockPush } from '@shared/contract/inventory'
import { useApi, useQuery } from '../../api'
import { HeldPushSizes } from './HeldPushSizes'

/** Pushes held by a guardrail: approve (sent on the next stock run) or discard with a reason. */
export function HeldPushes() {
  const api = useApi()
  const held = useQuery('inventory.pushes', { state: 'held', limit: 20 })
  const [discarding, setDiscarding] = useState<number | null>(null)
  const [showing, setShowing] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      setDiscarding(null)
      setReason('')
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  const rows: StockPush[] = held.data ?? []
  if (rows.length === 0) return <Text c="dimmed" data-testid="held-none">No stock push is waiting for review.</Text>
  return (
    <Stack gap="xs" data-testid="held-pushes">
      {error && <Alert color="red">{error}</Alert>}
      {rows.map((p) => (
        <Alert key={p.id} color="orange" title={`Push ${p.id}: ${p.sizesChanged} of ${p.sizesTotal} sizes, ${p.toZero} to zero`} data-testid={`held-${p.id}`}>
          <Text size="sm">{p.reason}</Text>
          {discarding === p.id ? (
            <Group mt="xs">
              <TextInput aria-label="Reason" placeholder="Why discard it?" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <Button color="red" disabled={reason.trim() === ''} onClick={() => act(() => api.call('inventory.discardPush', { pushId: p.id, reason: reason.trim() }))}>
                Discard push
              </Button>
              <Button variant="default" onClick={() => setDiscarding(null)}>
                Keep
              </Button>
            </Group>
          ) : (
            <Group mt="xs">
              <Button onClick={() => act(() => api.call('inventory.approvePush', { pushId: p.id }))}>Approve</Button>
              <Button variant="default" onClick={() => setDiscarding(p.id)}>
                Discard…
              </Button>
              <Button variant="subtle" onClick={() => setShowing(showing === p.id ? null : p.id)}>
                {showing === p.id ? 'Hide sizes' : 'Show sizes'}
              </Button>
            </Group>
          )}
          {showing === p.id && <HeldPushSizes pushId={p.id} sizesChanged={p.sizesChanged} />}
        </Alert>
      ))}
    </Stack>
  )
}
