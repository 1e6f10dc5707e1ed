/**
 * What was last read from the ERP and last pushed to Centra, per SKU and warehouse.
 *
 * At 200 000 sizes × 2 warehouses the first stock run after start reads 400 000 levels. Kept as
 * a list per SKU, that was 200 000 arrays the garbage collector had to copy while they were
 * built, and collecting took longer than reading. Here a SKU maps to a row number and each
 * warehouse is a column of two Float64Arrays (ERP level, pushed level), so the whole table is a
 * handful of objects however many sizes there are. NaN means "none".
 */
export class LastLevels {
  private readonly rows = new Map<string, number>()
  private readonly columns = new Map<number, number>()
  private erp: Float64Array[] = []
  private pushed: Float64Array[] = []
  private capacity: number

  constructor(expectedSkus = 0) {
    this.capacity = Math.max(16, expectedSkus)
  }

  /**
   * From the plain form, per SKU: [warehouseId, erpQty, pushedQty, …] with NaN for none —
   * handy for a few levels written by hand.
   */
  static fromLists(lists: ReadonlyMap<string, readonly number[]>): LastLevels {
    const out = new LastLevels(lists.size)
    for (const [sku, list] of lists) for (let j = 0; j + 2 < list.length; j += 3) out.put(sku, list[j], list[j + 1], list[j + 2])
    return out
  }

  /** SKUs with a level */
  get size(): number {
    return this.rows.size
  }

  /** the SKU's row, or -1 when nothing was read or pushed for it */
  row(sku: string): number {
    return this.rows.get(sku) ?? -1
  }

  /** the warehouse's column, or -1 when nothing was read or pushed for it */
  column(warehouseId: number): number {
    return this.columns.get(warehouseId) ?? -1
  }

  /** the ERP level last read (after buffers), NaN when none */
  erpAt(row: number, column: number): number {
    return row < 0 || column < 0 ? NaN : this.erp[column][row]
  }

  /** the level last pushed and applied, NaN when none */
  pushedAt(row: number, column: number): number {
    return row < 0 || column < 0 ? NaN : this.pushed[column][row]
  }

  /** both levels at once, as read from the store */
  put(sku: string, warehouseId: number, erpQty: number, pushedQty: number): void {
    // row first: adding a row may replace the column arrays
    const row = this.rowFor(sku)
    const column = this.columnFor(warehouseId)
    this.erp[column][row] = erpQty
    this.pushed[column][row] = pushedQty
  }

  setErp(sku: string, warehouseId: number, erpQty: number): void {
    // row first: adding a row may replace the column arrays
    const row = this.rowFor(sku)
    this.erp[this.columnFor(warehouseId)][row] = erpQty
  }

  setPushed(sku: string, warehouseId: number, pushedQty: number): void {
    const row = this.rowFor(sku)
    this.pushed[this.columnFor(warehouseId)][row] = pushedQty
  }

  private rowFor(sku: string): number {
    let row = this.rows.get(sku)
    if (row !== undefined) return row
    row = this.rows.size
    if (row === this.capacity) this.grow()
    this.rows.set(sku, row)
    return row
  }

  private columnFor(warehouseId: number): number {
    let column = this.columns.get(warehouseId)
    if (column !== undefined) return column
    column = this.erp.length
    this.columns.set(warehouseId, column)
    this.erp.push(new Float64Array(this.capacity).fill(NaN))
    this.pushed.push(new Float64Array(this.capacity).fill(NaN))
    return column
  }

  private grow(): void {
    this.capacity *= 2
    const widen = (a: Float64Array) => {
      const b = new Float64Array(this.capacity).fill(NaN)
      b.set(a)
      return b
    }
    this.erp = this.erp.map(widen)
    this.pushed = this.pushed.map(widen)
  }
}
