/// Recognises each evidence shape API.md lists and collects its transfers.
///
/// Shapes are told apart by their keys: a JSON-RPC envelope (`jsonrpc`, or `id` with a non-text
/// `result`), a TronGrid page (`data` array with `success`/`meta`), a `{"block":[…]}` list, a
/// block (`block_header`/`blockID`), a transaction (`raw_data`/`txID`), a JSON-RPC receipt
/// (`transactionHash` + `logs`) or log (`topics`), a TronGrid TRC-20 item (`token_info`) or event
/// (`event_name`), and a node receipt (`id`/`log`/`blockNumber`/`receipt`). `{}` (a receipt not
/// yet available) says nothing. A top-level array holds records of these shapes.
public struct TransferExtractor {
  public private(set) var report = TransferReport()

  public init() {}

  /// Parses JSON text and extracts from it.
  public static func extract(_ bytes: UnsafeRawBufferPointer) throws(TronPayError)
    -> TransferReport
  {
    let value = try JSONReader.parse(bytes)
    var extractor = TransferExtractor()
    try extractor.add(value)
    return extractor.report
  }

  /// Adds one piece of evidence: a record or a top-level array of records.
  public mutating func add(_ value: JSONValue) throws(TronPayError) {
    switch value {
    case .array(let items):
      for item in items {
        guard case .object(let object) = item else {
          throw TronPayError(.json, "transfers: an array must hold objects")
        }
        try record(object, allowArrays: true)
      }
    case .object(let object):
      try record(object, allowArrays: true)
    default:
      throw TronPayError(.json, "transfers: expected an object or an array of objects")
    }
  }

  mutating func record(_ object: JSONObject, allowArrays: Bool) throws(TronPayError) {
    if object.isEmpty { return }
    if object["Error"] != nil || object["error"] != nil && object["jsonrpc"] == nil {
      throw TronPayError(.json, "transfers: the answer is an error object")
    }
    if object["jsonrpc"] != nil || object["id"] != nil && isEnvelopeResult(object["result"]) {
      try envelope(object)
    } else if case .array(let items)? = object["data"],
      object["success"] != nil || object["meta"] != nil
    {
      for item in items {
        guard case .object(let entry) = item else {
          throw TronPayError(.json, "transfers: TronGrid data must hold objects")
        }
        try record(entry, allowArrays: false)
      }
    } else if case .array(let blocks)? = object["block"] {
      for item in blocks {
        guard case .object(let block) = item else {
          throw TronPayError(.json, "transfers: \"block\" must hold block objects")
        }
        nodeBlock(block)
      }
    } else if object["block_header"] != nil || object["blockID"] != nil {
      nodeBlock(object)
    } else if object["raw_data"] != nil || object["txID"] != nil {
      transaction(object, block: nil, timestampMs: nil)
    } else if object["transactionHash"] != nil && object["logs"] != nil {
      rpcReceipt(object)
    } else if object["topics"] != nil {
      rpcLog(object, success: true)
    } else if object["token_info"] != nil {
      trongridTRC20(object)
    } else if object["event_name"] != nil {
      trongridEvent(object)
    } else if object["id"] != nil || object["log"] != nil || object["blockNumber"] != nil
      || object["receipt"] != nil
    {
      nodeReceipt(object)
    } else {
      throw TronPayError(.json, "transfers: unrecognised record shape")
    }
  }

  /// A node receipt's `result` is text ("FAILED"); a JSON-RPC result never is.
  private func isEnvelopeResult(_ value: JSONValue?) -> Bool {
    switch value {
    case .array?, .object?, .null?: return true
    default: return false
    }
  }

  private mutating func envelope(_ object: JSONObject) throws(TronPayError) {
    if let error = object["error"], !error.isNull {
      throw TronPayError(.json, "transfers: the JSON-RPC answer is an error")
    }
    switch object["result"] {
    case .array(let items)?:
      for item in items {
        guard case .object(let entry) = item else {
          throw TronPayError(.json, "transfers: a JSON-RPC result must hold objects")
        }
        if entry["logs"] != nil { rpcReceipt(entry) } else { rpcLog(entry, success: true) }
      }
    case .object(let entry)?:
      if entry["logs"] != nil { rpcReceipt(entry) } else { rpcLog(entry, success: true) }
    case .null?, nil:
      return  // not found yet: says nothing
    default:
      throw TronPayError(.json, "transfers: unexpected JSON-RPC result")
    }
  }

  // MARK: - Collecting

  mutating func add(_ transfer: TokenTransfer) { report.transfers.append(transfer) }

  mutating func skip(
    _ txid: [UInt8]?, _ logIndex: Int64?, _ reason: String, to: Address?, _ origin: EvidenceOrigin
  ) {
    report.skipped.append(
      SkippedRecord(txid: txid ?? [], logIndex: logIndex, reason: reason, to: to, origin: origin))
  }
}
