/**
 * "Show me this order's whole path": any screen that lists an order number can open the Order
 * trace on it. Like exceptionsLink, the number waits here until the trace screen takes it.
 */
import { Anchor } from '@mantine/core'
import { useNavigate } from '../app/navigation'

let pending: number | null = null

function openTraceFor(orderNumber: number, navigate: (routeId: string) => void): void {
  pending = orderNumber
  navigate('trace')
}

/** The order another screen asked for, once; null when the user came by the menu. */
export function takeTraceNumber(): number | null {
  const n = pending
  pending = null
  return n
}

/** An order number that opens its trace. */
export function OrderTraceLink({ orderNumber }: { orderNumber: number }) {
  const navigate = useNavigate()
  return (
    <Anchor component="button" type="button" size="sm" onClick={() => openTraceFor(orderNumber, navigate)} title={`Trace order ${orderNumber}`} data-testid="order-trace-link">
      {orderNumber}
    </Anchor>
  )
}
