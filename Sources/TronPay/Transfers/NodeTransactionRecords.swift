/// Node transactions: alone (`gettransactionbyid`), inside a block, or as a TronGrid
/// account-history item (which adds `blockNumber`, `block_timestamp` and
/// `internal_transactions`). Only TRX `TransferContract`s are transfers;
/// `TransferAssetContract` is TRC-10 and never TRX; contract calls move tokens only through
/// their logs, which a transaction does not carry.
///
/// The txID is the SHA-256 of the signed `raw_data_hex`; the JSON `raw_data` beside it is a
/// rendering anyone could edit. So a transfer is read from the decoded bytes, and JSON that
/// disagrees with them makes the transaction inconsistent. Without the bytes a transaction is an
/// indexer's word: it can make an invoice `detected`, never paid.
extension TransferExtractor {
  mutating func transaction(
    _ object: JSONRef, block: Int64?, blockHash: TransactionID? = nil, timestampMs: Int64?
  ) {
    let record = nextRecord()
    let fromIndexer = object["block_timestamp"] != nil || object["blockNumber"] != nil
    let origin: EvidenceOrigin = fromIndexer ? .indexerTransaction : .nodeTransaction
    guard let txid = Hex.txid(object["txID"]) else {
      skip(nil, nil, .malformed, to: nil, origin)
      return
    }
    var problem: String? = nil
    let block = block ?? Strict.nodeInteger(object["blockNumber"]).read("blockNumber", &problem)
    let timestamp =
      timestampMs
      ?? Strict.nodeInteger(object["block_timestamp"]).read("block_timestamp", &problem)
    var (outcome, contradiction) = ExecutionOutcome.ret(object["ret"], &problem)
    guard problem == nil, let contracts = object["raw_data"]?["contract"]?.elements else {
      skip(txid, nil, .malformed, to: nil, origin)
      sight(txid, origin, .unknown, contradiction: "a record of it is malformed")
      return
    }
    var transfer: TokenTransfer? = nil
    var signed = false
    if contracts.count != 1 {
      // One contract per transaction is all the chain produces; more would make `ret` and the
      // identity of each movement ambiguous, so such a transaction is refused, never half-read.
      for item in contracts where isTransferType(item["type"]) {
        let to = AddressText.parse(item["parameter"]?["value"]?["to_address"])
        skip(txid, nil, .unsupported, to: to, origin)
      }
    } else if let contract = contracts.first(where: { _ in true }) {
      let read = contractOf(contract, txid: txid, rawHex: object["raw_data_hex"])
      switch read {
      case .transfer(let from, let to, let amount, let fromBytes):
        signed = fromBytes
        transfer = TokenTransfer(
          txid: txid, logIndex: nil, block: block, timestampMs: timestamp, token: nil,
          from: from, to: to, amount: UInt256(UInt64(amount)), success: nil,
          source: .transferContract, origin: origin, position: 0, numbering: record,
          attested: fromBytes)
      case .trc10(let to, let fromBytes):
        signed = fromBytes
        skip(txid, nil, .trc10, to: to, origin)
      case .malformed(let to):
        skip(txid, nil, .malformed, to: to, origin)
      case .inconsistent(let to, let why):
        skip(txid, nil, .inconsistent, to: to, origin, detail: why)
        if contradiction == nil { contradiction = why }
      case .other:
        break
      }
    }
    // Without the signed bytes only a failure is believed: success is an indexer's claim.
    if !signed, outcome == .succeeded { outcome = .unknown }
    if var transfer {
      transfer.success = outcome.claimedSuccess
      add(transfer)
    }
    sight(
      txid, origin, outcome, block: block, blockHash: blockHash, timestampMs: timestamp,
      contradiction: contradiction)
    if let internals = object["internal_transactions"] {
      // TronGrid's list of internal transactions is not covered by the signed bytes.
      internalTransactions(
        internals, txid: txid, block: block, timestampMs: timestamp,
        success: outcome.claimedSuccess == false ? false : nil,
        origin: origin, record: record, attested: false)
    }
  }

  private func isTransferType(_ value: JSONRef?) -> Bool {
    guard let value else { return false }
    return value.isString("TransferContract") || value.isString("TransferAssetContract")
  }

  private enum ContractRead {
    case transfer(from: Address, to: Address, amount: Int64, fromBytes: Bool)
    case trc10(to: Address?, fromBytes: Bool)
    case malformed(to: Address?)
    case inconsistent(to: Address?, String)
    /// A contract that moves nothing a transaction can show (calls move tokens through logs).
    case other
  }

  /// The one contract of a transaction. With the signed bytes, the contract is what they say:
  /// their SHA-256 must be the txID, and the JSON `type` and `type_url` must name the contract
  /// type the bytes hold, whatever it is (a JSON "TriggerSmartContract" over signed
  /// TransferContract bytes is a rewritten record, not a call). Without them only a
  /// TransferContract or TransferAssetContract is read, from the JSON, at indexer level.
  private func contractOf(_ contract: JSONRef, txid: TransactionID, rawHex: JSONRef?)
    -> ContractRead
  {
    let value = contract["parameter"]?["value"]
    let jsonTo = AddressText.parse(value?["to_address"])
    let jsonType = contract["type"]
    let jsonURL = contract["parameter"]?["type_url"]
    guard let rawHex else {
      guard isTransferType(jsonType) else { return .other }
      let typeName = jsonType?.stringValue ?? ""
      if let jsonURL, jsonURL.stringValue != ContractType.typeURLPrefix + typeName {
        return .inconsistent(to: jsonTo, "its type and type_url name different contracts")
      }
      return unsignedTransfer(value, isAsset: typeName == "TransferAssetContract")
    }
    guard let bytes = rawHex.withText({ Hex.anyBytes($0) }) ?? nil else {
      return .malformed(to: jsonTo)
    }
    let digest = bytes.withUnsafeBytes { SHA256.hash($0) }
    guard TransactionID(bytes: digest) == txid else {
      return .inconsistent(to: jsonTo, "its txID is not the SHA-256 of its raw_data_hex")
    }
    let raw: RawTransaction
    do {
      raw = try RawTransaction.decode(bytes)
    } catch {
      return .inconsistent(to: jsonTo, "its raw_data_hex does not decode: \(error.detail)")
    }
    let signedTo: Address?
    switch raw.contract.payload {
    case .transfer(let signed): signedTo = try? Address(bytes: signed.to)
    case .transferAsset(let signed): signedTo = try? Address(bytes: signed.to)
    case .triggerSmartContract, .opaque: signedTo = nil
    }
    let signedName = ContractType.name(raw.contract.type)
    if let jsonType, signedName == nil || jsonType.stringValue != signedName {
      return .inconsistent(
        to: signedTo ?? jsonTo, "its raw_data type is not the contract its raw_data_hex holds")
    }
    if let jsonURL,
      jsonURL.withText({ Array($0) == raw.contract.typeURL }) != true
    {
      return .inconsistent(
        to: signedTo ?? jsonTo, "its type_url is not the one its raw_data_hex holds")
    }
    switch raw.contract.payload {
    case .transfer(let signed):
      guard let to = signedTo, let from = try? Address(bytes: signed.owner), signed.amount > 0
      else {
        return .inconsistent(to: jsonTo, "its raw_data_hex holds an unusable transfer")
      }
      guard value?["to_address"] == nil || jsonTo == to,
        value?["owner_address"] == nil || AddressText.parse(value?["owner_address"]) == from,
        jsonAmountAgrees(value?["amount"], signed.amount)
      else {
        return .inconsistent(to: to, "its raw_data disagrees with its raw_data_hex")
      }
      return .transfer(from: from, to: to, amount: signed.amount, fromBytes: true)
    case .transferAsset:
      return .trc10(to: signedTo, fromBytes: true)
    case .triggerSmartContract, .opaque:
      return .other
    }
  }

  /// The JSON amount beside the signed one: absent, or the same JSON integer.
  private func jsonAmountAgrees(_ amount: JSONRef?, _ signed: Int64) -> Bool {
    guard let amount else { return true }
    return amount.kind == .number && amount.int64Value == signed
  }

  /// A transfer read from JSON alone (TronGrid without raw_data_hex): an indexer's word.
  private func unsignedTransfer(_ value: JSONRef?, isAsset: Bool) -> ContractRead {
    let jsonTo = AddressText.parse(value?["to_address"])
    var jsonAmount: Int64? = nil
    if let amount = value?["amount"] {
      guard amount.kind == .number, let number = amount.int64Value else {
        return .malformed(to: jsonTo)
      }
      jsonAmount = number
    }
    if isAsset { return .trc10(to: jsonTo, fromBytes: false) }
    guard let to = jsonTo, let from = AddressText.parse(value?["owner_address"]),
      let amount = jsonAmount, amount > 0
    else {
      return .malformed(to: jsonTo)
    }
    return .transfer(from: from, to: to, amount: amount, fromBytes: false)
  }
}
