/// Everything the records of one transaction say, gathered before any of its transfers is
/// judged: a transaction is credited only when its records agree and none says it failed.
public struct TransactionFacts: Sendable {
  public enum Truth: Sendable, Equatable {
    case succeeded
    case failed(String)
    case inconsistent(String)
    /// No record can say (only indexer items, or transactions read without their bytes).
    case unknown
  }

  public private(set) var failure: String? = nil
  public private(set) var contradiction: String? = nil
  public private(set) var succeeded = false
  public private(set) var block: Int64? = nil
  public private(set) var blockHash: TransactionID? = nil
  /// The time every record that gives one agrees on, whoever gave it.
  public private(set) var timestampMs: Int64? = nil
  /// The same time when a node-level record (node receipt, node transaction or block, JSON-RPC)
  /// gave it: only such a time may date a node-level transfer. An indexer's `block_timestamp`
  /// is not covered by anything the chain signs, so it dates indexer-read transfers at most.
  public private(set) var nodeTimestampMs: Int64? = nil
  private(set) var logs: LogList? = nil
  private(set) var internals: [InternalSummary]? = nil

  /// Failure wins over disagreement, disagreement over success.
  public var truth: Truth {
    if let failure { return .failed(failure) }
    if let contradiction { return .inconsistent(contradiction) }
    return succeeded ? .succeeded : .unknown
  }

  mutating func add(_ sighting: TransactionSighting) {
    if let problem = sighting.contradiction { contradict(problem) }
    switch sighting.outcome {
    case .failed(let result): if failure == nil { failure = result }
    case .succeeded: succeeded = true
    case .unknown: break
    }
    if let number = sighting.block {
      if let known = block, known != number {
        contradict("its records name blocks \(known) and \(number)")
      } else {
        block = number
      }
    }
    if let hash = sighting.blockHash {
      if let known = blockHash, known != hash {
        contradict("its records name different block hashes (a reorg between them)")
      } else {
        blockHash = hash
      }
    }
    if let stamp = sighting.timestampMs {
      agree(onTime: stamp, "its records", nodeLevel: sighting.origin.isNodeLevel)
    }
    if let list = sighting.internals {
      if let known = internals, known != list {
        contradict("its receipts list different internal transactions")
      } else {
        internals = list
      }
    }
    if let list = sighting.logs {
      if let known = logs, known != list {
        contradict("its receipts list different logs")
      } else {
        logs = list
      }
    }
  }

  mutating func agree(onTime stamp: Int64, _ who: String, nodeLevel: Bool) {
    if let known = timestampMs, known != stamp {
      contradict("\(who) give the times \(known) and \(stamp)")
    } else {
      timestampMs = stamp
      if nodeLevel { nodeTimestampMs = stamp }
    }
  }

  mutating func contradict(_ problem: String) {
    if contradiction == nil { contradiction = problem }
  }
}
