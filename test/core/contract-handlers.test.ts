import { describe, expect, it } from 'vitest'
import { contract, METHOD_NAMES } from '../../src/shared/contract'
import { domainHandlers, handlers } from '../../src/main/core/domains'

describe('contract and handlers', () => {
  it('gives every contract method exactly one handler, across all domains', () => {
    const declared = domainHandlers.flatMap((d) => Object.keys(d))
    const duplicates = declared.filter((name, i) => declared.indexOf(name) !== i)
    expect(duplicates).toEqual([])
    expect([...declared].sort()).toEqual([...METHOD_NAMES].sort())
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort())
  })

  it('names methods area.verbNoun and declares mutations explicitly', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]+$/)
      expect(typeof spec.mutates).toBe('boolean')
    }
  })
})
