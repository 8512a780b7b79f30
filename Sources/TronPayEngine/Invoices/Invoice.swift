import TronPay

/// The states of ENGINE.md, "Invoice states". The first seven are decided by the settlement
/// rule the payment check uses; the last three are set by the merchant and stay.
enum InvoiceState: String, CaseIterable {
  case new, detected, partial, paid, overpaid
  case paidLate = "paid_late"
  case expired, cancelled
  case markedPaid = "marked_paid"
  case invalid

  init(_ settled: PaymentVerdict.State) {
    switch settled {
    case .new: self = .new
    case .detected: self = .detected
    case .partial: self = .partial
    case .paid: self = .paid
    case .overpaid: self = .overpaid
    case .paidLate: self = .paidLate
    case .expired: self = .expired
    }
  }

  /// Set by a person, never changed by payments (later money stays visible for refund).
  var isManual: Bool { self == .cancelled || self == .markedPaid || self == .invalid }

  /// The event a change into this state writes.
  var event: EventType {
    switch self {
    case .new, .detected: return .invoiceDetected
    case .partial: return .invoicePartial
    case .paid: return .invoicePaid
    case .overpaid: return .invoiceOverpaid
    case .paidLate: return .invoicePaidLate
    case .expired: return .invoiceExpired
    case .cancelled: return .invoiceCancelled
    case .markedPaid: return .invoiceMarkedPaid
    case .invalid: return .invoiceInvalid
    }
  }
}

/// An invoice as stored.
struct Invoice {
  var id: String
  var seq: Int64
  var orderID: String
  var terms: String
  /// "USDT", "TRX" or another pinned symbol.
  var token: String
  /// nil for TRX.
  var tokenContract: Address?
  var decimals: UInt32
  var address: Address
  var wallet: String?
  var derivationIndex: Int64?
  var amountDue: UInt256
  var toleranceBps: Int64
  /// The state last written; reads report the state as of their time (`InvoiceView`).
  var state: InvoiceState
  var createdAtMs: Int64
  var expiresAtMs: Int64
  var monitorUntilMs: Int64
  var updatedAtMs: Int64
  /// The metadata object as JSON text.
  var metadata: String?

  static let columns =
    "id, seq, order_id, terms, token, token_contract, decimals, address, wallet, "
    + "derivation_index, amount_due, tolerance_bps, state, created_at_ms, expires_at_ms, "
    + "monitor_until_ms, updated_at_ms, metadata"

  init(_ row: StoreRow) throws(TronPayError) {
    id = try row.requiredText(0)
    seq = try row.requiredInteger(1)
    orderID = try row.requiredText(2)
    terms = try row.requiredText(3)
    token = try row.requiredText(4)
    tokenContract = try row.text(5).map { (text) throws(TronPayError) in try Stored.address(text) }
    decimals = UInt32(clamping: try row.requiredInteger(6))
    address = try Stored.address(row.requiredText(7))
    wallet = row.text(8)
    derivationIndex = row.integer(9)
    amountDue = try Stored.amount(row.requiredText(10))
    toleranceBps = try row.requiredInteger(11)
    guard let state = InvoiceState(rawValue: try row.requiredText(12)) else {
      throw TronPayError(.store, "store: unknown invoice state (altered store?)")
    }
    self.state = state
    createdAtMs = try row.requiredInteger(13)
    expiresAtMs = try row.requiredInteger(14)
    monitorUntilMs = try row.requiredInteger(15)
    updatedAtMs = try row.requiredInteger(16)
    metadata = row.text(17)
  }

  init(
    id: String, seq: Int64, orderID: String, terms: String, token: String,
    tokenContract: Address?, decimals: UInt32, address: Address, wallet: String?,
    derivationIndex: Int64?, amountDue: UInt256, toleranceBps: Int64, createdAtMs: Int64,
    expiresAtMs: Int64, monitorUntilMs: Int64, metadata: String?
  ) {
    self.id = id
    self.seq = seq
    self.orderID = orderID
    self.terms = terms
    self.token = token
    self.tokenContract = tokenContract
    self.decimals = decimals
    self.address = address
    self.wallet = wallet
    self.derivationIndex = derivationIndex
    self.amountDue = amountDue
    self.toleranceBps = toleranceBps
    state = .new
    self.createdAtMs = createdAtMs
    self.expiresAtMs = expiresAtMs
    self.monitorUntilMs = monitorUntilMs
    updatedAtMs = createdAtMs
    self.metadata = metadata
  }

  /// The credit identity's token column: the contract's base58, or "TRX".
  var tokenKey: String { tokenContract?.base58 ?? "TRX" }

  /// The invoice as the payment check's gates see it.
  var asCheckInvoice: PaymentRequest.Invoice {
    PaymentRequest.Invoice(
      id: id, address: address, token: tokenContract, due: amountDue, createdAtMs: createdAtMs,
      expiresAtMs: expiresAtMs, toleranceBps: toleranceBps)
  }
}

/// Readers of stored text that the library wrote itself: a value it cannot read means the
/// file was altered, which is a store error, never a trap.
enum Stored {
  static func address(_ text: String) throws(TronPayError) -> Address {
    do {
      return try Address(parsing: text)
    } catch {
      throw TronPayError(.store, "store: an unreadable address (altered store?)")
    }
  }

  static func amount(_ text: String) throws(TronPayError) -> UInt256 {
    guard let value = UInt256(decimal: text) else {
      throw TronPayError(.store, "store: an unreadable amount (altered store?)")
    }
    return value
  }

  static func txid(_ text: String) throws(TronPayError) -> TransactionID {
    guard let bytes = try? Hex.decode(text), let id = TransactionID(bytes: bytes) else {
      throw TronPayError(.store, "store: an unreadable txid (altered store?)")
    }
    return id
  }
}
