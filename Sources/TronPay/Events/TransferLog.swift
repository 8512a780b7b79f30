/// The strict TRC-20 Transfer log rule of API.md: exactly 3 topics, topic0 = Transfer, both
/// address topics with 12 zero high bytes, data exactly 32 bytes; the token is 0x41 ‖ the log's
/// emitter (never the transaction's `contract_address`).
enum TransferLog {
  /// keccak256("Transfer(address,address,uint256)").
  static let topic0: [UInt8] = [
    0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0, 0x68, 0xfc, 0x37, 0x8d, 0xaa,
    0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4, 0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef,
  ]

  enum Outcome {
    case transfer(token: Address, from: Address, to: Address, amount: UInt256)
    /// Some other event (or an anonymous one): not a transfer, not an error.
    case otherEvent
    /// Claims to be a Transfer (or cannot even be read) but breaks the rule.
    case malformed(to: Address?)
  }

  static func decode(address: JSONValue?, topics: JSONValue?, data: JSONValue?) -> Outcome {
    guard let topicList = topics?.arrayValue else { return .malformed(to: nil) }
    guard let first = topicList.first else { return .otherEvent }
    guard let firstText = first.stringValue, let firstBytes = HexText.bytes(firstText),
      firstBytes.count == 32
    else { return .malformed(to: nil) }
    guard firstBytes == topic0 else { return .otherEvent }
    let recipient = topicList.count > 2 ? addressWord(topicList[2]) : nil
    guard topicList.count == 3, let from = addressWord(topicList[1]), let to = recipient else {
      return .malformed(to: recipient)
    }
    guard let dataText = data?.stringValue, let word = HexText.bytes(dataText), word.count == 32,
      let amount = UInt256(bigEndian: word)
    else { return .malformed(to: to) }
    guard let token = AddressText.parse(address) else { return .malformed(to: to) }
    return .transfer(token: token, from: from, to: to, amount: amount)
  }

  /// A 32-byte topic holding an address: 12 zero bytes then 20 address bytes.
  private static func addressWord(_ value: JSONValue) -> Address? {
    guard let text = value.stringValue, let word = HexText.bytes(text), word.count == 32 else {
      return nil
    }
    for k in 0..<12 where word[k] != 0 { return nil }
    return try? Address(evm: word[12...])
  }
}
