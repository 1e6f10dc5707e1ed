/**
 * File-exchange ERP connector: sales orders out as CSV/JSON files, stock, shipments and the
 * ERP's order/invoice exports in as CSV, XLSX or JSON files. See docs/runbooks/file-exchange.md.
 */
export { createFileExchangeErp, orderFileBase } from './adapter'
export type { FileExchangeErp, FileExchangeErpOptions, FileExchangeColumns, OrderFileFormat, OrderBatching } from './adapter'
export { FileInbox, parseInboundFile, describeError } from './inbox'
export type {
  ErpDocument,
  ErpDocumentLine,
  FileInboxOptions,
  ImportedFile,
  InboxFileResult,
  InboxKind,
  InboxScanResult,
  ParsedFile,
  ParseOptions,
  RowError,
  RowsByKind,
  ScanOptions,
  WaitingReason,
} from './inbox'
export type { ShipmentRow, StockRow, ItemRow } from './schemas'
export { DEFAULT_LAYOUT, INBOX_KINDS, resolveLayout } from './layout'
export type { FileExchangeLayout, ResolvedLayout, InboxFolder } from './layout'
export { FIELD_SPECS } from './columns'
export type { ColumnMapping, InboundKind } from './columns'
export { DEFAULT_ORDER_HEADERS, ORDER_COLUMNS, ORDER_JSON_FORMAT } from './order-file'
export type { OrderColumn } from './order-file'
export type { DateFormat, DecimalSeparatorOption } from './values'
