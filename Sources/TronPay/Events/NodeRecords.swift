/// Node answers: `gettransactioninfobyid` receipts, transactions and blocks.
extension TransferExtractor {
  /// A receipt's execution verdict: false when the node says FAILED or the receipt result is
  /// anything but SUCCESS; nil when neither is stated (plain TRX transfers carry no VM result).

  mutating func nodeReceipt(_ object: JSONRef) {
    // One walk over the members picks out the fields (receipts carry about ten).
    var idField: JSONRef? = nil
    var blockField: JSONRef? = nil
    var stampField: JSONRef? = nil
    var logField: JSONRef? = nil
    var internalField: JSONRef? = nil
    var resultField: JSONRef? = nil
    var receiptField: JSONRef? = nil
    object.forEachMember { key, value in
      switch key.plainLength {
      case 2: if key.isString("id") { idField = value }
      case 3: if key.isString("log") { logField = value }
      case 6: if key.isString("result") { resultField = value }
      case 7: if key.isString("receipt") { receiptField = value }
      case 11: if key.isString("blockNumber") { blockField = value }
      case 14: if key.isString("blockTimeStamp") { stampField = value }
      case 21: if key.isString("internal_transactions") { internalField = value }
      case -1:
        // An escaped key: compare its decoded text.
        if key.isString("id") { idField = value }
        if key.isString("log") { logField = value }
        if key.isString("result") { resultField = value }
        if key.isString("receipt") { receiptField = value }
        if key.isString("blockNumber") { blockField = value }
        if key.isString("blockTimeStamp") { stampField = value }
        if key.isString("internal_transactions") { internalField = value }
      default: break
      }
    }
    guard let txid = HexText.txid(idField) else {
      skip(nil, nil, "malformed", to: nil, .nodeReceipt)
      return
    }
    let block = blockField?.nonNegativeInteger
    let timestamp = stampField?.nonNegativeInteger
    var success: Bool? = nil
    if let result = resultField, !result.isString("SUCESS"), !result.isString("SUCCESS") {
      success = false
    } else if let receiptResult = receiptField?["result"] {
      success = receiptResult.isString("SUCCESS")
    }
    if let logs = logField {
      guard let list = logs.elements else {
        skip(txid, nil, "malformed", to: nil, .nodeReceipt)
        return
      }
      for (position, log) in list.enumerated() {
        let index = Int64(position)
        guard log.isObject else {
          skip(txid, index, "malformed", to: nil, .nodeReceipt)
          continue
        }
        var address: JSONRef? = nil
        var topics: JSONRef? = nil
        var data: JSONRef? = nil
        log.forEachMember { key, value in
          if key.isString("address") {
            address = value
          } else if key.isString("topics") {
            topics = value
          } else if key.isString("data") {
            data = value
          }
        }
        switch TransferLog.decode(address: address, topics: topics, data: data, tokens: &tokenCache)
        {
        case .transfer(let token, let from, let to, let amount):
          add(
            TokenTransfer(
              txid: txid, logIndex: index, block: block, timestampMs: timestamp, token: token,
              from: from, to: to, amount: amount, success: success, source: .log,
              origin: .nodeReceipt, position: index))
        case .otherEvent:
          continue
        case .malformed(let to):
          skip(txid, index, "malformed", to: to, .nodeReceipt)
        }
      }
    }
    if let internals = internalField {
      internalTransactions(
        internals, txid: txid, block: block, timestampMs: timestamp, success: success,
        origin: .nodeReceipt)
    }
  }

  /// Internal transactions in the node form (`caller_address`, `transferTo_address`,
  /// `callValueInfo:[{callValue, tokenId?}]`, `rejected`) or TronGrid's (`from_address`,
  /// `to_address`, `data:{call_value:{"_":n}, rejected}`). Only positive TRX call values of
  /// non-rejected entries count; token ids are TRC-10.
  mutating func internalTransactions(
    _ value: JSONRef, txid: [UInt8], block: Int64?, timestampMs: Int64?, success: Bool?,
    origin: EvidenceOrigin
  ) {
    guard let list = value.elements else {
      skip(txid, nil, "malformed", to: nil, origin)
      return
    }
    for (position, item) in list.enumerated() {
      guard let entry = item.objectValue else {
        skip(txid, nil, "malformed", to: nil, origin)
        continue
      }
      let nested = entry["data"]
      let from = AddressText.parse(entry["caller_address"] ?? entry["from_address"])
      let to = AddressText.parse(entry["transferTo_address"] ?? entry["to_address"])
      let rejectedFlag = entry["rejected"] ?? nested?["rejected"]
      var trx = UInt256.zero
      var trc10 = false
      var readable = true
      if let infos = entry["callValueInfo"] {
        for info in infos.elements ?? JSONRef.Elements.empty {
          guard let fields = info.objectValue else {
            readable = false
            continue
          }
          let amount = fields["callValue"].map { $0.unsignedAmount } ?? .zero
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
      if trx.isZero && !trc10 && readable { continue }  // a plain call moving nothing
      guard readable, let fromAddress = from, let toAddress = to else {
        skip(txid, nil, "malformed", to: to, origin)
        continue
      }
      if rejectedFlag?.boolValue == true {
        skip(txid, nil, "rejected", to: toAddress, origin)
        continue
      }
      if rejectedFlag != nil && rejectedFlag?.boolValue == nil {
        skip(txid, nil, "malformed", to: toAddress, origin)
        continue
      }
      if trc10 { skip(txid, nil, "trc10", to: toAddress, origin) }
      if !trx.isZero {
        add(
          TokenTransfer(
            txid: txid, logIndex: nil, block: block, timestampMs: timestampMs, token: nil,
            from: fromAddress, to: toAddress, amount: trx, success: success, source: .internal,
            origin: origin, position: Int64(position)))
      }
    }
  }

  mutating func nodeBlock(_ object: JSONRef) {
    let header = object["block_header"]?["raw_data"]
    let block = header?["number"]?.nonNegativeInteger
    let timestamp = header?["timestamp"]?.nonNegativeInteger
    guard let transactions = object["transactions"] else { return }  // an empty block
    guard let list = transactions.elements else {
      skip(nil, nil, "malformed", to: nil, .nodeTransaction)
      return
    }
    for item in list {
      guard let tx = item.objectValue else {
        skip(nil, nil, "malformed", to: nil, .nodeTransaction)
        continue
      }
      transaction(tx, block: block, timestampMs: timestamp)
    }
  }

  /// A node transaction (alone, inside a block, or as a TronGrid account-history item, which
  /// adds `blockNumber`, `block_timestamp` and `internal_transactions`). Only TRX
  /// `TransferContract`s are transfers; `TransferAssetContract` is TRC-10 and never TRX;
  /// contract calls move tokens only through their logs, which a transaction does not carry.
  mutating func transaction(_ object: JSONRef, block: Int64?, timestampMs: Int64?) {
    let fromIndexer = object["block_timestamp"] != nil || object["blockNumber"] != nil
    let origin: EvidenceOrigin = fromIndexer ? .indexerTransaction : .nodeTransaction
    guard let txid = HexText.txid(object["txID"]) else {
      skip(nil, nil, "malformed", to: nil, origin)
      return
    }
    let block = block ?? object["blockNumber"]?.nonNegativeInteger
    let timestamp = timestampMs ?? object["block_timestamp"]?.nonNegativeInteger
    var success: Bool? = nil
    if let ret = object["ret"]?.firstElement {
      success = ret["contractRet"]?.isString("SUCCESS") == true
    }
    guard let contracts = object["raw_data"]?["contract"]?.elements else {
      skip(txid, nil, "malformed", to: nil, origin)
      return
    }
    for (position, item) in contracts.enumerated() {
      guard let contract = item.objectValue else {
        skip(txid, nil, "malformed", to: nil, origin)
        continue
      }
      let type = contract["type"]?.stringValue
      guard type == "TransferContract" || type == "TransferAssetContract" else { continue }
      let value = contract["parameter"]?["value"]
      let to = AddressText.parse(value?["to_address"])
      // One contract per transaction is all the chain produces; more would make `ret` and the
      // identity of each movement ambiguous, so such a transaction is refused, never half-read.
      if contracts.count != 1 {
        skip(txid, nil, "unsupported", to: to, origin)
        continue
      }
      if type == "TransferAssetContract" {
        skip(txid, nil, "trc10", to: to, origin)
        continue
      }
      guard let toAddress = to, let from = AddressText.parse(value?["owner_address"]),
        let amount = value?["amount"]?.int64Value, amount > 0
      else {
        skip(txid, nil, "malformed", to: to, origin)
        continue
      }
      add(
        TokenTransfer(
          txid: txid, logIndex: nil, block: block, timestampMs: timestamp, token: nil, from: from,
          to: toAddress, amount: UInt256(UInt64(amount)), success: success,
          source: .transferContract, origin: origin, position: Int64(position)))
    }
    if let internals = object["internal_transactions"] {
      internalTransactions(
        internals, txid: txid, block: block, timestampMs: timestamp, success: success,
        origin: origin)
    }
  }
}
