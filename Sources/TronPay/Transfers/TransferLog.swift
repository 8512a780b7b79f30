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

  /// The last emitter read, so a block full of USDT logs decodes the contract address once.
  struct TokenCache {
    var text: [UInt8] = []
    var address: Address? = nil

    mutating func address(_ value: JSONRef?) -> Address? {
      guard let value else { return nil }
      let hit =
        value.withText { utf8 -> Bool in
          guard utf8.count == text.count else { return false }
          var k = 0
          while k < utf8.count {
            if utf8[k] != text[k] { return false }
            k &+= 1
          }
          return true
        } ?? false
      if hit, let address { return address }
      let parsed = AddressText.parse(value)
      if let parsed {
        text = value.withText { Array($0) } ?? []
        address = parsed
      }
      return parsed
    }
  }

  static func decode(
    address: JSONRef?, topics: JSONRef?, data: JSONRef?, tokens: inout TokenCache
  ) -> Outcome {
    guard let topics, let topicList = topics.elements else { return .malformed(to: nil) }
    var iterator = topicList.makeIterator()
    guard let first = iterator.next() else { return .otherEvent }
    switch first.withText({ isTransferTopic($0) }) {
    case nil, .some(nil): return .malformed(to: nil)
    case .some(.some(false)): return .otherEvent
    case .some(.some(true)): break
    }
    let fromTopic = iterator.next()
    let toTopic = iterator.next()
    let extra = iterator.next()
    let recipient = toTopic.flatMap(addressWord)
    guard extra == nil, let fromTopic, let from = addressWord(fromTopic), let to = recipient else {
      return .malformed(to: recipient)
    }
    guard let data, let amount = data.withText({ amountWord($0) }) ?? nil else {
      return .malformed(to: to)
    }
    guard let token = tokens.address(address) else { return .malformed(to: to) }
    return .transfer(token: token, from: from, to: to, amount: amount)
  }

  /// nil when the text is not 32 bytes of hex; else whether it is the Transfer topic.
  private static func isTransferTopic(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
    let hex = Hex.digits(utf8)
    guard hex.count == 64 else { return nil }
    var valid = true
    let equal = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { word -> Bool in
      Hex.decodeBytes(hex, at: 0, count: 32, into: word, valid: &valid)
      var differ: UInt8 = 0
      for k in 0..<32 where k < topic0.count { differ |= word[k] ^ topic0[k] }
      return differ == 0
    }
    return valid ? equal : nil
  }

  /// A 32-byte topic holding an address: 12 zero bytes then 20 address bytes.
  private static func addressWord(_ value: JSONRef) -> Address? {
    value.withText { utf8 -> Address? in
      let hex = Hex.digits(utf8)
      guard hex.count == 64, let base = hex.baseAddress else { return nil }
      // The 24 leading digits must all be '0': three 8-byte compares.
      let zeros: UInt64 = 0x3030_3030_3030_3030
      let raw = UnsafeRawPointer(base)
      guard raw.loadUnaligned(as: UInt64.self) == zeros,
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == zeros,
        raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == zeros
      else { return nil }
      return AddressText.evm(hex, from: 24)
    } ?? nil
  }

  /// A 32-byte big-endian amount word.
  private static func amountWord(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt256? {
    let hex = Hex.digits(utf8)
    guard hex.count == 64 else { return nil }
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var bad: UInt8 = 0
    for k in 0..<16 {
      let c3 = hex[k]
      let c2 = hex[16 &+ k]
      let c1 = hex[32 &+ k]
      let c0 = hex[48 &+ k]
      bad |= Hex.invalid(c3) | Hex.invalid(c2) | Hex.invalid(c1) | Hex.invalid(c0)
      limbs.3 = limbs.3 << 4 | UInt64(Hex.value(c3))
      limbs.2 = limbs.2 << 4 | UInt64(Hex.value(c2))
      limbs.1 = limbs.1 << 4 | UInt64(Hex.value(c1))
      limbs.0 = limbs.0 << 4 | UInt64(Hex.value(c0))
    }
    guard bad == 0 else { return nil }
    return UInt256(limbs: limbs)
  }
}
