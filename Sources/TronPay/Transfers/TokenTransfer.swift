/// Where a transfer was read from, as the output's `source` field names it.
public enum TransferSource: Sendable {
  /// A TRC-20 Transfer log from a node receipt or a JSON-RPC answer.
  case log
  /// A TRX `TransferContract` of a transaction.
  case transferContract
  /// TRX moved by a contract (an internal transaction).
  case `internal`
  /// An indexer summary (TronGrid TRC-20 history or events page): no receipt behind it.
  case indexer

  /// The name the output prints.
  public var name: StaticString {
    switch self {
    case .log: return "log"
    case .transferContract: return "transfer_contract"
    case .internal: return "internal"
    case .indexer: return "indexer"
    }
  }
}

/// Which family of evidence a record came from. When several records name one movement, the
/// payment check takes its facts from the most direct one: node receipts first, then node
/// transactions, JSON-RPC, and indexers last.
public enum EvidenceOrigin: Int, Sendable {
  case nodeReceipt = 0
  case nodeTransaction = 1
  case jsonRpc = 2
  case indexerTransaction = 3
  case indexer = 4

  /// Records a node wrote (receipts, transactions, blocks, JSON-RPC answers), as opposed to an
  /// indexer's summaries.
  var isNodeLevel: Bool { self.rawValue <= EvidenceOrigin.jsonRpc.rawValue }
}

/// One movement of value that some evidence claims: a TRC-20 Transfer log, a TRX transfer
/// contract, an internal TRX transfer or an indexer item. Amounts are exact base units.
public struct TokenTransfer: Sendable, Equatable {
  public var txid: TransactionID
  public var logIndex: Int64?
  public var block: Int64?
  public var timestampMs: Int64?
  /// The emitting token contract; nil for TRX.
  public var token: Address?
  public var from: Address
  public var to: Address
  public var amount: UInt256
  /// nil when the evidence cannot say (indexer items, a transaction without `ret`).
  public var success: Bool?
  public var source: TransferSource
  public var origin: EvidenceOrigin
  /// Position inside the transaction in the record's own numbering (log position, JSON-RPC
  /// logIndex within one answer, order in a JSON-RPC receipt, internal transaction position):
  /// orders equal transfers for `ordinal`.
  public var position: Int64
  /// How many transfers equal to this one (token, from, to, amount) come before it in the
  /// transaction, in log order: with txid and the claim it names the movement whatever the
  /// source (ENGINE.md, "One credit identity"). Set when the report is resolved.
  public var ordinal: Int64 = 0
  /// Which numbering `position` belongs to: the record's own (its number in the report), the
  /// one the logIndex values of one JSON-RPC answer share, or TronGrid's event_index.
  var numbering: Int64 = 0
  /// The record is node-level evidence of this movement (a node or JSON-RPC receipt or log, or
  /// a transaction's signed bytes), not an indexer's summary: only such a sighting can credit.
  var attested = true

  /// What the transfer says moved.
  public var claim: TransferClaim {
    TransferClaim(token: token, from: from, to: to, amount: amount)
  }
}

/// A record that looked like a transfer but cannot be one, with a short reason code:
/// `malformed`, `removed` (JSON-RPC log of an abandoned block), `rejected` (internal transaction
/// the VM rejected), `trc10` (TRC-10 asset transfer: never TRX), `unsupported`, and per
/// transaction `failed` (detail: the receipt's result) and `inconsistent` (detail: what the
/// records disagree on).
public struct SkippedRecord: Sendable, Equatable {
  /// nil when the record did not carry a readable one.
  public var txid: TransactionID?
  public var logIndex: Int64?
  public var reason: TransferReason
  /// The recipient when it could be read, so a payment check can tell whose it was.
  public var to: Address?
  public var origin: EvidenceOrigin
  /// For `failed`, the result text (OUT_OF_ENERGY, REVERT …); for `inconsistent`, what disagrees.
  public var detail: String? = nil
}
