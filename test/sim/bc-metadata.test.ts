/**
 * The simulator's schema must be the real one: every entity set and property it serves exists
 * in Business Central's captured `$metadata` (BC 26.0) with the same name, EDM type and MaxLength.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBcSimulator, type RunningBcSim } from '../../src/sim/bc'
import { ENTITIES } from '../../src/sim/bc/schema'

const XML = readFileSync(new URL('../../src/sim/bc/metadata.xml', import.meta.url), 'utf8')

interface MetaProp {
  type: string
  maxLength?: number
}

function entityType(name: string): Map<string, MetaProp> | null {
  const m = new RegExp(`<EntityType Name="${name}">([\\s\\S]*?)</EntityType>`).exec(XML)
  if (!m) return null
  const props = new Map<string, MetaProp>()
  for (const p of m[1].matchAll(/<Property Name="([^"]+)" Type="([^"]+)"([^>]*)\/>/g)) {
    const max = /MaxLength="(\d+)"/.exec(p[3])
    props.set(p[1], { type: p[2], maxLength: max ? Number(max[1]) : undefined })
  }
  return props
}

function entitySets(): Map<string, string> {
  const sets = new Map<string, string>()
  for (const m of XML.matchAll(/<EntitySet Name="([^"]+)" EntityType="Microsoft\.NAV\.([^"]+)"/g)) sets.set(m[1], m[2])
  return sets
}

const EDM: Record<string, (t: string) => boolean> = {
  guid: (t) => t === 'Edm.Guid',
  string: (t) => t === 'Edm.String',
  date: (t) => t === 'Edm.Date',
  datetime: (t) => t === 'Edm.DateTimeOffset',
  decimal: (t) => t === 'Edm.Decimal',
  bool: (t) => t === 'Edm.Boolean',
  int: (t) => t === 'Edm.Int32' || t === 'Edm.Int64',
  enum: (t) => t.startsWith('Microsoft.NAV.'),
  stream: (t) => t === 'Edm.Stream',
}

describe('BC simulator schema vs real $metadata', () => {
  const sets = entitySets()

  for (const entity of Object.values(ENTITIES)) {
    it(`${entity.set} is an entity set of type ${entity.type} with the same properties and max lengths`, () => {
      expect(sets.get(entity.set)).toBe(entity.type)
      const props = entityType(entity.type)
      expect(props).not.toBeNull()
      for (const field of entity.fields) {
        const meta = props!.get(field.name)
        expect(meta, `${entity.type}.${field.name} missing in $metadata`).toBeDefined()
        expect(EDM[field.type](meta!.type), `${entity.type}.${field.name}: ${field.type} vs ${meta!.type}`).toBe(true)
        expect(field.maxLength, `${entity.type}.${field.name} MaxLength`).toBe(meta!.maxLength)
      }
      // and nothing the real entity has is forgotten
      expect(entity.fields.map((f) => f.name).sort()).toEqual([...props!.keys()].sort())
    })
  }

  describe('served payloads', () => {
    let sim: RunningBcSim
    let token: string
    beforeAll(async () => {
      sim = await startBcSimulator({ seed: 7 })
      const res = await fetch(sim.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: sim.clientId,
          client_secret: sim.clientSecret,
          scope: 'https://api.businesscentral.dynamics.com/.default',
        }),
      })
      token = ((await res.json()) as { access_token: string }).access_token
    })
    afterAll(() => sim.close())

    const get = async (path: string) => {
      const res = await fetch(`${sim.baseUrl}/companies(${sim.companyId})/${path}`, { headers: { authorization: `Bearer ${token}` } })
      return (await res.json()) as { value: Record<string, unknown>[] }
    }
    const keysOf = (row: Record<string, unknown>, nav: string[] = []) =>
      Object.keys(row).filter((k) => !k.startsWith('@odata') && !nav.includes(k))

    it('every property in every served row exists in $metadata, documents and lines included', async () => {
      const c = `${sim.baseUrl}/companies(${sim.companyId})`
      const post = await fetch(`${c}/salesOrders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          customerNumber: 'WEB-DE',
          externalDocumentNumber: 'META-1',
          salesOrderLines: [{ lineType: 'Item', lineObjectNumber: sim.store.items[0].number, quantity: 1 }],
        }),
      })
      const order = (await post.json()) as { id: string }
      await fetch(`${c}/salesOrders(${order.id})/Microsoft.NAV.shipAndInvoice`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      const checks: [string, string, string[]][] = [
        ['items', 'item', []],
        ['customers', 'customer', []],
        ['currencies', 'currency', []],
        ['locations', 'location', []],
        ['taxGroups', 'taxGroup', []],
        ['salesInvoices?$expand=salesInvoiceLines', 'salesInvoice', ['salesInvoiceLines']],
        ['salesShipments?$expand=salesShipmentLines', 'salesShipment', ['salesShipmentLines']],
      ]
      for (const [path, type, nav] of checks) {
        const rows = (await get(path)).value
        expect(rows.length, path).toBeGreaterThan(0)
        const props = entityType(type)!
        for (const k of keysOf(rows[0], nav)) expect(props.has(k), `${type}.${k}`).toBe(true)
        if (nav[0]) {
          const lineType = nav[0].replace(/s$/, '')
          const lineProps = entityType(lineType)!
          const line = (rows[0][nav[0]] as Record<string, unknown>[])[0]
          for (const k of keysOf(line)) expect(lineProps.has(k), `${lineType}.${k}`).toBe(true)
        }
      }
    })

    it('enforces exactly the MaxLength of $metadata on every writable text field of orders and lines', async () => {
      const c = `${sim.baseUrl}/companies(${sim.companyId})`
      const post = async (body: unknown) => {
        const res = await fetch(`${c}/salesOrders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        return { status: res.status, code: res.status >= 400 ? ((await res.json()) as { error: { code: string } }).error.code : null }
      }
      const cases: [string, (field: string, value: string) => unknown][] = [
        ['salesOrder', (field, value) => ({ customerNumber: 'WEB-SE', [field]: value })],
        ['salesOrderLine', (field, value) => ({ customerNumber: 'WEB-SE', salesOrderLines: [{ lineType: 'Comment', [field]: value }] })],
      ]
      let checked = 0
      for (const [type, body] of cases) {
        const entity = Object.values(ENTITIES).find((e) => e.type === type)!
        for (const [name, meta] of entityType(type)!) {
          const def = entity.fields.find((f) => f.name === name)!
          if (meta.type !== 'Edm.String' || meta.maxLength === undefined || def.readOnly) continue
          const over = await post(body(name, 'X'.repeat(meta.maxLength + 1)))
          expect(over.code, `${type}.${name} over ${meta.maxLength}`).toBe('Application_StringExceededLength')
          const at = await post(body(name, 'X'.repeat(meta.maxLength)))
          expect(at.code, `${type}.${name} at ${meta.maxLength}`).not.toBe('Application_StringExceededLength')
          checked++
        }
      }
      expect(checked).toBe(27) // 22 header + 5 line text fields
    })

    it('serves the real $metadata document', async () => {
      const res = await fetch(`${sim.baseUrl}/$metadata`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<EntitySet Name="salesOrders" EntityType="Microsoft.NAV.salesOrder">')
    })
  })
})
