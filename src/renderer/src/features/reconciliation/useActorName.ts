import { useCallback, useState } from 'react'

/** The same "Your name" the exceptions screen keeps on this computer, so decisions carry one name. */
const KEY = 'instep.actorName'

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

export function useActorName(): [string, (name: string) => void] {
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
