import type { Db } from '../open'

export type FulfilmentState = 'planned' | 'creating' | 'created' | 'completed' | 'done' | 'failed' | 'unmatched'

export interface FulfilmentLine {
  lineId: number
  quantity: number
}

export interface Fulfilment {
  id: number
  source: 'erp' | 'file'
  sourceRef: string
  sourceNumber: string
  externalDocumentNumber: string
  centraOrderId: string | null
  orderNumber: number | null
  lines: FulfilmentLine[]
  carrier: string | null
  trackingNumber: string | null
  shippedAt: string | null
  state: FulfilmentState
  centraShipmentId: number | null
  attempts: number
  lastError: string | null
}

interface Row {
  id: number
  source: 'erp' | 'file'
  source_ref: string
  source_number: string
  external_document_number: string
  centra_order_id: string | null
  order_number: number | null
  lines_json: string
  carrier: string | null
  tracking_number: string | null
  shipped_at: string | null
  state: FulfilmentState
  centra_shipment_id: number | null
  attempts: number
  last_error: string | null
}

const toFulfilment = (r: Row): Fulfilment => ({
  id: r.id,
  source: r.source,
  sourceRef: r.source_ref,
  sourceNumber: r.source_number,
  externalDocumentNumber: r.external_document_number,
  centraOrderId: r.centra_order_id,
  orderNumber: r.order_number,
  lines: JSON.parse(r.lines_json) as FulfilmentLine[],
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  shippedAt: r.shipped_at,
  state: r.state,
  centraShipmentId: r.centra_shipment_id,
  attempts: r.attempts,
  lastError: r.last_error,
})

export function createFulfilmentsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO fulfilments (source, source_ref, source_number, external_document_number, centra_order_id, order_number,
      lines_json, carrier, tracking_number, shipped_at, state, last_error, created_at, updated_at)
    VALUES (@source, @sourceRef, @sourceNumber, @externalDocumentNumber, @centraOrderId, @orderNumber, @linesJson,
      @carrier, @trackingNumber, @shippedAt, @state, @lastError, @at, @at)
    ON CONFLICT (source, source_ref) DO NOTHING`)
  const pending = db.prepare("SELECT * FROM fulfilments WHERE state IN ('planned','creating','created','completed','failed') ORDER BY id")
  const byId = db.prepare('SELECT * FROM fulfilments WHERE id = ?')
  const shippedQty = db.prepare("SELECT lines_json FROM fulfilments WHERE centra_order_id = ? AND state != 'unmatched'")
  const advance = db.prepare('UPDATE fulfilments SET state = ?, updated_at = ?, last_error = NULL WHERE id = ?')
  const linkShipment = db.prepare("UPDATE fulfilments SET state = 'created', centra_shipment_id = ?, updated_at = ?, last_error = NULL WHERE id = ?")
  const begin = db.prepare("UPDATE fulfilments SET state = 'creating', attempts = attempts + 1, updated_at = ? WHERE id = ?")
  const fail = db.prepare("UPDATE fulfilments SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?")
  const linked = db.prepare('SELECT centra_shipment_id FROM fulfilments WHERE centra_order_id = ? AND centra_shipment_id IS NOT NULL')
  const byOrder = db.prepare('SELECT * FROM fulfilments WHERE centra_order_id = ? ORDER BY id')

  const awaitingWhere = `FROM centra_orders o JOIN postings p ON p.centra_order_id = o.centra_id
    WHERE p.state = 'posted' AND o.status IN ('CONFIRMED','PROCESSING')
      AND NOT EXISTS (SELECT 1 FROM fulfilments f WHERE f.centra_order_id = o.centra_id AND f.state = 'done')`
  const awaiting = db.prepare(`SELECT o.number, o.order_date AS orderDate, o.status AS centraStatus, p.remote_number AS erpNumber,
      p.posted_at AS postedAt ${awaitingWhere} ORDER BY o.order_date LIMIT ? OFFSET ?`)
  const awaitingCount = db.prepare(`SELECT COUNT(*) AS n ${awaitingWhere}`)

  return {
    /** Orders in the ERP that Centra still expects to ship, oldest first. */
    awaiting(limit: number, offset: number): { rows: { number: number; orderDate: string; centraStatus: string; erpNumber: string | null; postedAt: string | null }[]; total: number } {
      return { rows: awaiting.all(limit, offset) as never, total: (awaitingCount.get() as { n: number }).n }
    },
    /** Records a source shipment once; a replay of the same shipment is ignored. */
    add(f: Omit<Fulfilment, 'id' | 'attempts' | 'centraShipmentId'>, at: string): boolean {
      return (
        insert.run({
          source: f.source,
          sourceRef: f.sourceRef,
          sourceNumber: f.sourceNumber,
          externalDocumentNumber: f.externalDocumentNumber,
          centraOrderId: f.centraOrderId,
          orderNumber: f.orderNumber,
          linesJson: JSON.stringify(f.lines),
          carrier: f.carrier,
          trackingNumber: f.trackingNumber,
          shippedAt: f.shippedAt,
          state: f.state,
          lastError: f.lastError,
          at,
        }).changes > 0
      )
    },
    pending(): Fulfilment[] {
      return (pending.all() as Row[]).map(toFulfilment)
    },
    get(id: number): Fulfilment | null {
      const row = byId.get(id) as Row | undefined
      return row ? toFulfilment(row) : null
    },
    /** Quantity per order line already claimed by recorded shipments of this order. */
    shippedByLine(centraOrderId: string): Map<number, number> {
      const out = new Map<number, number>()
      for (const r of shippedQty.all(centraOrderId) as { lines_json: string }[]) {
        for (const l of JSON.parse(r.lines_json) as FulfilmentLine[]) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.quantity)
      }
      return out
    },
    /** Centra shipment ids already linked to one of our rows for this order. */
    linkedShipmentIds(centraOrderId: string): Set<number> {
      return new Set((linked.all(centraOrderId) as { centra_shipment_id: number }[]).map((r) => r.centra_shipment_id))
    },
    forOrder(centraOrderId: string): Fulfilment[] {
      return (byOrder.all(centraOrderId) as Row[]).map(toFulfilment)
    },
    beginCreate(id: number, at: string): void {
      begin.run(at, id)
    },
    linkShipment(id: number, centraShipmentId: number, at: string): void {
      linkShipment.run(centraShipmentId, at, id)
    },
    advance(id: number, state: 'completed' | 'done', at: string): void {
      advance.run(state, at, id)
    },
    fail(id: number, error: string, at: string): void {
      fail.run(error, at, id)
    },
  }
}
export type FulfilmentsRepo = ReturnType<typeof createFulfilmentsRepo>
