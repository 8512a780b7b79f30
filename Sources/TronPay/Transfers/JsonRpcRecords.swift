/// JSON-RPC answers: `eth_getLogs` log objects, `eth_getTransactionReceipt` receipts and
/// `eth_getBlockByNumber` blocks (which date the logs of their number: TRON's logs carry no
/// time). Quantities are `0x` hex, hashes 32 bytes of hex; any other form is malformed. The
/// block hash is a fact of the transaction: records of one txid naming two block hashes, or a
/// block record whose id for that number differs, describe a reorg and credit nothing.
extension TransferExtractor {
  /// A receipt: its `status` (0x1 / 0x0) decides every log in it, and its logs must name its
  /// own transaction and block. Its logs are numbered by their order in the receipt (logIndex,
  /// which counts across the block, must rise with it, and may be absent): two equal logs are
  /// two movements whatever their logIndex says.
  mutating func rpcReceipt(_ object: JSONRef) {
    let record = nextRecord()
    guard let txid = Hex.txid(object["transactionHash"]) else {
      skip(nil, nil, .malformed, to: nil, .jsonRpc)
      return
    }
    var problem: String? = nil
    let status = Strict.quantity(object["status"]).read("status", &problem)
    let block = Strict.quantity(object["blockNumber"]).read("blockNumber", &problem)
    let hash = Strict.hash(object["blockHash"]).read("blockHash", &problem)
    let logs = object["logs"]?.elements
    if logs == nil, problem == nil { problem = "logs is not an array" }
    if let status, status > 1, problem == nil { problem = "status is neither 0x0 nor 0x1" }
    guard problem == nil, let logs else {
      skip(txid, nil, .malformed, to: nil, .jsonRpc)
      sight(txid, .jsonRpc, .unknown, contradiction: "a receipt of it is malformed")
      return
    }
    let outcome: TransactionSighting.Outcome =
      switch status {
      case 1: .succeeded
      case 0: .failed("status 0x0")
      default: .unknown
      }
    var list = LogList()
    var contradiction: String? = nil
    var lastIndex: Int64? = nil
    for (offset, log) in logs.enumerated() {
      guard let entry = log.objectValue else {
        list.entries.append(nil)
        skip(txid, nil, .malformed, to: nil, .jsonRpc)
        continue
      }
      if let named = entry["transactionHash"], Hex.txid(named) != txid {
        contradiction = "a log in its receipt names another transaction"
      }
      if case .value(let number) = Strict.quantity(entry["blockNumber"]), number != block {
        contradiction = "its receipt and its logs name different blocks"
      }
      if case .value(let logHash) = Strict.hash(entry["blockHash"]), logHash != hash {
        contradiction = "its receipt and its logs name different block hashes"
      }
      if case .value(let index) = Strict.quantity(entry["logIndex"]) {
        if let lastIndex, index <= lastIndex {
          contradiction = "its receipt's logs are not in logIndex order"
        }
        lastIndex = index
      }
      list.entries.append(
        rpcLog(
          entry, success: outcome.claimedSuccess, txid: txid, block: block, position: Int64(offset),
          numbering: record))
    }
    sight(
      txid, .jsonRpc, outcome, block: block, blockHash: hash, logs: list,
      contradiction: contradiction)
  }

  /// One `eth_getLogs` log. The node returns logs of successful executions only (it keeps no
  /// logs of a reverted call), so a log seen alone says its transaction succeeded, unless
  /// `removed:true` says its block was abandoned: then it revokes that movement wherever else
  /// it appears. Its logIndex orders it among the equal logs of the same answer only.
  mutating func rpcLog(_ object: JSONRef) {
    let record = nextRecord()
    guard let txid = Hex.txid(object["transactionHash"]) else {
      skip(nil, nil, .malformed, to: nil, .jsonRpc)
      return
    }
    var problem: String? = nil
    let block = Strict.quantity(object["blockNumber"]).read("blockNumber", &problem)
    let hash = Strict.hash(object["blockHash"]).read("blockHash", &problem)
    let removed = Strict.boolean(object["removed"]).read("removed", &problem)
    let index = Strict.quantity(object["logIndex"]).read("logIndex", &problem)
    if let problem {
      // An unreadable log still speaks of its transaction (it may be a withdrawal): nothing of
      // that transaction credits, as with an unreadable receipt.
      skip(txid, nil, .malformed, to: nil, .jsonRpc)
      sight(txid, .jsonRpc, .unknown, contradiction: "a log of it is malformed: \(problem)")
      return
    }
    // Without a logIndex a log cannot be told from a repetition of an equal one: it stands
    // alone (ordinal 0), so equal logs without one never add up to more than one movement.
    let numbering = index == nil ? record : logIndexNumbering()
    let position = index ?? 0
    if removed == true {
      return self.removed(object, txid, position: position, numbering: numbering)
    }
    rpcLog(
      object, success: true, txid: txid, block: block, position: position, numbering: numbering)
    sight(txid, .jsonRpc, .succeeded, block: block, blockHash: hash)
  }

  /// Reads one log into a transfer; returns its claim for the receipt's log list.
  @discardableResult
  private mutating func rpcLog(
    _ object: JSONRef, success: Bool?, txid: TransactionID, block: Int64?, position: Int64,
    numbering: Int64
  ) -> TransferClaim? {
    var problem: String? = nil
    let index = Strict.quantity(object["logIndex"]).read("logIndex", &problem)
    let timestamp = Strict.quantitySeconds(object["blockTimestamp"]).read(
      "blockTimestamp", &problem)
    let removed = Strict.boolean(object["removed"]).read("removed", &problem)
    _ = Strict.hash(object["blockHash"]).read("blockHash", &problem)
    guard problem == nil else {
      skip(txid, index, .malformed, to: nil, .jsonRpc)
      return nil
    }
    if removed == true {
      self.removed(object, txid, position: position, numbering: numbering)
      return nil
    }
    let outcome = TransferLog.decode(
      address: object["address"], topics: object["topics"], data: object["data"],
      tokens: &tokenCache)
    switch outcome {
    case .transfer(let token, let from, let to, let amount):
      add(
        TokenTransfer(
          txid: txid, logIndex: index, block: block, timestampMs: timestamp, token: token,
          from: from, to: to, amount: amount, success: success, source: .log, origin: .jsonRpc,
          position: position, numbering: numbering))
      return TransferClaim(token: token, from: from, to: to, amount: amount)
    case .otherEvent:
      return nil
    case .malformed(let to):
      skip(txid, index, .malformed, to: to, .jsonRpc)
      return nil
    }
  }

  /// A withdrawn log: listed as `removed`, and its identity revoked.
  private mutating func removed(
    _ object: JSONRef, _ txid: TransactionID, position: Int64, numbering: Int64
  ) {
    var problem: String? = nil
    let index = Strict.quantity(object["logIndex"]).read("logIndex", &problem)
    let outcome = TransferLog.decode(
      address: object["address"], topics: object["topics"], data: object["data"],
      tokens: &tokenCache)
    guard case .transfer(let token, let from, let to, let amount) = outcome else {
      if case .malformed(let to) = outcome { skip(txid, index, .removed, to: to, .jsonRpc) }
      return
    }
    skip(txid, index, .removed, to: to, .jsonRpc)
    report.withdrawn.append(
      TokenTransfer(
        txid: txid, logIndex: index, block: nil, timestampMs: nil, token: token, from: from,
        to: to, amount: amount, success: nil, source: .log, origin: .jsonRpc,
        position: position, numbering: numbering))
  }

  /// `eth_getBlockByNumber`: its time dates the logs of its number.
  mutating func rpcBlock(_ object: JSONRef) {
    var problem: String? = nil
    let number = Strict.quantity(object["number"]).read("number", &problem)
    let time = Strict.quantitySeconds(object["timestamp"]).read("timestamp", &problem)
    let hash = Strict.hash(object["hash"]).read("hash", &problem)
    guard problem == nil, let number, let time else {
      skip(nil, nil, .malformed, to: nil, .jsonRpc)
      return
    }
    noteBlock(number, time: time, hash: hash)
  }
}
