/// What one record says of its transaction as a whole: outcome, block, time and, where the
/// record carries all of them, its logs. Records without any transfer count too: a failed
/// receipt has no logs, and must still overrule a log of the same transaction seen elsewhere.
public struct TransactionSighting: Sendable {
  public enum Outcome: Sendable, Equatable {
    case succeeded
    /// With the result text the record gives (OUT_OF_ENERGY, REVERT, FAILED …).
    case failed(String)
    /// The record cannot say: indexer items, a transaction read without its signed bytes.
    case unknown

    /// As a transfer's `success`: true, false, or nil when the record cannot say.
    var claimedSuccess: Bool? {
      switch self {
      case .succeeded: return true
      case .failed: return false
      case .unknown: return nil
      }
    }
  }

  public var txid: TransactionID
  public var origin: EvidenceOrigin
  public var outcome: Outcome
  public var block: Int64?
  /// The id of the block that holds it (a JSON-RPC `blockHash`, a node block's `blockID`): a
  /// transaction is in one block, so two hashes mean a reorg between the records.
  public var blockHash: TransactionID?
  public var timestampMs: Int64?
  /// The whole log list, from records that carry all of it (node and JSON-RPC receipts);
  /// nil for partial views (single eth_getLogs logs, indexer items, transactions).
  public var logs: LogList?
  /// What a node receipt says of each internal transaction, in order; nil for other records.
  public var internals: [InternalSummary]?
  /// Set when the record contradicts itself, or is unreadable where its transaction's truth
  /// depends on it.
  public var contradiction: String?
}

/// A transaction's logs reduced to what a payment depends on: the Transfer claims in log order,
/// nil for a log that is not a well-formed Transfer. Two records of one execution give equal
/// lists.
public struct LogList: Sendable, Equatable {
  public var entries: [TransferClaim?] = []
}

/// One internal transaction as a receipt states it: enough to tell whether two receipts of one
/// execution describe the same value moved.
public struct InternalSummary: Sendable, Equatable {
  public var from: Address?
  public var to: Address?
  public var trx: UInt256
  /// TRC-10 value, unreadable, rejected, a mistyped `rejected` (bits 0–3); 0xff: not an object.
  public var flags: UInt8
}
