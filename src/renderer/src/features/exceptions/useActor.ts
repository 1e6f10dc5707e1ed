import { useCallback, useState } from 'react'

const KEY = 'instep.actorName'

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

/** "Your name", asked once and kept on this computer, recorded against every change in the history. */
export function useActor(): [string, (name: string) => void] {
  const [name, setName] = useState(read)
  const save = useCallback((next: string) => {
    const v = next.trim()
    try {
      localStorage.setItem(KEY, v)
    } catch {
      // private mode: keep it for this session only
    }
    setName(v)
  }, [])
  return [name, save]
}
