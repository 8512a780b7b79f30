/// TronGrid items: `/v1/accounts/…/transactions/trc20` entries and `/v1/contracts/…/events`
/// entries. They are indexer summaries: no receipt status (`success` null), never final alone.
extension TransferExtractor {
  mutating func trongridTRC20(_ object: JSONRef) {
    guard let txid = HexText.txid(object["transaction_id"]) else {
      skip(nil, nil, "malformed", to: nil, .indexer)
      return
    }
    let type = object["type"]?.stringValue
    guard type == "Transfer" || type == "TransferFrom" else { return }
    let to = AddressText.parse(object["to"])
    guard let toAddress = to, let from = AddressText.parse(object["from"]),
      let token = AddressText.parse(object["token_info"]?["address"]),
      let amount = object["value"]?.unsignedAmount
    else {
      skip(txid, nil, "malformed", to: to, .indexer)
      return
    }
    add(
      TokenTransfer(
        txid: txid, logIndex: nil, block: object["block_number"]?.nonNegativeInteger,
        timestampMs: object["block_timestamp"]?.nonNegativeInteger, token: token, from: from,
        to: toAddress, amount: amount, success: nil, source: .indexer, origin: .indexer,
        position: -1))
  }

  /// An events-page item. Parameter names vary by token (`from`/`_from`), so the positional
  /// keys "0", "1", "2" are read first.
  mutating func trongridEvent(_ object: JSONRef) {
    guard object["event_name"]?.stringValue == "Transfer" else { return }
    guard let txid = HexText.txid(object["transaction_id"]) else {
      skip(nil, nil, "malformed", to: nil, .indexer)
      return
    }
    let index = object["event_index"]?.nonNegativeInteger
    let result = object["result"]
    func field(_ position: String, _ names: [String]) -> JSONRef? {
      if let value = result?[position] { return value }
      for name in names { if let value = result?[name] { return value } }
      return nil
    }
    let to = AddressText.parse(field("1", ["to", "_to"]))
    guard let toAddress = to, let from = AddressText.parse(field("0", ["from", "_from"])),
      let amount = field("2", ["value", "_value"])?.unsignedAmount,
      let token = AddressText.parse(object["contract_address"])
    else {
      skip(txid, index, "malformed", to: to, .indexer)
      return
    }
    add(
      TokenTransfer(
        txid: txid, logIndex: index, block: object["block_number"]?.nonNegativeInteger,
        timestampMs: object["block_timestamp"]?.nonNegativeInteger, token: token, from: from,
        to: toAddress, amount: amount, success: nil, source: .indexer, origin: .indexer,
        position: index ?? -1))
  }
}
