/// Strict readers for the hex and number text that node, TronGrid and JSON-RPC answers carry.
enum HexText {
  /// Decodes hex digits of either case after an optional `0x`/`0X`; nil for anything else,
  /// including an odd digit count.
  static func bytes(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { utf8 in bytes(utf8) }
  }

  static func bytes(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var start = 0
    if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"),
      utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
    {
      start = 2
    }
    let digits = utf8.count &- start
    guard digits % 2 == 0 else { return nil }
    var out = [UInt8](repeating: 0, count: digits / 2)
    var k = 0
    var i = start
    while i &+ 1 < utf8.count, k < out.count {
      guard let high = Hex.nibble(utf8[i]), let low = Hex.nibble(utf8[i &+ 1]) else { return nil }
      out[k] = high << 4 | low
      k &+= 1
      i &+= 2
    }
    return out
  }

  /// A JSON-RPC quantity `0x…` (1…16 hex digits), as a non-negative Int64.
  static func quantity(_ text: String) -> Int64? {
    let utf8 = Array(text.utf8)
    guard utf8.count >= 3, utf8.count <= 18, utf8[0] == UInt8(ascii: "0"),
      utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
    else { return nil }
    var value: UInt64 = 0
    for c in utf8[2...] {
      guard let digit = Hex.nibble(c) else { return nil }
      value = value << 4 | UInt64(digit)
    }
    return value <= UInt64(Int64.max) ? Int64(value) : nil
  }

  /// A transaction id: 64 hex digits, optionally after `0x`.
  static func txid(_ value: JSONValue?) -> [UInt8]? {
    guard let text = value?.stringValue, let bytes = bytes(text), bytes.count == 32 else {
      return nil
    }
    return bytes
  }
}

extension JSONValue {
  /// A non-negative integer given as a JSON number, a decimal string, or a `0x` quantity.
  var nonNegativeInteger: Int64? {
    switch self {
    case .number:
      guard let value = int64Value, value >= 0 else { return nil }
      return value
    case .string(let text):
      if text.hasPrefix("0x") || text.hasPrefix("0X") { return HexText.quantity(text) }
      guard let value = JSONNumberText.int64(text.utf8), value >= 0,
        text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      else { return nil }
      return value
    default:
      return nil
    }
  }

  /// An exact unsigned amount from a decimal string or an integer JSON number.
  var unsignedAmount: UInt256? {
    switch self {
    case .number: return uint256Value
    case .string(let text): return UInt256(decimal: text)
    default: return nil
    }
  }
}
