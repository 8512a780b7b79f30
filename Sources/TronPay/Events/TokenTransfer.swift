/// Where a transfer was read from, as the output's `source` field names it.
public enum TransferSource: String, Sendable {
  /// A TRC-20 Transfer log from a node receipt or a JSON-RPC answer.
  case log
  /// A TRX `TransferContract` of a transaction.
  case transferContract = "transfer_contract"
  /// TRX moved by a contract (an internal transaction).
  case `internal`
  /// An indexer summary (TronGrid TRC-20 history or events page): no receipt behind it.
  case indexer

  /// The name as a static string, for writers that copy bytes without building text.
  var fixedName: StaticString {
    switch self {
    case .log: return "log"
    case .transferContract: return "transfer_contract"
    case .internal: return "internal"
    case .indexer: return "indexer"
    }
  }
}

/// Which family of evidence a record came from. Records of one transaction seen through several
/// families describe the same movements, and their log indexes live in different namespaces
/// (a JSON-RPC `logIndex` counts across the block), so the payment check keeps one family per
/// transaction: node receipts first, then JSON-RPC, then indexers.
public enum EvidenceOrigin: Int, Sendable, Comparable {
  case nodeReceipt = 0
  case nodeTransaction = 1
  case jsonRpc = 2
  case indexerTransaction = 3
  case indexer = 4

  public static func < (a: EvidenceOrigin, b: EvidenceOrigin) -> Bool { a.rawValue < b.rawValue }
}

/// One movement of value that some evidence claims: a TRC-20 Transfer log, a TRX transfer
/// contract, an internal TRX transfer or an indexer item. Amounts are exact base units.
public struct TokenTransfer: Sendable, Equatable {
  /// The 32-byte transaction id.
  public var txid: [UInt8]
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
  /// Position inside the transaction among records of this source (log position, internal
  /// transaction position, contract position): with `txid` and `source` it names the movement.
  public var position: Int64
}

/// A record that looked like a transfer but cannot be one, with a short reason code:
/// `malformed`, `removed` (JSON-RPC log of an abandoned block), `rejected` (internal transaction
/// the VM rejected), `trc10` (TRC-10 asset transfer: never TRX), `unsupported`.
public struct SkippedRecord: Sendable, Equatable {
  /// The 32-byte transaction id, empty when the record did not carry a readable one.
  public var txid: [UInt8]
  public var logIndex: Int64?
  public var reason: String
  /// The recipient when it could be read, so a payment check can tell whose it was.
  public var to: Address?
  public var origin: EvidenceOrigin
}

/// Everything one piece of evidence said: transfers in input order, then what was skipped.
public struct TransferReport: Sendable {
  public var transfers: [TokenTransfer] = []
  public var skipped: [SkippedRecord] = []

  public init() {}
}
