import { useCallback, useState } from 'react'

const KEY = 'instep.actorName'

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

/**
 * "Your name", kept on this computer and recorded against every change a person makes
 * (exceptions, month-end decisions), so the history says who did what. The value is kept as
 * typed (a field can be edited keystroke by keystroke) and handed out trimmed.
 */
export function useActor(): [string, (name: string) => void] {
  const [name, setName] = useState(read)
  const save = useCallback((next: string) => {
    try {
      localStorage.setItem(KEY, next.trim())
    } catch {
      // private mode: keep it for this session only
    }
    setName(next)
  }, [])
  return [name.trim(), save]
}
