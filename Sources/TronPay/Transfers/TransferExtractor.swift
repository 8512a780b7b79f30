/// Recognises each evidence shape API.md lists and collects its transfers.
///
/// Shapes are told apart by their keys: a JSON-RPC envelope (`jsonrpc`, or `id` with a non-text
/// `result`), a TronGrid page (`data` array with `success`/`meta`), a `{"block":[…]}` list, a
/// block (`block_header`/`blockID`), a transaction (`raw_data`/`txID`), a JSON-RPC receipt
/// (`transactionHash` + `logs`) or log (`topics`), a TronGrid TRC-20 item (`token_info`) or event
/// (`event_name`), and a node receipt (`id`/`log`/`blockNumber`/`receipt`). `{}` (a receipt not
/// yet available) says nothing. A top-level array holds records of these shapes.
///
/// It reads a validated tape (`JSONTapeDocument`) in one walk, with no tree of values.
public struct TransferExtractor {
  public internal(set) var report = TransferReport()
  var tokenCache = TransferLog.TokenCache()

  public init() {}

  /// Parses JSON text and extracts from it.
  public static func extract(_ bytes: UnsafeRawBufferPointer) throws(TronPayError)
    -> TransferReport
  {
    try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) -> TransferReport in
      var extractor = TransferExtractor()
      try extractor.add(root)
      return extractor.resolvedReport()
    }
  }

  /// The numbering that the JSON-RPC logIndex values of the current answer share, made when
  /// the answer's first such log is read.
  var answerNumbering: Int64? = nil

  /// Adds one piece of evidence (one answer): a record or a top-level array of records.
  public mutating func add(_ value: JSONRef) throws(TronPayError) {
    // A logIndex counts across its block, so it orders logs only inside the answer that
    // carries it: another answer may have seen the transaction in another block at that
    // height. Each answer numbers afresh, and answers meet by ordinal, never by logIndex.
    answerNumbering = nil
    if let items = value.elements {
      for item in items {
        guard item.isObject else {
          throw TronPayError(.json, "transfers: an array must hold objects")
        }
        try record(item)
      }
    } else if value.isObject {
      try record(value)
    } else {
      throw TronPayError(.json, "transfers: expected an object or an array of objects")
    }
  }

  /// The keys that tell record shapes apart, in `shapeKeys` order.
  private enum ShapeKey: Int {
    case nodeError, error, jsonrpc, id, result, data, success, meta, block, blockHeader, blockID
    case rawData, txID, transactionHash, logs, topics, tokenInfo, eventName, log, blockNumber
    case receipt, parentHash
  }

  private static let shapeKeys = JSONKeySet([
    "Error", "error", "jsonrpc", "id", "result", "data", "success", "meta", "block",
    "block_header", "blockID", "raw_data", "txID", "transactionHash", "logs", "topics",
    "token_info", "event_name", "log", "blockNumber", "receipt", "parentHash",
  ])

  mutating func record(_ object: JSONRef) throws(TronPayError) {
    if object.isEmptyObject { return }
    let mask = object.keyMask(Self.shapeKeys)
    func has(_ key: ShapeKey) -> Bool { mask & (1 << UInt64(key.rawValue)) != 0 }
    if has(.nodeError) || has(.error) && !has(.jsonrpc) {
      throw TronPayError(.json, "transfers: the answer is an error object")
    }
    if has(.jsonrpc) || has(.id) && has(.result) && isEnvelopeResult(object["result"]) {
      try envelope(object)
    } else if has(.data), has(.success) || has(.meta), let items = object["data"]?.elements {
      if has(.success), object["success"]?.boolValue != true {
        throw TronPayError(.json, "transfers: the TronGrid page says \"success\" is not true")
      }
      for item in items {
        guard item.isObject else {
          throw TronPayError(.json, "transfers: TronGrid data must hold objects")
        }
        try record(item)
      }
    } else if has(.block), let blocks = object["block"]?.elements {
      for block in blocks {
        guard block.isObject else {
          throw TronPayError(.json, "transfers: \"block\" must hold block objects")
        }
        nodeBlock(block)
      }
    } else if has(.blockHeader) || has(.blockID) {
      nodeBlock(object)
    } else if has(.rawData) || has(.txID) {
      transaction(object, block: nil, timestampMs: nil)
    } else if has(.transactionHash) && has(.logs) {
      rpcReceipt(object)
    } else if has(.topics) {
      rpcLog(object)
    } else if has(.parentHash) {
      rpcBlock(object)
    } else if has(.tokenInfo) {
      trongridTRC20(object)
    } else if has(.eventName) {
      trongridEvent(object)
    } else if has(.id) || has(.log) || has(.blockNumber) || has(.receipt) {
      nodeReceipt(object)
    } else {
      throw TronPayError(.json, "transfers: unrecognised record shape")
    }
  }

  /// A node receipt's `result` is text ("FAILED"); a JSON-RPC result never is.
  private func isEnvelopeResult(_ value: JSONRef?) -> Bool {
    guard let value else { return false }
    return value.isArray || value.isObject || value.isNull
  }

  private mutating func envelope(_ object: JSONRef) throws(TronPayError) {
    if let error = object["error"], !error.isNull {
      throw TronPayError(.json, "transfers: the JSON-RPC answer is an error")
    }
    guard let result = object["result"], !result.isNull else { return }  // nothing yet
    if let items = result.elements {
      for item in items {
        guard item.isObject else {
          throw TronPayError(.json, "transfers: a JSON-RPC result must hold objects")
        }
        try rpcResult(item)
      }
    } else if result.isObject {
      try rpcResult(result)
    } else {
      throw TronPayError(.json, "transfers: unexpected JSON-RPC result")
    }
  }

  /// One object of a JSON-RPC result: a receipt, a block, or a log.
  private mutating func rpcResult(_ object: JSONRef) throws(TronPayError) {
    if object["logs"] != nil {
      rpcReceipt(object)
    } else if object["parentHash"] != nil {
      rpcBlock(object)
    } else {
      rpcLog(object)
    }
  }

  // MARK: - Collecting

  /// The report, its transactions judged from all their records (`TransferReport.resolve`).
  public func resolvedReport() -> TransferReport {
    var resolved = report
    resolved.resolve()
    return resolved
  }

  mutating func add(_ transfer: TokenTransfer) { report.transfers.append(transfer) }

  /// A new record: its number is the numbering of its own transfers' positions.
  mutating func nextRecord() -> Int64 {
    report.recordCount &+= 1
    return report.recordCount
  }

  /// The numbering of the current answer's JSON-RPC logIndex values.
  mutating func logIndexNumbering() -> Int64 {
    if let known = answerNumbering { return known }
    let fresh = nextRecord()
    answerNumbering = fresh
    return fresh
  }

  mutating func sight(
    _ txid: TransactionID, _ origin: EvidenceOrigin, _ outcome: TransactionSighting.Outcome,
    block: Int64? = nil, blockHash: TransactionID? = nil, timestampMs: Int64? = nil,
    logs: LogList? = nil, internals: [InternalSummary]? = nil, contradiction: String? = nil
  ) {
    report.sightings.append(
      TransactionSighting(
        txid: txid, origin: origin, outcome: outcome, block: block, blockHash: blockHash,
        timestampMs: timestampMs, logs: logs, internals: internals,
        contradiction: contradiction))
  }

  /// A block record's time and id; two records of one number that disagree on either date
  /// nothing of that number (and make its transactions inconsistent, for the id).
  mutating func noteBlock(_ number: Int64, time: Int64?, hash: TransactionID?) {
    if let time {
      if let known = report.blockTimes[number], known != time {
        report.blockTimes[number] = .some(nil)
      } else {
        report.blockTimes[number] = time
      }
    }
    if let hash {
      if let known = report.blockHashes[number], known != hash {
        report.blockHashes[number] = .some(nil)
      } else {
        report.blockHashes[number] = hash
      }
    }
  }

  mutating func skip(
    _ txid: TransactionID?, _ logIndex: Int64?, _ reason: TransferReason, to: Address?,
    _ origin: EvidenceOrigin, detail: String? = nil
  ) {
    report.skipped.append(
      SkippedRecord(
        txid: txid, logIndex: logIndex, reason: reason, to: to, origin: origin,
        detail: detail))
  }
}
