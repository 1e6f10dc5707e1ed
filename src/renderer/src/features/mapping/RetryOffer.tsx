import { Alert, Button, Group, Text } from '@mantine/core'
import { useState } from 'react'
import { useApi } from '../../api'
import { formatCount } from '../../components/format'
import { ACTOR } from './actor'

const orders = (n: number) => `${formatCount(n)} ${n === 1 ? 'order' : 'orders'}`

/**
 * After a mapping fix: how many held-back orders it releases, and a retry of the exceptions it
 * answered (the same retry as on the Exceptions screen) so they go to the ERP now.
 */
export function RetryOffer({ what, ordersToRelease, exceptionIds, onClose }: { what: string; ordersToRelease: number; exceptionIds: number[]; onClose: () => void }) {
  const api = useApi()
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'done'; orders: number } | { kind: 'error'; message: string }>({ kind: 'idle' })
  const retry = async () => {
    setState({ kind: 'busy' })
    try {
      const r = await api.call('exceptions.retry', { ids: exceptionIds, actor: ACTOR })
      setState({ kind: 'done', orders: r.orders })
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) })
    }
  }
  return (
    <Alert color="green" variant="light" withCloseButton onClose={onClose} data-testid="mapping-result" title={what}>
      {ordersToRelease === 0 ? (
        <Text size="sm">No orders were waiting for this.</Text>
      ) : state.kind === 'done' ? (
        <Text size="sm" data-testid="retry-started">
          Sending {orders(state.orders)} to the ERP now. Follow it on the Overview.
        </Text>
      ) : exceptionIds.length === 0 ? (
        <Text size="sm">{orders(ordersToRelease)} can now go to the ERP; they are sent on the next sync.</Text>
      ) : (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" data-testid="retry-offer-text">
            This unblocks {orders(ordersToRelease)}. Send {ordersToRelease === 1 ? 'it' : 'them'} to the ERP now?
          </Text>
          <Button size="xs" onClick={() => void retry()} loading={state.kind === 'busy'} data-testid="retry-offer">
            Retry {orders(ordersToRelease)} now
          </Button>
        </Group>
      )}
      {state.kind === 'error' && (
        <Text size="sm" c="red">
          {state.message}
        </Text>
      )}
    </Alert>
  )
}
