import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ExportExceptions } from '../../src/renderer/src/features/exceptions/ExportExceptions'
import { createFakeTransport } from './fake-transport'
import { renderWithApi } from './render'

describe('exporting the exceptions view', () => {
  it('saves the rows the filters match into the chosen folder and says where', async () => {
    const fake = createFakeTransport({
      'system.info': () => ({ appVersion: '0.1.0', workspaceName: 'W', workspaceDir: '/w', demo: false, mode: 'browser', schemaVersion: 15, erpKind: 'business-central' }),
      'exceptions.exportCsv': ({ directory }) => ({ file: `${directory}/exceptions-2026-11-27.csv`, rows: 1234 }),
    })
    const filter = { status: ['open' as const], team: ['finance' as const], market: ['Sweden'] }
    renderWithApi(<ExportExceptions filter={filter} total={1234} />, fake)
    fireEvent.click(screen.getByTestId('exceptions-export'))
    await waitFor(() => expect((screen.getByTestId('exceptions-export-dir') as HTMLInputElement).value).toBe('/w/exports'))
    fireEvent.change(screen.getByTestId('exceptions-export-dir'), { target: { value: '/home/eva/month' } })
    expect(screen.getByTestId('exceptions-export-run').textContent).toBe('Save 1,234 matching exceptions')
    fireEvent.click(screen.getByTestId('exceptions-export-run'))
    expect((await screen.findByTestId('exceptions-export-result')).textContent).toBe('Saved 1,234 rows to /home/eva/month/exceptions-2026-11-27.csv')
    expect(fake.callsOf('exceptions.exportCsv')).toEqual([{ filter, directory: '/home/eva/month' }])
  })
})
