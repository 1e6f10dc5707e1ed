import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { NavigationContext } from '../../src/renderer/src/app/navigation'
import { OrderTraceLink, takeTraceNumber } from '../../src/renderer/src/components/traceLink'
import { TracePage } from '../../src/renderer/src/features/trace/TracePage'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

describe('order number → its trace', () => {
  it('opens the Order trace on the clicked order, once', async () => {
    const navigate = vi.fn()
    const fake = createFakeTransport({ 'trace.getOrder': () => null })
    const first = renderWithApi(
      <NavigationContext.Provider value={navigate}>
        <OrderTraceLink orderNumber={1097} />
      </NavigationContext.Provider>,
      fake,
    )
    fireEvent.click(screen.getByTestId('order-trace-link'))
    expect(navigate).toHaveBeenCalledWith('trace')
    first.unmount()

    renderWithApi(<TracePage />, fake)
    await waitFor(() => expect(fake.callsOf('trace.getOrder')).toEqual([{ number: 1097 }]))
    expect((screen.getByTestId('trace-search') as HTMLInputElement).value).toBe('1097')
    expect(await screen.findByText(/Instep has no Centra order 1097/)).toBeTruthy()
    // taken: coming back by the menu starts empty
    expect(takeTraceNumber()).toBeNull()
  })
})
