import { createContext, useContext } from 'react'

/** Lets a screen send the user to another one (e.g. from a count to the list behind it). */
export const NavigationContext = createContext<(routeId: string) => void>(() => {})

export function useNavigate(): (routeId: string) => void {
  return useContext(NavigationContext)
}
