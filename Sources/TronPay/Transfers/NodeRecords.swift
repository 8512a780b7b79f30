/// Node answers: `gettransactioninfobyid` receipts, transactions and blocks.
extension TransferExtractor {
  /// The members of a receipt that matter, in the order of `receiptKeys`.
  private static let receiptKeys = JSONKeySet([
    "id", "log", "result", "receipt", "blockNumber", "blockTimeStamp", "internal_transactions",
    "fee",
  ])

  private static let logKeys = JSONKeySet(["address", "topics", "data"])

  mutating func nodeReceipt(_ object: JSONRef) {
    let record = nextRecord()
    // One walk over the members picks out the fields (receipts carry about ten).
    var idField: JSONRef? = nil
    var logField: JSONRef? = nil
    var resultField: JSONRef? = nil
    var receiptField: JSONRef? = nil
    var blockField: JSONRef? = nil
    var stampField: JSONRef? = nil
    var internalField: JSONRef? = nil
    var feeField: JSONRef? = nil
    object.forEachMember { key, value in
      switch Self.receiptKeys.position(of: key) {
      case 0: idField = value
      case 1: logField = value
      case 2: resultField = value
      case 3: receiptField = value
      case 4: blockField = value
      case 5: stampField = value
      case 6: internalField = value
      case 7: feeField = value
      default: break
      }
    }
    guard let txid = Hex.txid(idField) else {
      skip(nil, nil, .malformed, to: nil, .nodeReceipt)
      return
    }
    var problem: String? = nil
    let block = Strict.nodeInteger(blockField).read("blockNumber", &problem)
    let timestamp = Strict.nodeInteger(stampField).read("blockTimeStamp", &problem)
    _ = Strict.nodeInteger(feeField).read("fee", &problem)
    let (outcome, contradiction) = ExecutionOutcome.receipt(
      result: resultField, receipt: receiptField, &problem)
    var logs = LogList()
    if let logField = logField, logField.elements == nil, problem == nil {
      problem = "log is not an array"
    }
    if let problem {
      // A record that cannot be read still speaks of its transaction: nothing of it credits.
      skip(txid, nil, .malformed, to: nil, .nodeReceipt)
      sight(txid, .nodeReceipt, .unknown, contradiction: "a receipt of it is malformed: \(problem)")
      return
    }
    let success = outcome.claimedSuccess
    for (position, log) in (logField?.elements ?? JSONRef.Elements.empty).enumerated() {
      let index = Int64(position)
      guard log.isObject else {
        logs.entries.append(nil)
        skip(txid, index, .malformed, to: nil, .nodeReceipt)
        continue
      }
      var address: JSONRef? = nil
      var topics: JSONRef? = nil
      var data: JSONRef? = nil
      log.forEachMember { key, value in
        switch Self.logKeys.position(of: key) {
        case 0: address = value
        case 1: topics = value
        case 2: data = value
        default: break
        }
      }
      switch TransferLog.decode(address: address, topics: topics, data: data, tokens: &tokenCache)
      {
      case .transfer(let token, let from, let to, let amount):
        logs.entries.append(TransferClaim(token: token, from: from, to: to, amount: amount))
        add(
          TokenTransfer(
            txid: txid, logIndex: index, block: block, timestampMs: timestamp, token: token,
            from: from, to: to, amount: amount, success: success, source: .log,
            origin: .nodeReceipt, position: index, numbering: record))
      case .otherEvent:
        logs.entries.append(nil)
      case .malformed(let to):
        logs.entries.append(nil)
        skip(txid, index, .malformed, to: to, .nodeReceipt)
      }
    }
    // A receipt lists all of its internal transactions (none when the key is absent): two
    // receipts of one transaction must list the same ones.
    var internals: [InternalSummary] = []
    if let internalField {
      internals = internalTransactions(
        internalField, txid: txid, block: block, timestampMs: timestamp, success: success,
        origin: .nodeReceipt, record: record, attested: true)
    }
    sight(
      txid, .nodeReceipt, outcome, block: block, timestampMs: timestamp, logs: logs,
      internals: internals, contradiction: contradiction)
  }

  /// Internal transactions in the node form (`caller_address`, `transferTo_address`,
  /// `callValueInfo:[{callValue, tokenId?}]`, `rejected`) or TronGrid's (`from_address`,
  /// `to_address`, `data:{call_value:{"_":n}, rejected}`). Only positive TRX call values of
  /// non-rejected entries count; an entry with a token id (even "") is TRC-10.
  /// Returns what each entry says, for the comparison of receipts.
  @discardableResult
  mutating func internalTransactions(
    _ value: JSONRef, txid: TransactionID, block: Int64?, timestampMs: Int64?, success: Bool?,
    origin: EvidenceOrigin, record: Int64, attested: Bool
  ) -> [InternalSummary] {
    var summaries: [InternalSummary] = []
    guard let list = value.elements else {
      skip(txid, nil, .malformed, to: nil, origin)
      return [InternalSummary(from: nil, to: nil, trx: .zero, flags: 0xff)]
    }
    for (position, item) in list.enumerated() {
      guard let entry = item.objectValue else {
        summaries.append(InternalSummary(from: nil, to: nil, trx: .zero, flags: 0xff))
        skip(txid, nil, .malformed, to: nil, origin)
        continue
      }
      let nested = entry["data"]
      let from = AddressText.parse(entry["caller_address"] ?? entry["from_address"])
      let to = AddressText.parse(entry["transferTo_address"] ?? entry["to_address"])
      let rejectedFlag = Strict.boolean(entry["rejected"] ?? nested?["rejected"])
      var trx = UInt256.zero
      var trc10 = false
      var readable = true
      if let infos = entry["callValueInfo"] {
        for info in infos.elements ?? JSONRef.Elements.empty {
          guard let fields = info.objectValue else {
            readable = false
            continue
          }
          // java-tron prints callValue as a JSON integer.
          let amount =
            fields["callValue"].map { $0.kind == .number ? $0.uint256Value : nil } ?? .zero
          guard let amount else {
            readable = false
            continue
          }
          if fields["tokenId"] != nil {
            if !amount.isZero { trc10 = true }
          } else if let sum = trx.adding(amount) {
            trx = sum
          } else {
            readable = false
          }
        }
        if infos.elements == nil { readable = false }
      } else if let values = nested?["call_value"]?.members {
        for member in values {
          guard let amount = member.value.unsignedAmount else {
            readable = false
            continue
          }
          if member.key != "_" {
            if !amount.isZero { trc10 = true }
          } else if let sum = trx.adding(amount) {
            trx = sum
          } else {
            readable = false
          }
        }
      }
      var flags: UInt8 = trc10 ? 1 : 0
      if !readable { flags |= 2 }
      switch rejectedFlag {
      case .value(true): flags |= 4
      case .wrong: flags |= 8
      case .value(false), .absent: break
      }
      summaries.append(InternalSummary(from: from, to: to, trx: trx, flags: flags))
      if trx.isZero && !trc10 && readable { continue }  // a plain call moving nothing
      guard readable, let fromAddress = from, let toAddress = to else {
        skip(txid, nil, .malformed, to: to, origin)
        continue
      }
      switch rejectedFlag {
      case .value(true):
        skip(txid, nil, .rejected, to: toAddress, origin)
        continue
      case .wrong:
        skip(txid, nil, .malformed, to: toAddress, origin)
        continue
      case .value(false), .absent:
        break
      }
      if trc10 { skip(txid, nil, .trc10, to: toAddress, origin) }
      if !trx.isZero {
        add(
          TokenTransfer(
            txid: txid, logIndex: nil, block: block, timestampMs: timestampMs, token: nil,
            from: fromAddress, to: toAddress, amount: trx, success: success, source: .internal,
            origin: origin, position: Int64(position), numbering: record, attested: attested))
      }
    }
    return summaries
  }

  mutating func nodeBlock(_ object: JSONRef) {
    let header = object["block_header"]?["raw_data"]
    var problem: String? = nil
    let block = Strict.nodeInteger(header?["number"]).read("block number", &problem)
    let timestamp = Strict.nodeInteger(header?["timestamp"]).read("block timestamp", &problem)
    // The block id is what JSON-RPC calls the block hash: both name the block of a height.
    let id = Strict.hash(object["blockID"]).read("blockID", &problem)
    if problem != nil {
      skip(nil, nil, .malformed, to: nil, .nodeTransaction)
      return
    }
    if let block { noteBlock(block, time: timestamp, hash: id) }
    guard let transactions = object["transactions"] else { return }  // an empty block
    guard let list = transactions.elements else {
      skip(nil, nil, .malformed, to: nil, .nodeTransaction)
      return
    }
    for item in list {
      guard let tx = item.objectValue else {
        skip(nil, nil, .malformed, to: nil, .nodeTransaction)
        continue
      }
      transaction(tx, block: block, blockHash: id, timestampMs: timestamp)
    }
  }
}
