/**
 * The simulator's schema: the hand-written Centra Integration API subset from the facts sheet
 * (section 15), kept as a TypeScript string so it loads the same under tsx, vitest and a bundle.
 * Names follow Centra's; additions for the simulator are marked "(sim)" at the end.
 */
export const CENTRA_SDL = String.raw`
# ---------------------------------------------------------------------------
# Minimal Centra Integration API subset, hand-written from the public docs.
# NOT the official schema. Field names are as seen in doc examples or on
# centra.dev reference pages; "(unverified)" marks names/types inferred from
# prose or partially captured pages. Confirm against live introspection.
# ---------------------------------------------------------------------------
scalar DateTimeTz   # ISO-8601 with offset; many fields take (format: String) using PHP date() syntax
scalar Date
scalar Int64

enum StoreType { DIRECT_TO_CONSUMER WHOLESALE }
# AMS "Completed" is SHIPPED in GraphQL. Hold / waiting-for-payment are flags, not statuses.
enum OrderStatus { PENDING CONFIRMED PROCESSING SHIPPED ARCHIVED CANCELLED }
enum OrderSort { id_ASC id_DESC orderDate_ASC orderDate_DESC }        # subset (unverified beyond orderDate_ASC)
enum ProductStatus { ACTIVE INACTIVE }                                # subset
enum ProductSort { id_ASC id_DESC updatedAt_ASC updatedAt_DESC }     # subset (unverified beyond updatedAt_DESC)
enum BundleType { FIXED FLEXIBLE }
enum BundlePriceType { STATIC DYNAMIC }
enum StockQuantityType { PHYSICAL FREE_TO_ALLOCATE }                  # FREE_TO_ALLOCATE name (unverified)
enum CancelLineStockAction { RELEASE_BACK_TO_WAREHOUSE REMOVE_FROM_STOCK }  # enum name (unverified)
enum PaymentHistoryEntryType { AUTH CAPTURE CAPTURE_REQUEST CANCEL CANCEL_REQUEST REFUND }  # name + AUTH/REFUND (unverified)
enum PaymentHistoryEntryStatus { SUCCESS PENDING FAILED }            # name (unverified)
enum EventChangeType { CREATED UPDATED DELETED COMPLETED DEPENDENT_DATA_CHANGED }
enum EventObjectType {
  Account AdminUser Affiliate AllocationRule Brand BrickAndMortar Bundle Buyer Campaign Category
  Collection Country Currency Customer DeliveryWindow Display EmailHistoryEntry Folder
  GiftCertificateGenerator Invoice Language LowestPrice MappedAttribute Market MeasurementChart
  NewsletterSubscription Order OrderHistoryEntry PaymentHistoryEntry PaymentTerms Price
  PriceAlteration Pricelist Product ProductMedia ProductSize ProductVariant PurchaseOrder
  PurchaseOrderDelivery Return SalesRepresentative Shipment ShippingOption ShippingTerms SizeChart
  StockChange Store StorePlugin Subscription SubscriptionContract SubscriptionPlan Supplier TaxRule
  Voucher Warehouse Wishlist
}
enum IdConversionEntryObjectType { Market Size Product ProductVariant Warehouse }  # subset (unverified beyond Market/Size)
enum RateLimitType { REQUEST_COUNT QUERY_COMPLEXITY MUTATION_COUNT }
enum RateLimitInterval { TEN_SECONDS ONE_HOUR }

# ---------------- money, errors, common ----------------
type Currency { id: Int! code: String! }
type MonetaryValue {
  value: Float!
  currency: Currency!
  formattedValue: String!          # e.g. "700.00 SEK"
  conversionRate: Float!           # relation to the base currency; 1 when same currency (direction unverified)
  # also: value in sub-units (Int64), value in base currency (MonetaryValue), a conversion date - names not captured
}
input MonetaryValueInput { value: Float! currencyIsoCode: String! }
type UserError { message: String! path: [String!] }     # path element type (unverified)
type UserWarning { message: String! path: [String!] }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
input DateRange { from: DateTimeTz to: DateTimeTz }      # input type name (unverified)
input StringMatch { equals: String contains: String }    # subset

type Country { id: Int! name: String! code: String }
type CountryState { id: Int name: String code: String }
type Address {
  firstName: String lastName: String companyName: String attention: String
  address1: String address2: String city: String zipCode: String stateOrProvince: String
  country: Country state: CountryState
  email: String phoneNumber: String cellPhoneNumber: String faxNumber: String vatNumber: String
}
type Store { id: Int! name: String! type: StoreType! }
type Market { id: Int! name: String! assignedToCountries: [Country!] }
type Pricelist { id: Int! name: String! currency: Currency }
type Warehouse { id: Int! name: String! }
type Brand { id: Int! name: String! }
type Customer { id: Int! email: String firstName: String lastName: String }
type Account { id: Int! name: String! discountPercent: Float! }
type Buyer { id: Int! email: String firstName: String lastName: String }
type DeliveryWindow { id: Int! name: String! }           # interface in the real schema
type ShippingOption { id: Int! name: String! uri: String }
type ShippingPriceGroup { shippingOption: ShippingOption }
type PaymentMethodRef { uri: String plugin: String }     # type name (unverified)
type AdminUser { id: Int! }
type StorePlugin { id: Int! name: String status: String }
type CarrierInformation { carrierName: String serviceName: String accountIdentifier: String taxId: String }

# ---------------- orders ----------------
interface Order {
  id: String!                      # 32-char hash; "number" is the human order number
  number: Int!
  status: OrderStatus!
  isOnHold: Boolean!
  isLocked: Boolean!
  store: Store
  market: Market
  pricelist: Pricelist
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  orderDate(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  grandTotal(includingTax: Boolean! = true): MonetaryValue!
  totals: OrderTotals!
  lines(includeFullyCancelled: Boolean): [OrderLine!]!
  discountsApplied: [OrderDiscount!]!
  shippingPriceGroup: ShippingPriceGroup
  shippingAddress: Address         # permission Order.shippingAddress:read
  billingAddress: Address          # permission Order.billingAddress:read
  internalComment: String          # permission Order.internalComment:read
  paymentMethod: PaymentMethodRef
  paymentHistory(where: PaymentHistoryFilter): [PaymentHistoryEntry!]!
}
type DirectToConsumerOrder implements Order {   # repeats all Order fields
  id: String!  number: Int!  status: OrderStatus!
  isOnHold: Boolean!  isLocked: Boolean!  store: Store
  market: Market  pricelist: Pricelist  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  orderDate(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  grandTotal(includingTax: Boolean! = true): MonetaryValue!  totals: OrderTotals!
  lines(includeFullyCancelled: Boolean): [OrderLine!]!  discountsApplied: [OrderDiscount!]!  shippingPriceGroup: ShippingPriceGroup
  shippingAddress: Address  billingAddress: Address  internalComment: String
  paymentMethod: PaymentMethodRef  paymentHistory(where: PaymentHistoryFilter): [PaymentHistoryEntry!]!
  customer: Customer
}
type WholesaleOrder implements Order {          # repeats all Order fields
  id: String!  number: Int!  status: OrderStatus!
  isOnHold: Boolean!  isLocked: Boolean!  store: Store
  market: Market  pricelist: Pricelist  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  orderDate(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  grandTotal(includingTax: Boolean! = true): MonetaryValue!  totals: OrderTotals!
  lines(includeFullyCancelled: Boolean): [OrderLine!]!  discountsApplied: [OrderDiscount!]!  shippingPriceGroup: ShippingPriceGroup
  shippingAddress: Address  billingAddress: Address  internalComment: String
  paymentMethod: PaymentMethodRef  paymentHistory(where: PaymentHistoryFilter): [PaymentHistoryEntry!]!
  purchaseOrderNumber: String
  account: Account
  buyer: Buyer
  deliveryWindows: [DeliveryWindow!]!
}

type OrderTotals {
  quantity: Int!                   # current, excluding cancelled
  originalQuantity: Int!           # including cancelled
  cancelledQuantity: Int!
  unexpeditedQuantity: Int!
  lineValues: MonetaryValue!
  discounts: MonetaryValue!
  shipping: MonetaryValue!
  handling: MonetaryValue!
  taxIncluded: MonetaryValue!      # tax contained in tax-inclusive prices
  taxAdded: MonetaryValue!         # tax added on top of tax-exclusive prices
  taxDeducted: MonetaryValue!      # tax removed from tax-inclusive prices (e.g. tax-exempt / export)
  shippingTaxIncluded: MonetaryValue
  shippingTaxAdded: MonetaryValue
  shippingTaxDeducted: MonetaryValue
  # also: weight, shippingTaxRules, handlingTaxRules, discountTaxRules ([AppliedTaxRuleValue!]!)
}

interface OrderDiscount { value: MonetaryValue! date: DateTimeTz }
type Voucher { id: Int! name: String code: String type: String }
type AppliedDiscount implements OrderDiscount { value: MonetaryValue! date: DateTimeTz discount: Voucher }
type AdminDiscount implements OrderDiscount { value: MonetaryValue! date: DateTimeTz }
# newer schema also has AppliedVoucher / AppliedVoucherDiscount / ...FreeShipping / ...FreeProduct / ...Credit

interface OrderLine {
  id: Int!
  productName: String
  productVariantName: String
  productNumber: String!
  size: String!
  comment: String
  product: Product
  productVariant: ProductVariant
  productSize: ProductSize         # SKU / EAN(GTIN) / sizeNumber live here
  brand: Brand
  quantity: Int!                   # current quantity, excluding cancelled units
  cancelledQuantity: Int!
  returnedQuantity: Int!
  taxPercent: Float!
  discountPercent: Float!
  hasAnyDiscount: Boolean!
  unitOriginalPrice(includingTax: Boolean! = true): MonetaryValue!   # pricelist price
  unitPrice(includingTax: Boolean! = true): MonetaryValue!           # price actually charged per unit
  lineValue(includingTax: Boolean! = true): MonetaryValue!           # unitPrice x quantity
  allocations: [Allocation!]!
}
type ProductOrderLine implements OrderLine {
  id: Int!  productName: String  productVariantName: String
  productNumber: String!  size: String!  comment: String
  product: Product  productVariant: ProductVariant  productSize: ProductSize
  brand: Brand  quantity: Int!  cancelledQuantity: Int!
  returnedQuantity: Int!  taxPercent: Float!  discountPercent: Float!
  hasAnyDiscount: Boolean!  unitOriginalPrice(includingTax: Boolean! = true): MonetaryValue!  unitPrice(includingTax: Boolean! = true): MonetaryValue!
  lineValue(includingTax: Boolean! = true): MonetaryValue!  allocations: [Allocation!]!
}
type BundleOrderLine implements OrderLine {          # parent line of a bundle (fields beyond OrderLine unverified)
  id: Int!  productName: String  productVariantName: String
  productNumber: String!  size: String!  comment: String
  product: Product  productVariant: ProductVariant  productSize: ProductSize
  brand: Brand  quantity: Int!  cancelledQuantity: Int!
  returnedQuantity: Int!  taxPercent: Float!  discountPercent: Float!
  hasAnyDiscount: Boolean!  unitOriginalPrice(includingTax: Boolean! = true): MonetaryValue!  unitPrice(includingTax: Boolean! = true): MonetaryValue!
  lineValue(includingTax: Boolean! = true): MonetaryValue!  allocations: [Allocation!]!
}
type BundleItemOrderLine implements OrderLine {      # component line of a bundle
  id: Int!  productName: String  productVariantName: String
  productNumber: String!  size: String!  comment: String
  product: Product  productVariant: ProductVariant  productSize: ProductSize
  brand: Brand  quantity: Int!  cancelledQuantity: Int!
  returnedQuantity: Int!  taxPercent: Float!  discountPercent: Float!
  hasAnyDiscount: Boolean!  unitOriginalPrice(includingTax: Boolean! = true): MonetaryValue!  unitPrice(includingTax: Boolean! = true): MonetaryValue!
  lineValue(includingTax: Boolean! = true): MonetaryValue!  allocations: [Allocation!]!
}

type Allocation { id: Int! quantity: Int! warehouse: Warehouse stockChangeLine: StockChangeLine }

type PaymentHistoryEntry {
  id: Int!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  status: PaymentHistoryEntryStatus!
  entryType: PaymentHistoryEntryType!
  externalReference: String
  value: MonetaryValue
  paymentMethod: String
  paramsJSON: String               # raw PSP response
}
input PaymentHistoryFilter { entryType: [PaymentHistoryEntryType!] }

# ---------------- shipments & returns ----------------
interface Shipment {
  id: Int!                         # use this in mutations
  number: String!                  # "<orderNumber>-<n>", display only
  order: Order!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  updatedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  isGoodToGo: Boolean!
  isPaid: Boolean!
  paidAt: DateTimeTz
  isCaptured: Boolean!
  capturedAt: DateTimeTz
  isShipped: Boolean!
  shippedAt: DateTimeTz
  additionalMessage: String
  numberOfPackages: Int
  trackingNumber: String
  returnTrackingNumber: String
  internalShippingCost: MonetaryValue   # merchant's own carrier cost, not charged to shopper
  grandTotal(includingTax: Boolean! = true): MonetaryValue!
  carrierInformation: CarrierInformation
  discountsApplied: [OrderDiscount!]!
  lines: [ShipmentLine!]!
  shippingAddress: Address
  adminUser: AdminUser
  shipmentPlugin: StorePlugin
}
type DirectToConsumerShipment implements Shipment {
  id: Int!  number: String!  order: Order!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  updatedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  isGoodToGo: Boolean!
  isPaid: Boolean!  paidAt: DateTimeTz  isCaptured: Boolean!
  capturedAt: DateTimeTz  isShipped: Boolean!  shippedAt: DateTimeTz
  additionalMessage: String  numberOfPackages: Int  trackingNumber: String
  returnTrackingNumber: String  internalShippingCost: MonetaryValue  grandTotal(includingTax: Boolean! = true): MonetaryValue!
  carrierInformation: CarrierInformation  discountsApplied: [OrderDiscount!]!  lines: [ShipmentLine!]!
  shippingAddress: Address  adminUser: AdminUser  shipmentPlugin: StorePlugin
}
type WholesaleShipment implements Shipment {
  id: Int!  number: String!  order: Order!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  updatedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!  isGoodToGo: Boolean!
  isPaid: Boolean!  paidAt: DateTimeTz  isCaptured: Boolean!
  capturedAt: DateTimeTz  isShipped: Boolean!  shippedAt: DateTimeTz
  additionalMessage: String  numberOfPackages: Int  trackingNumber: String
  returnTrackingNumber: String  internalShippingCost: MonetaryValue  grandTotal(includingTax: Boolean! = true): MonetaryValue!
  carrierInformation: CarrierInformation  discountsApplied: [OrderDiscount!]!  lines: [ShipmentLine!]!
  shippingAddress: Address  adminUser: AdminUser  shipmentPlugin: StorePlugin
}
type ShipmentLine { id: Int! quantity: Int! lineValue(includingTax: Boolean! = true): MonetaryValue! orderLine: OrderLine }

interface Return {
  id: Int!
  status: String                   # pending/completed; exact type unverified
  shipment: Shipment
  lines: [ReturnLine!]!
}
type DirectToConsumerReturn implements Return {
  id: Int!
  status: String                   # pending/completed; exact type unverified
  shipment: Shipment
  lines: [ReturnLine!]!
  customer: Customer
}
type WholesaleReturn implements Return {
  id: Int!
  status: String                   # pending/completed; exact type unverified
  shipment: Shipment
  lines: [ReturnLine!]!
  account: Account
}
type ReturnLine { id: Int! quantity: Int shipmentLine: ShipmentLine }

# ---------------- catalog ----------------
type Product {
  id: Int! name: String! status: ProductStatus! productNumber: String
  isBundle: Boolean! brand: Brand variants: [ProductVariant!]!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  updatedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
}
type ProductVariant {
  id: Int! name: String! status: ProductStatus! variantNumber: String internalName: String
  product: Product! productSizes: [ProductSize!]! unitCost: MonetaryValue
}
type Size { id: Int! name: String! }
type ProductSize {
  id: Int!
  SKU: String!                     # read-only: productNumber + variantNumber + sizeNumber
  sizeNumber: String               # "SKU suffix"
  EAN: String                      # formerly GTIN
  GTIN: String @deprecated(reason: "renamed to EAN")
  UPC: String
  description: String              # size name, e.g. "M"
  preorder: Boolean
  isActive: Boolean
  size: Size
  productVariant: ProductVariant
  stockTotals: Stock               # permission ProductSize.stockTotals:read
}
type Stock {                      # type name of stockTotals (unverified)
  freeToAllocateQuantity: Int!     # cheap; use this for sync
  physicalQuantity: Int! allocatedQuantity: Int! demandQuantity: Int! unshippedQuantity: Int!
  availableQuantity: Int! availableNowQuantity: Int! onDeliveryQuantity: Int!
  incomingQuantity: Int! linkedIncomingQuantity: Int! unlinkedIncomingQuantity: Int!
}
type BundleSection { id: Int! quantity: Int! productVariants: [ProductVariant!]! }
type Bundle { id: Int! type: BundleType! priceType: BundlePriceType! product: Product! sections: [BundleSection!]! }  # field names beyond id (unverified)

# ---------------- stock ----------------
type StockChange { id: Int! }
type StockChangeLine { id: Int! deliveredQuantity: Int! freeToAllocateQuantity: Int! }

# ---------------- events, id conversion, rate limits ----------------
union EventTarget = DirectToConsumerOrder | WholesaleOrder | DirectToConsumerShipment | WholesaleShipment
  | DirectToConsumerReturn | WholesaleReturn | Product | ProductVariant | ProductSize | Bundle | StockChange | Warehouse
  # subset; kind (union vs interface) (unverified)
type Event {
  id: Int!
  objectType: EventObjectType!
  changeType: EventChangeType!
  objectReference: Int64!          # object id; for Order it is the order number
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  store: Store
  market: Market
  object: EventTarget              # current state, null when DELETED
}
type EventListener {
  integrationName: String!
  objectType: EventObjectType!
  changeTypes: [EventChangeType!]!
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
  updatedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz!
}
input EventFilter { objectType: [EventObjectType!] changeType: [EventChangeType!] storeId: [Int!] marketId: [Int!] }
input EventListenerInput { objectType: EventObjectType! changeTypes: [EventChangeType!] }  # no changeTypes = all
input EventsConfirmInput { eventsIds: [Int!]! }

type IdConversionEntry { id: Int! externalId: String! internalId: Int! objectType: IdConversionEntryObjectType! integrationName: String! }
input IdConversionFilter { objectType: IdConversionEntryObjectType externalId: StringMatch }
input IdConversionSetInput { objectType: IdConversionEntryObjectType! internalId: Int! externalId: String! }
input IdConversionRefInput { id: Int internalId: Int externalId: String }   # exactly one
input IdConversionUnsetInput { idConversion: IdConversionRefInput! objectType: IdConversionEntryObjectType! }

type RateLimit { type: RateLimitType! intervalSeconds: RateLimitInterval! quota: Int! usedQuota: Int! remainingQuota: Int! }

# ---------------- connections ----------------
type OrderEdge { node: Order! cursor: String! }
type OrderConnection { totalCount: Int! pageInfo: PageInfo! edges: [OrderEdge!]! }

# ---------------- reference inputs (each: provide exactly one field; externalId via ID conversion) ----------------
input OrderInput { id: String number: Int }
input OrderLineInput { id: Int }
input ShipmentLineRefInput { id: Int }
input ShipmentRefInput { id: Int }
input WarehouseInput { id: Int externalId: String }
input ProductInput { id: Int externalId: String }
input ProductVariantInput { id: Int externalId: String }
input SizeInput { id: Int name: String externalId: String }
input ProductSizeInput { id: Int SKU: String EAN: String UPC: String any: String }
input DisplayInput { id: Int }
input TaxGroupInput { id: Int }
input CustomerInput { id: Int }

# ---------------- filters ----------------
input OrderFilter {                 # field types (unverified); single values work via list coercion
  id: [String!] number: [Int!] status: [OrderStatus!] storeType: StoreType storeId: [Int!]
  createdAt: DateRange orderDate: DateRange updatedAt: DateRange notNull: [String!]
}
input ProductSizeFilter { id: [Int!] SKU: StringMatch EAN: StringMatch UPC: StringMatch sizeNumber: StringMatch sizeId: [Int!] isActive: Boolean updatedAt: DateRange }
input ProductFilter { status: [ProductStatus!] name: StringMatch updatedAt: DateRange }  # subset
input ShipmentFilter { orderNumber: [Int!] }          # (unverified)
input ReturnFilter { customerId: [Int!] storeType: StoreType }

# ---------------- mutation inputs ----------------
input OrdersLockInput { orders: [OrderInput!]! isLocked: Boolean! }
input OrderConfirmInput { order: OrderInput! }
input OrderLineCancelInput { line: OrderLineInput! quantity: Int! stockAction: CancelLineStockAction }
input StockActionPolicyInput { releaseItemsBackToWarehouse: Boolean removeItemsFromStock: Boolean sendItemsToDifferentWarehouse: WarehouseInput }  # exactly one
input OrderAddressInput { firstName: String lastName: String address1: String address2: String city: String zipCode: String email: String }  # subset
input CustomerInfoInput { firstName: String lastName: String email: String }
input DirectToConsumerOrderUpdateInput {
  shippingAddress: OrderAddressInput billingAddress: OrderAddressInput
  customer: CustomerInput customerInfo: CustomerInfoInput isInternal: Boolean
  isOnHold: Boolean holdStatusChangeReason: String
  cancelLines: [OrderLineCancelInput!] cancellationComment: String
  shippingCost: MonetaryValueInput   # CONFIRMED DTC orders only; may only decrease (or 0)
}
input OrderLineCreateInput {
  display: DisplayInput! productSize: ProductSizeInput! quantity: Int!
  unitPrice: MonetaryValueInput! unitOriginalPrice: MonetaryValueInput
  taxGroup: TaxGroupInput comment: String
}
input WholesaleOrderUpdateInput {
  shippingAddress: OrderAddressInput billingAddress: OrderAddressInput isInternal: Boolean
  buyerInfo: CustomerInfoInput
  isOnHold: Boolean holdStatusChangeReason: String
  addLines: [OrderLineCreateInput!] cancelLines: [OrderLineCancelInput!] cancellationComment: String
}
input EmailOptionsInput { sendEmail: Boolean }
input OrderCancelInput { comment: String emailOptions: EmailOptionsInput stockAction: StockActionPolicyInput cancelAuthorization: Boolean }
input OrderUnallocateLineInput { orderLine: OrderLineInput! quantity: Int! }
input OrderUnallocateInput { order: OrderInput! unallocate: [OrderUnallocateLineInput!] warehouses: [WarehouseInput!] stockActionPolicy: StockActionPolicyInput! }

input ShipmentLineCreateInput { orderLine: OrderLineInput! quantity: Int! }
input ShipmentCreateInput {
  order: OrderInput! lines: [ShipmentLineCreateInput!]!
  isGoodToGo: Boolean isPaid: Boolean capture: Boolean
  createdAt: DateTimeTz shippedAt: DateTimeTz sendEmail: Boolean
  additionalMessage: String allocateDemand: Boolean
  shipmentInfo: ShipmentInfoInput shipmentMethod: ShipmentMethodInput
}
input ShipmentMethodInput { pluginId: Int }   # shipment plugin (carrier integration) to use
input ShipmentUpdateInput { isPaid: Boolean isGoodToGo: Boolean }  # subset
input ShipmentInfoInput {
  carrier: String service: String packagesNumber: Int
  trackingNumber: String returnTrackingNumber: String internalShippingCost: MonetaryValueInput
}
input ShipmentCompleteInput { shippedAt: DateTimeTz sendEmail: Boolean shipmentInfo: ShipmentInfoInput }  # shippedAt accepts PHP relative strings, e.g. "now"

input ReturnLineCreateInput { shipmentLine: ShipmentLineRefInput! quantity: Int! }
input ReturnCostInput { value: MonetaryValueInput fromShipment: Boolean }   # name (unverified)
input ReturnCreateInput {
  shipment: ShipmentRefInput! lines: [ReturnLineCreateInput!]!
  returnStockActionPolicy: StockActionPolicyInput!
  shippingCost: ReturnCostInput handlingCost: ReturnCostInput voucherValue: ReturnCostInput
  comment: String
}
input ReturnCompleteInput { sendEmail: Boolean }

input ProductSizeStockChangeInput { size: SizeInput! deliveredQuantity: Int! }
input ProductVariantStockChangeInput { productVariant: ProductVariantInput! sizeChanges: [ProductSizeStockChangeInput!]! unitCost: MonetaryValueInput }
input StockChangeInput {            # into only = add, outFrom only = remove, both = transfer
  outFromWarehouse: WarehouseInput intoWarehouse: WarehouseInput description: String!
  productVariants: [ProductVariantStockChangeInput!]
}
input ProductSizeStockSetInput { size: SizeInput! quantity: Int! }   # quantity >= 0
input ProductVariantStockSetInput { productVariant: ProductVariantInput! sizeStockLevels: [ProductSizeStockSetInput!]! }
input StockSetInput { warehouse: WarehouseInput! description: String! stockQuantityType: StockQuantityType! productVariants: [ProductVariantStockSetInput!] }

input ProductSizeCreateInput { productVariant: ProductVariantInput! size: SizeInput! EAN: String UPC: String sizeNumber: String preorder: Boolean isActive: Boolean! }
input ProductSizeUpdateInput { EAN: String UPC: String sizeNumber: String preorder: Boolean isActive: Boolean }
input BundleSectionCreateInput { quantity: Int! productVariants: [ProductVariantInput!]! }
input BundleCreateInput {
  product: ProductCreateInput! type: BundleType! priceType: BundlePriceType!
  sizeChart: SizeChartInput sizes: [SizeInput!]      # required for FIXED, may be null for FLEXIBLE
  addBundleSections: [BundleSectionCreateInput!]!
}
input ProductCreateInput { name: String! status: ProductStatus! productNumber: String brand: BrandInput }  # subset
input BrandInput { id: Int }
input SizeChartInput { id: Int }

# ---------------- payloads ----------------
type OrdersLockPayload { orders: [Order!] userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type OrderPayload { order: Order userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type OrderPaymentPayload { order: Order paymentHistoryEntry: PaymentHistoryEntry userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type ShipmentPayload { shipment: Shipment paymentHistoryEntry: PaymentHistoryEntry userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type ReturnPayload { return: Return userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type StockChangePayload { stockChange: StockChange userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type StockSetPayload { stockChanges: [StockChange!] userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type ProductSizePayload { productSize: ProductSize userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type BundlePayload { bundle: Bundle userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type EventListenersPayload { eventListeners: [EventListener!] userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type UserErrorsPayload { userErrors: [UserError!]! userWarnings: [UserWarning!]! }
type IdConversionsPayload { entries: [IdConversionEntry!] userErrors: [UserError!]! userWarnings: [UserWarning!]! }

type Query {
  orders(where: OrderFilter, sort: [OrderSort!], limit: Int, page: Int): [Order!]!
  orderConnection(where: OrderFilter, sort: [OrderSort!], first: Int, after: String, last: Int, before: String): OrderConnection!
  shipments(where: ShipmentFilter, limit: Int, page: Int): [Shipment!]!          # (unverified)
  returns(where: ReturnFilter, limit: Int, page: Int): [Return!]!
  products(where: ProductFilter, sort: [ProductSort!], limit: Int, page: Int): [Product!]!
  productSizes(where: ProductSizeFilter, limit: Int, page: Int): [ProductSize!]!
  warehouses: [Warehouse!]!
  markets(where: MarketFilter, sort: [MarketSort!]): [Market!]!                   # fixture markets-for-store.graphql
  bundles(limit: Int, page: Int): [Bundle!]!                                       # (unverified: top-level bundle listing)
  currencies(where: CurrencyFilter): [Currency!]!                                 # isBase:true -> base currency
  events(where: EventFilter, limit: Int): [Event!]!                              # oldest unconfirmed first
  eventListeners: [EventListener!]!
  idConversions(where: IdConversionFilter): [IdConversionEntry!]!
  rateLimits: [RateLimit!]!                                                       # needs no permission
}
input CurrencyFilter { isBase: Boolean }
input MarketFilter { storeId: Int id: [Int!] }    # (unverified beyond storeId)
enum MarketSort { id_ASC id_DESC }

type Mutation {
  setOrdersLock(input: OrdersLockInput!): OrdersLockPayload!
  confirmOrder(input: OrderConfirmInput!): OrderPayload!
  updateDirectToConsumerOrder(order: OrderInput!, input: DirectToConsumerOrderUpdateInput!): OrderPayload!
  updateWholesaleOrder(order: OrderInput!, input: WholesaleOrderUpdateInput!): OrderPayload!
  cancelDirectToConsumerOrder(id: String!, input: OrderCancelInput!): OrderPayload!
  unallocateOrder(input: OrderUnallocateInput!): OrderPayload!
  captureOrder(order: OrderInput!): OrderPaymentPayload!
  releaseRemainingOrderAuthorization(order: OrderInput!): OrderPaymentPayload!
  createShipment(input: ShipmentCreateInput!): ShipmentPayload!
  updateShipment(id: Int!, input: ShipmentUpdateInput!): ShipmentPayload!
  captureShipment(id: Int!): ShipmentPayload!
  completeShipment(id: Int!, input: ShipmentCompleteInput!): ShipmentPayload!
  deleteShipment(id: Int!): UserErrorsPayload!
  createReturn(input: ReturnCreateInput!): ReturnPayload!
  completeReturn(id: Int!, input: ReturnCompleteInput): ReturnPayload!
  uncompleteReturn(id: Int!): ReturnPayload!
  deleteReturn(id: Int!): ReturnPayload!
  changeStock(input: StockChangeInput!): StockChangePayload!
  setStock(input: StockSetInput!): StockSetPayload!
  createProductSize(input: ProductSizeCreateInput!): ProductSizePayload!
  updateProductSize(id: Int!, input: ProductSizeUpdateInput!): ProductSizePayload!   # (unverified)
  createBundle(input: BundleCreateInput!): BundlePayload!
  setEventListeners(input: [EventListenerInput!]!): EventListenersPayload!          # additive
  unsetEventListeners(input: [EventListenerInput!]!): EventListenersPayload!        # drops queued events of those types
  confirmEvents(input: EventsConfirmInput!): UserErrorsPayload!
  setIdConversions(input: [IdConversionSetInput!]!): IdConversionsPayload!          # single object accepted (list coercion)
  unsetIdConversions(input: [IdConversionUnsetInput!]!): UserErrorsPayload!
}

# ---------------- (sim) additions, kept to Centra's naming ----------------
extend type Query {
  "(sim) order count for a filter, as Centra's counters { orders(where) }"
  counters: Counters!
}
type Counters { orders(where: OrderFilter): Int! }

# Returns: the facts sheet lists only id, status, shipment and lines. What a return is worth and
# when it happened are not documented; the names below are (unverified) and follow the
# createReturn input (shippingCost, handlingCost, voucherValue, comment).
extend interface Return {
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz          # (unverified)
  completedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz        # (unverified)
  comment: String                                                    # (unverified)
  shippingCost: MonetaryValue                                        # (unverified)
  handlingCost: MonetaryValue                                        # (unverified)
  voucherValue: MonetaryValue                                        # (unverified)
}
extend type DirectToConsumerReturn {
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz  completedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz  comment: String
  shippingCost: MonetaryValue  handlingCost: MonetaryValue  voucherValue: MonetaryValue
}
extend type WholesaleReturn {
  createdAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz  completedAt(format: String = "Y-m-d\\TH:i:sP"): DateTimeTz  comment: String
  shippingCost: MonetaryValue  handlingCost: MonetaryValue  voucherValue: MonetaryValue
}
# (sim) an order's returns (unverified: Centra documents the top-level returns query only)
extend interface Order { returns: [Return!]! }
extend type DirectToConsumerOrder { returns: [Return!]! }
extend type WholesaleOrder { returns: [Return!]! }
`
