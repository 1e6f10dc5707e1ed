import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { UpdateBanner } from '../../src/renderer/src/components/UpdateBanner'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

describe('Update banner', () => {
  it('shows nothing while Instep is up to date', async () => {
    const fake = createFakeTransport({ 'updates.status': () => ({ state: 'idle', message: 'Instep is up to date (version 0.1.0).', checkedAt: null }) })
    renderWithApi(<UpdateBanner />, fake)
    await waitFor(() => expect(fake.callsOf('updates.status')).toHaveLength(1))
    expect(screen.queryByTestId('update-banner')).toBeNull()
  })

  it('offers a new version, shows the download, then restarts only when asked', async () => {
    const fake = createFakeTransport({
      'updates.status': () => ({ state: 'available', version: '0.2.0', releaseNotes: 'Faster month-end.' }),
      'updates.download': () => ({ state: 'downloading', version: '0.2.0', percent: 0, transferredBytes: 0, totalBytes: 1000 }),
      'updates.restart': () => ({ state: 'ready', version: '0.2.0', releaseNotes: null, restartPending: true, message: 'The update is ready. Instep will restart to install it when the sync that is running now finishes.' }),
    })
    renderWithApi(<UpdateBanner />, fake)
    await screen.findByText('Instep 0.2.0 is available.')
    fireEvent.click(screen.getByTestId('update-download'))
    await screen.findByTestId('update-progress')
    act(() => fake.emit('updates.state', { state: 'downloading', version: '0.2.0', percent: 60, transferredBytes: 600, totalBytes: 1000 }))
    expect(screen.getByTestId('update-progress').querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('60')
    act(() => fake.emit('updates.state', { state: 'ready', version: '0.2.0', releaseNotes: null, restartPending: false, message: null }))
    expect(fake.callsOf('updates.restart')).toHaveLength(0) // never restarts by itself
    fireEvent.click(screen.getByTestId('update-restart'))
    await screen.findByText(/when the sync that is running now finishes/)
    expect(fake.callsOf('updates.restart')).toHaveLength(1)
  })
})
