import { parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { ALL_DOCUMENTS } from '../../src/main/core/sync/connectors/centra/documents'
import { centraSchema } from '../../src/sim/centra'

describe('Centra GraphQL documents', () => {
  it.each(Object.entries(ALL_DOCUMENTS))('%s validates against the simulator schema', (_name, document) => {
    const errors = validate(centraSchema(), parse(document))
    expect(errors.map((e) => e.message)).toEqual([])
  })
})
