import { useState, type Dispatch, type SetStateAction } from 'react'

/**
 * A form's working copy of saved settings. It starts from what is saved and starts afresh when
 * the saved values change (after a save, or a change made elsewhere) — without remounting the
 * form, so the section's "Saved" or error message stays visible.
 */
export function useDraft<T>(saved: T): [T, Dispatch<SetStateAction<T>>] {
  const key = JSON.stringify(saved)
  const [draft, setDraft] = useState(saved)
  const [seen, setSeen] = useState(key)
  if (key !== seen) {
    setSeen(key)
    setDraft(saved)
  }
  return [draft, setDraft]
}
