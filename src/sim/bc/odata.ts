/**
 * The OData query subset BC clients use: $filter (comparisons joined by and/or, OR only on one
 * field as BC insists, startswith/endswith/contains), $select, $orderby, $top, $skip and
 * server-driven paging with `$skiptoken`.
 */
import { badRequest } from './errors'

type Row = Record<string, unknown>
type Literal = string | number | boolean | null

type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'cmp'; cmp: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; field: string; value: Literal }
  | { op: 'fn'; fn: 'startswith' | 'endswith' | 'contains'; field: string; value: string }

const TOKEN = /\s*(\(|\)|,|'(?:[^']|'')*'|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z_][\w.]*|-?\d[\w.:+-]*)/y

function tokenize(text: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let pos = 0
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(text)
    if (!m) throw badRequest('BadRequest', `Syntax error at position ${pos} in '${text}'`)
    tokens.push(m[1])
    pos = TOKEN.lastIndex
  }
  return tokens
}

export function parseFilter(text: string): Expr {
  const tokens = tokenize(text)
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const expect = (t: string) => {
    if (next() !== t) throw badRequest('BadRequest', `Syntax error in filter '${text}': expected '${t}'`)
  }
  const literal = (tok: string | undefined): Literal => {
    if (tok === undefined) throw badRequest('BadRequest', `Syntax error in filter '${text}'`)
    if (tok.startsWith("'")) return tok.slice(1, -1).replace(/''/g, "'")
    if (tok === 'true') return true
    if (tok === 'false') return false
    if (tok === 'null') return null
    // GUIDs, dates and datetimes are bare in OData URLs; they compare as their text.
    if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok)
    return tok
  }
  const primary = (): Expr => {
    if (peek() === '(') {
      next()
      const e = orExpr()
      expect(')')
      return e
    }
    const head = next()
    if (head === 'startswith' || head === 'endswith' || head === 'contains') {
      expect('(')
      const field = next()
      expect(',')
      const value = literal(next())
      expect(')')
      return { op: 'fn', fn: head, field, value: String(value) }
    }
    const cmp = next()
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(cmp)) {
      throw badRequest('BadRequest', `Syntax error in filter '${text}': unsupported operator '${cmp}'`)
    }
    return { op: 'cmp', cmp: cmp as 'eq', field: head, value: literal(next()) }
  }
  const andExpr = (): Expr => {
    let left = primary()
    while (peek() === 'and') {
      next()
      left = { op: 'and', left, right: primary() }
    }
    return left
  }
  const orExpr = (): Expr => {
    let left = andExpr()
    while (peek() === 'or') {
      next()
      left = { op: 'or', left, right: andExpr() }
    }
    return left
  }
  const e = orExpr()
  if (i < tokens.length) throw badRequest('BadRequest', `Syntax error in filter '${text}' near '${tokens[i]}'`)
  checkOrFields(e)
  return e
}

function fieldsOf(e: Expr): Set<string> {
  switch (e.op) {
    case 'and':
    case 'or':
      return new Set([...fieldsOf(e.left), ...fieldsOf(e.right)])
    default:
      return new Set([e.field])
  }
}

function checkOrFields(e: Expr): void {
  if (e.op === 'or' && fieldsOf(e).size > 1) {
    throw badRequest('BadRequest', "The 'OR' operator is not supported on distinct fields on an OData filter")
  }
  if (e.op === 'and' || e.op === 'or') {
    checkOrFields(e.left)
    checkOrFields(e.right)
  }
}

/** `field eq literal` terms every matching row must satisfy (those joined by AND at the top). */
export function equalityConstraints(text: string): [string, Literal][] {
  const out: [string, Literal][] = []
  const walk = (e: Expr) => {
    if (e.op === 'and') {
      walk(e.left)
      walk(e.right)
    } else if (e.op === 'cmp' && e.cmp === 'eq') {
      out.push([e.field, e.value])
    }
  }
  walk(parseFilter(text))
  return out
}

function compare(a: unknown, b: Literal): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a ?? '')
  const y = String(b ?? '')
  return x < y ? -1 : x > y ? 1 : 0
}

export function matches(row: Row, e: Expr): boolean {
  switch (e.op) {
    case 'and':
      return matches(row, e.left) && matches(row, e.right)
    case 'or':
      return matches(row, e.left) || matches(row, e.right)
    case 'fn': {
      const v = String(row[e.field] ?? '').toLowerCase()
      const t = e.value.toLowerCase()
      return e.fn === 'startswith' ? v.startsWith(t) : e.fn === 'endswith' ? v.endsWith(t) : v.includes(t)
    }
    case 'cmp': {
      if (!(e.field in row)) throw badRequest('BadRequest', `Could not find a property named '${e.field}'`)
      const v = row[e.field]
      // String equality in BC filters is case-insensitive for Code fields; keep it exact otherwise.
      const c = typeof v === 'string' && typeof e.value === 'string' && /^[0-9a-f-]{36}$/i.test(v)
        ? compare(v.toLowerCase(), e.value.toLowerCase())
        : compare(v, e.value)
      return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[e.cmp]
    }
  }
}

export interface QueryOptions {
  filter?: string
  select?: string[]
  orderby?: { field: string; desc: boolean }
  top?: number
  skip?: number
  skiptoken?: string
  expand: string[]
}

export function parseQuery(params: URLSearchParams): QueryOptions {
  const top = params.get('$top')
  const skip = params.get('$skip')
  const orderby = params.get('$orderby')
  const select = params.get('$select')
  const expand = params.get('$expand')
  const skiptoken = params.get('$skiptoken')
  const int = (name: string, v: string) => {
    if (!/^\d+$/.test(v)) throw badRequest('BadRequest', `Invalid value '${v}' for ${name}`)
    return Number(v)
  }
  return {
    filter: params.get('$filter') ?? undefined,
    select: select ? select.split(',').map((s) => s.trim()) : undefined,
    orderby: orderby ? { field: orderby.trim().split(/\s+/)[0], desc: /\sdesc$/i.test(orderby.trim()) } : undefined,
    top: top !== null ? int('$top', top) : undefined,
    skip: skip !== null ? int('$skip', skip) : undefined,
    skiptoken: skiptoken ? skiptoken.replace(/^'|'$/g, '') : undefined,
    expand: expand ? expand.split(',').map((s) => s.trim().split('(')[0]) : [],
  }
}

/**
 * Filters, sorts and pages rows. Server-driven paging: the skiptoken is the id of the last row
 * served, as BC's `$skiptoken='<key>'` is the last key; `$top` never produces a nextLink.
 */
export function applyQuery(rows: Row[], q: QueryOptions, pageSize: number): { page: Row[]; nextSkiptoken: string | null } {
  let out = rows
  if (q.filter) {
    const e = parseFilter(q.filter)
    out = out.filter((r) => matches(r, e))
  }
  if (q.orderby) {
    const { field, desc } = q.orderby
    out = [...out].sort((a, b) => compare(a[field], b[field] as Literal) * (desc ? -1 : 1))
  }
  if (q.skiptoken) {
    const at = out.findIndex((r) => r.id === q.skiptoken)
    out = at >= 0 ? out.slice(at + 1) : []
  }
  if (q.skip) out = out.slice(q.skip)
  if (q.top !== undefined) return { page: out.slice(0, q.top), nextSkiptoken: null }
  if (out.length > pageSize) {
    const page = out.slice(0, pageSize)
    return { page, nextSkiptoken: String(page[page.length - 1].id) }
  }
  return { page: out, nextSkiptoken: null }
}

export function selectFields(row: Row, select: string[] | undefined, keep: string[]): Row {
  if (!select) return row
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) if (k.startsWith('@odata') || select.includes(k) || keep.includes(k)) out[k] = v
  return out
}
