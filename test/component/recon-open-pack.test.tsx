import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { OpenPackSection } from '../../src/renderer/src/features/reconciliation/OpenPackSection'
import { createFakeTransport, FakeError } from './fake-transport'
import { renderWithApi } from './render'

describe('opening an exported evidence pack', () => {
  it('shows each view of the pack in its own tab, read-only, and says when only the first rows are shown', async () => {
    const fake = createFakeTransport({
      'reconciliation.openPack': ({ path }) => ({
        path,
        sheets: [
          { name: 'Summary', columns: ['Item', 'Value'], rows: [['Period', '2026-10'], ['Status', 'Signed off']], totalRows: 2 },
          { name: 'Variances', columns: ['Cause', 'Order'], rows: [['Missing in the ERP', 1042]], totalRows: 350 },
        ],
      }),
    })
    renderWithApi(<OpenPackSection />, fake)
    fireEvent.change(screen.getByTestId('recon-pack-path'), { target: { value: '/x/month-end-2026-10.xlsx' } })
    fireEvent.click(screen.getByTestId('recon-pack-open'))
    const tabs = await screen.findAllByTestId('recon-pack-tab')
    expect(tabs.map((t) => t.textContent)).toEqual(['Summary', 'Variances'])
    expect(fake.callsOf('reconciliation.openPack')).toEqual([{ path: '/x/month-end-2026-10.xlsx', maxRows: 200 }])
    expect(within(screen.getByTestId('recon-pack-table')).getByText('Signed off')).toBeTruthy()
    expect(screen.getByText('Read-only')).toBeTruthy()
    fireEvent.click(tabs[1])
    expect(await screen.findByText('Missing in the ERP')).toBeTruthy()
    expect(screen.getByText(/Showing the first 1 of 350 rows/)).toBeTruthy()
  })

  it('says why a file could not be opened', async () => {
    const fake = createFakeTransport({
      'reconciliation.openPack': () => {
        throw new FakeError({ code: 'not_found', message: 'There is no file at /x/nothing.xlsx.', retryable: false })
      },
    })
    renderWithApi(<OpenPackSection />, fake)
    fireEvent.change(screen.getByTestId('recon-pack-path'), { target: { value: '/x/nothing.xlsx' } })
    fireEvent.click(screen.getByTestId('recon-pack-open'))
    expect((await screen.findByTestId('recon-pack-error')).textContent).toBe('There is no file at /x/nothing.xlsx.')
  })
})
