/// Strict readers for the hex and number text that node, TronGrid and JSON-RPC answers carry.
/// They read straight from the input bytes: no intermediate strings.
enum HexText {
  /// Decodes `count` bytes from hex at `offset`, without a branch per digit (hex digits arrive
  /// in random order, and mispredicted branches cost more than the arithmetic). Any non-hex
  /// byte clears `valid`. The caller checks `offset + 2 × count ≤ hex.count`.
  @inline(__always)
  static func decodeBytes(
    _ hex: UnsafeBufferPointer<UInt8>, at offset: Int, count: Int,
    into out: UnsafeMutableBufferPointer<UInt8>, valid: inout Bool
  ) {
    var bad: UInt8 = 0
    var k = 0
    while k < count, k < out.count {
      let high = hex[offset &+ 2 &* k]
      let low = hex[offset &+ 2 &* k &+ 1]
      bad |= invalid(high) | invalid(low)
      out[k] = value(high) << 4 | value(low)
      k &+= 1
    }
    if bad != 0 { valid = false }
  }

  /// The value of a hex digit (garbage for other bytes, which `invalid` reports).
  @inline(__always) static func value(_ c: UInt8) -> UInt8 {
    (c & 0x0F) &+ 9 &* (c >> 6)
  }

  /// 0 for a hex digit of either case, 1 for anything else.
  @inline(__always) static func invalid(_ c: UInt8) -> UInt8 {
    let digit: UInt8 = c &- 0x30 < 10 ? 1 : 0
    let letter: UInt8 = (c | 0x20) &- 0x61 < 6 ? 1 : 0
    return (digit | letter) ^ 1
  }

  /// The digits after an optional `0x`/`0X`.
  @inline(__always)
  static func digits(_ utf8: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"),
      utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
    {
      return UnsafeBufferPointer(rebasing: utf8[2...])
    }
    return utf8
  }

  /// Decodes exactly `count` bytes of hex (either case, optional `0x`) into `out`, or fails.
  static func decode(
    _ utf8: UnsafeBufferPointer<UInt8>, count: Int, into out: inout [UInt8]
  ) -> Bool {
    let hex = digits(utf8)
    guard hex.count == count &* 2 else { return false }
    out.removeAll(keepingCapacity: true)
    var i = 0
    while i &+ 1 < hex.count {
      guard let high = Hex.nibble(hex[i]), let low = Hex.nibble(hex[i &+ 1]) else { return false }
      out.append(high << 4 | low)
      i &+= 2
    }
    return true
  }

  /// A JSON-RPC quantity `0x…` (1…16 hex digits), as a non-negative Int64.
  static func quantity(_ utf8: UnsafeBufferPointer<UInt8>) -> Int64? {
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

  /// Any whole number of bytes as hex (either case, optional `0x`); nil for anything else.
  static func anyBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let hex = digits(utf8)
    guard hex.count % 2 == 0 else { return nil }
    let count = hex.count / 2
    var valid = true
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, written in
      decodeBytes(hex, at: 0, count: count, into: out, valid: &valid)
      written = count
    }
    return valid ? bytes : nil
  }

  /// A transaction id: 64 hex digits, optionally after `0x`.
  static func txid(_ value: JSONRef?) -> [UInt8]? {
    guard let value else { return nil }
    return value.withText { utf8 -> [UInt8]? in
      let hex = digits(utf8)
      guard hex.count == 64 else { return nil }
      var valid = true
      let bytes = [UInt8](unsafeUninitializedCapacity: 32) { out, written in
        decodeBytes(hex, at: 0, count: 32, into: out, valid: &valid)
        written = 32
      }
      return valid ? bytes : nil
    } ?? nil
  }
}

extension JSONRef {
  /// A non-negative integer given as a JSON number, a decimal string, or a `0x` quantity.
  var nonNegativeInteger: Int64? {
    switch kind {
    case .number:
      guard let value = int64Value, value >= 0 else { return nil }
      return value
    case .string, .escapedString:
      return withText { text -> Int64? in
        if text.count >= 2, text[0] == UInt8(ascii: "0"),
          text[1] == UInt8(ascii: "x") || text[1] == UInt8(ascii: "X")
        {
          return HexText.quantity(text)
        }
        guard !text.isEmpty,
          text.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return JSONNumberText.int64(text)
      } ?? nil
    default:
      return nil
    }
  }

  /// An exact unsigned amount from a decimal string or an integer JSON number.
  var unsignedAmount: UInt256? {
    switch kind {
    case .number: return uint256Value
    case .string, .escapedString: return withText { UInt256(decimal: $0) } ?? nil
    default: return nil
    }
  }
}
