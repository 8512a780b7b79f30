import TronPay

/// What the ledger knows of one movement (ENGINE.md, "One credit identity"): keyed by (txid,
/// token, from, to, amount, ordinal), whatever source saw it, so a second sighting updates what
/// is known and never adds money.
struct Credit {
  enum Status: String {
    /// Counts towards `invoiceID`.
    case credited
    /// Seen without the proof a credit needs (an indexer item, no trustworthy time): the
    /// invoice is `detected`, nothing counts yet.
    case pending
    /// Its block was disconnected.
    case reverted
    /// Seen and refused by a gate; `reason` says which.
    case rejected
    /// Money to a watched address that no invoice takes.
    case unmatched
  }

  var txid: String
  /// "TRX" or the token contract's base58.
  var token: String
  var from: String
  var to: String
  var amount: UInt256
  var ordinal: Int64
  var invoiceID: String?
  var block: Int64?
  var blockID: String?
  var timestampMs: Int64?
  var logIndex: Int64?
  var isFinal: Bool
  var isLate: Bool
  var status: Status
  var source: String
  var reason: String?

  static let columns =
    "txid, token, from_address, to_address, amount, ordinal, invoice_id, block, block_id, "
    + "timestamp_ms, log_index, final, late, status, source, reason"

  init(_ row: StoreRow) throws(TronPayError) {
    txid = try row.requiredText(0)
    token = try row.requiredText(1)
    from = try row.requiredText(2)
    to = try row.requiredText(3)
    amount = try Stored.amount(row.requiredText(4))
    ordinal = try row.requiredInteger(5)
    invoiceID = row.text(6)
    block = row.integer(7)
    blockID = row.text(8)
    timestampMs = row.integer(9)
    logIndex = row.integer(10)
    isFinal = row.flag(11)
    isLate = row.flag(12)
    guard let status = Status(rawValue: try row.requiredText(13)) else {
      throw TronPayError(.store, "store: unknown credit status (altered store?)")
    }
    self.status = status
    source = try row.requiredText(14)
    reason = row.text(15)
  }

  init(_ transfer: TokenTransfer, status: Status) {
    txid = transfer.txid.description
    token = transfer.token?.base58 ?? "TRX"
    from = transfer.from.base58
    to = transfer.to.base58
    amount = transfer.amount
    ordinal = transfer.ordinal
    invoiceID = nil
    block = transfer.block
    blockID = nil
    timestampMs = transfer.timestampMs
    logIndex = transfer.logIndex
    isFinal = false
    isLate = false
    self.status = status
    source = "\(transfer.source.name)"
    reason = nil
  }

  /// The identity columns, in the primary key's order.
  var key: [StoreValue] {
    [
      .text(txid), .text(token), .text(from), .text(to), .text(amount.description),
      .integer(ordinal),
    ]
  }

  static let keyCondition =
    "txid = ? AND token = ? AND from_address = ? AND to_address = ? AND amount = ? AND ordinal = ?"

  var asSettlementCredit: PaymentVerdict.Credit? {
    guard let id = try? Stored.txid(txid) else { return nil }
    return PaymentVerdict.Credit(
      txid: id, logIndex: logIndex, ordinal: ordinal, amount: amount, block: block,
      isFinal: isFinal, isLate: isLate)
  }
}
