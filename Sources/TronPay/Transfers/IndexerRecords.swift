/// TronGrid items: `/v1/accounts/…/transactions/trc20` entries and `/v1/contracts/…/events`
/// entries. They are indexer summaries: no receipt status (`success` null), never final alone.
extension TransferExtractor {
  mutating func trongridTRC20(_ object: JSONRef) {
    let record = nextRecord()
    guard let txid = Hex.txid(object["transaction_id"]) else {
      skip(nil, nil, .malformed, to: nil, .indexer)
      return
    }
    let type = object["type"]?.stringValue
    guard type == "Transfer" || type == "TransferFrom" else { return }
    var problem: String? = nil
    let stamp = Strict.nodeInteger(object["block_timestamp"]).read("block_timestamp", &problem)
    let block = Strict.nodeInteger(object["block_number"]).read("block_number", &problem)
    let to = AddressText.parse(object["to"])
    guard problem == nil, let toAddress = to, let from = AddressText.parse(object["from"]),
      let token = AddressText.parse(object["token_info"]?["address"]),
      let amount = object["value"]?.unsignedAmount
    else {
      skip(txid, nil, .malformed, to: to, .indexer)
      return
    }
    add(
      TokenTransfer(
        txid: txid, logIndex: nil, block: block, timestampMs: stamp, token: token, from: from,
        to: toAddress, amount: amount, success: nil, source: .indexer, origin: .indexer,
        position: 0, numbering: record, attested: false))
    sight(txid, .indexer, .unknown, block: block, timestampMs: stamp)
  }

  /// An events-page item. Parameter names vary by token (`from`/`_from`), and the positional
  /// keys "0", "1", "2" repeat them: where both are present they must agree.
  mutating func trongridEvent(_ object: JSONRef) {
    guard object["event_name"]?.stringValue == "Transfer" else { return }
    guard let txid = Hex.txid(object["transaction_id"]) else {
      skip(nil, nil, .malformed, to: nil, .indexer)
      return
    }
    var problem: String? = nil
    let index = Strict.nodeInteger(object["event_index"]).read("event_index", &problem)
    let block = Strict.nodeInteger(object["block_number"]).read("block_number", &problem)
    let stamp = Strict.nodeInteger(object["block_timestamp"]).read("block_timestamp", &problem)
    let result = object["result"]
    var consistent = true
    /// The value every present form gives (positional, `value`, `_value`): all of them, not
    /// just the first two, must mean the same, or the item says two things at once.
    func field<T: Equatable>(_ position: String, _ names: [String], _ read: (JSONRef) -> T?) -> T? {
      var agreed: T? = nil
      var seen = false
      for key in [position] + names {
        guard let member = result?[key] else { continue }
        let value = read(member)
        if seen, value != agreed { consistent = false }
        if !seen { agreed = value }
        seen = true
      }
      return agreed
    }
    let to = field("1", ["to", "_to"]) { AddressText.parse($0) }
    let fromAddress = field("0", ["from", "_from"]) { AddressText.parse($0) }
    let value = field("2", ["value", "_value"]) { $0.unsignedAmount }
    guard problem == nil, consistent, let toAddress = to, let from = fromAddress,
      let amount = value, let token = AddressText.parse(object["contract_address"])
    else {
      skip(txid, index, .malformed, to: to, .indexer)
      return
    }
    add(
      TokenTransfer(
        txid: txid, logIndex: index, block: block, timestampMs: stamp, token: token, from: from,
        to: toAddress, amount: amount, success: nil, source: .indexer, origin: .indexer,
        position: index ?? 0, numbering: index == nil ? nextRecord() : Self.eventNumbering,
        attested: false))
    sight(txid, .indexer, .unknown, block: block, timestampMs: stamp)
  }

  /// TronGrid's event_index numbers the logs of one transaction, like a node receipt's
  /// positions: one numbering for every events page of a transaction.
  static let eventNumbering: Int64 = -2
}
