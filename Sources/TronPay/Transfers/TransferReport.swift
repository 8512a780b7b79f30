/// Everything the evidence said: transfers in input order, what was skipped, and what each
/// record said of its transaction. `resolve()` then judges each transaction from all of its
/// records at once, so no single record decides alone.
public struct TransferReport: Sendable {
  public var transfers: [TokenTransfer] = []
  public var skipped: [SkippedRecord] = []
  public var sightings: [TransactionSighting] = []
  /// Block number → time in ms, from block records; nil where two records disagree.
  var blockTimes: [Int64: Int64?] = [:]
  /// Block number → block id, from block records; nil where two records disagree (two blocks
  /// at one height: a reorg between the answers).
  var blockHashes: [Int64: TransactionID?] = [:]
  /// Logs that a JSON-RPC answer withdrew (`removed:true`); their identities never credit.
  var withdrawn: [TokenTransfer] = []
  /// Records read so far: each numbers the positions of its own transfers.
  var recordCount: Int64 = 0

  /// Per transaction, filled by `resolve()`.
  private(set) var facts: [TransactionID: TransactionFacts] = [:]
  /// Identities that a `removed:true` log revoked, filled by `resolve()`.
  public private(set) var revoked: Set<CreditIdentity> = []

  public init() {}

  /// Gives every transfer its ordinal, gathers the facts of each transaction, checks partial
  /// views against whole log lists, applies each transaction's outcome to its transfers, and
  /// lists failed and inconsistent transactions in `skipped`.
  public mutating func resolve() {
    assignOrdinals()
    var order: [TransactionID] = []
    for sighting in sightings {
      let key = sighting.txid
      if facts[key] == nil { order.append(key) }
      facts[key, default: TransactionFacts()].add(sighting)
    }
    datePerBlock()
    checkPartialViews()
    for k in transfers.indices {
      guard let known = facts[transfers[k].txid] else { continue }
      switch known.truth {
      case .failed: transfers[k].success = false
      case .succeeded: transfers[k].success = transfers[k].attested ? true : nil
      case .inconsistent, .unknown: break
      }
      if let block = known.block { transfers[k].block = block }
      // A node-level transfer is dated by node-level records only: an indexer's time cannot
      // date it, not even when the node records say nothing of time.
      let nodeLevel = transfers[k].origin.isNodeLevel
      transfers[k].timestampMs = nodeLevel ? known.nodeTimestampMs : known.timestampMs
    }
    for k in withdrawn.indices { revoked.insert(CreditIdentity(withdrawn[k])) }
    for txid in order {
      guard let known = facts[txid] else { continue }
      switch known.truth {
      case .failed(let result):
        skipped.append(
          SkippedRecord(
            txid: txid, logIndex: nil, reason: .failed, to: nil, origin: .nodeReceipt,
            detail: result))
      case .inconsistent(let problem):
        skipped.append(
          SkippedRecord(
            txid: txid, logIndex: nil, reason: .inconsistent, to: nil, origin: .nodeReceipt,
            detail: problem))
      case .succeeded, .unknown: break
      }
    }
  }

  /// The facts of a transaction, once resolved.
  public func facts(of txid: TransactionID) -> TransactionFacts? { facts[txid] }

  // MARK: - Ordinals

  private struct OrdinalKey: Hashable {
    var txid: TransactionID
    var claim: TransferClaim
    var numbering: Int64
  }

  /// The ordinal of a transfer is how many distinct positions of equal transfers precede its
  /// own in the same numbering: a repeated JSON-RPC log (same logIndex) gets the same ordinal,
  /// two equal logs of one receipt get 0 and 1.
  private mutating func assignOrdinals() {
    // Nearly every claim occurs once in its transaction: only groups whose positions differ
    // get a list of their own.
    var firstPosition: [OrdinalKey: Int64] = [:]
    var repeated: [OrdinalKey: [Int64]] = [:]
    firstPosition.reserveCapacity(transfers.count &+ withdrawn.count)
    func key(_ t: borrowing TokenTransfer) -> OrdinalKey {
      OrdinalKey(txid: t.txid, claim: t.claim, numbering: t.numbering)
    }
    func note(_ t: borrowing TokenTransfer) {
      let k = key(t)
      if let first = firstPosition[k] {
        if first != t.position || repeated[k] != nil {
          repeated[k, default: [first]].append(t.position)
        }
      } else {
        firstPosition[k] = t.position
      }
    }
    for k in transfers.indices { note(transfers[k]) }
    for k in withdrawn.indices { note(withdrawn[k]) }
    guard !repeated.isEmpty else { return }
    for (k, positions) in repeated {
      var distinct = positions.sorted()
      var write = 0
      for position in distinct where write == 0 || distinct[write &- 1] != position {
        distinct[write] = position
        write &+= 1
      }
      repeated[k] = Array(distinct.prefix(write))
    }
    func ordinal(_ t: borrowing TokenTransfer) -> Int64 {
      guard let positions = repeated[key(t)] else { return 0 }
      var low = 0
      var high = positions.count
      while low < high {
        let middle = low &+ (high &- low) / 2
        if positions[middle] < t.position { low = middle &+ 1 } else { high = middle }
      }
      return Int64(low)
    }
    for k in transfers.indices { transfers[k].ordinal = ordinal(transfers[k]) }
    for k in withdrawn.indices { withdrawn[k].ordinal = ordinal(withdrawn[k]) }
  }

  // MARK: - Cross-checks

  /// A block record dates the transactions of its number; a transaction whose own time differs
  /// from its block's is inconsistent, and so is one whose block hash is not the id the block
  /// records give for its number (the block that held it was replaced at that height).
  private mutating func datePerBlock() {
    guard !blockTimes.isEmpty || !blockHashes.isEmpty else { return }
    for (key, known) in facts {
      guard let block = known.block else { continue }
      var updated = known
      if let entry = blockTimes[block] {
        if let stamp = entry {
          updated.agree(onTime: stamp, "its records and its block", nodeLevel: true)
        } else {
          updated.contradict("the records of block \(block) give it different times")
        }
      }
      if let entry = blockHashes[block] {
        if let id = entry {
          if let hash = known.blockHash, hash != id {
            updated.contradict("block \(block) is now another block than the one that held it")
          }
        } else {
          updated.contradict("the records of block \(block) give it different ids")
        }
      }
      facts[key] = updated
    }
  }

  /// A log seen alone (an eth_getLogs entry, an indexer item) must be one of the logs its
  /// transaction's receipt lists, as often as it is claimed.
  private mutating func checkPartialViews() {
    var counts: [OrdinalKey: Int64] = [:]
    var counted = Set<TransactionID>()
    for k in transfers.indices {
      let transfer = transfers[k]
      guard transfer.source == .log || transfer.source == .indexer,
        transfer.origin != .nodeReceipt
      else { continue }
      let txid = transfer.txid
      guard let list = facts[txid]?.logs else { continue }
      if counted.insert(txid).inserted {
        for case let claim? in list.entries {
          counts[OrdinalKey(txid: txid, claim: claim, numbering: 0), default: 0] &+= 1
        }
      }
      let listed = counts[OrdinalKey(txid: txid, claim: transfer.claim, numbering: 0)] ?? 0
      if transfer.ordinal >= listed {
        facts[txid]?.contradict("a log seen alone is not in its receipt's log list")
      }
    }
  }
}
