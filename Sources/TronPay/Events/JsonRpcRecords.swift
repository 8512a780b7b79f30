/// JSON-RPC answers: `eth_getLogs` log objects and `eth_getTransactionReceipt` receipts.
extension TransferExtractor {
  /// A receipt: its `status` (0x1 / 0x0) decides the success of every log in it.
  mutating func rpcReceipt(_ object: JSONRef) {
    var success: Bool? = nil
    if let status = object["status"]?.withText({ HexText.quantity($0) }) ?? nil {
      success = status == 1
    }
    guard let logs = object["logs"]?.elements else {
      skip(HexText.txid(object["transactionHash"]), nil, "malformed", to: nil, .jsonRpc)
      return
    }
    for log in logs {
      guard let entry = log.objectValue else {
        skip(HexText.txid(object["transactionHash"]), nil, "malformed", to: nil, .jsonRpc)
        continue
      }
      rpcLog(entry, success: success, receipt: object)
    }
  }

  /// One log. `eth_getLogs` returns logs of successful executions only (the node drops the logs
  /// of a reverted call), so a bare log counts as successful unless `removed` says its block
  /// was abandoned.
  mutating func rpcLog(_ object: JSONRef, success: Bool?, receipt: JSONRef? = nil) {
    let txid = HexText.txid(object["transactionHash"] ?? receipt?["transactionHash"])
    let index = object["logIndex"]?.nonNegativeInteger
    guard let txid, object["logIndex"] == nil || index != nil else {
      skip(txid, index, "malformed", to: nil, .jsonRpc)
      return
    }
    let blockValue = object["blockNumber"] ?? receipt?["blockNumber"]
    let block = blockValue?.nonNegativeInteger
    let stampValue = object["blockTimestamp"] ?? receipt?["blockTimestamp"]
    // Quantities are seconds on EVM chains; TRON's JSON-RPC reports no block time at all.
    let timestamp = stampValue?.nonNegativeInteger.flatMap { seconds in
      let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
      return overflow ? nil : ms
    }
    let outcome = TransferLog.decode(
      address: object["address"], topics: object["topics"], data: object["data"],
      tokens: &tokenCache)
    if object["removed"]?.boolValue == true {
      if case .otherEvent = outcome { return }
      var to: Address? = nil
      if case .transfer(_, _, let recipient, _) = outcome { to = recipient }
      skip(txid, index, "removed", to: to, .jsonRpc)
      return
    }
    switch outcome {
    case .transfer(let token, let from, let to, let amount):
      add(
        TokenTransfer(
          txid: txid, logIndex: index, block: block, timestampMs: timestamp, token: token,
          from: from, to: to, amount: amount, success: success, source: .log, origin: .jsonRpc,
          position: index ?? -1))
    case .otherEvent:
      return
    case .malformed(let to):
      skip(txid, index, "malformed", to: to, .jsonRpc)
    }
  }
}
