/// Hexadecimal text, the one home of hex in the core: lower-case on output, either case on
/// input. The general codec takes no `0x` prefix; the readers of node and JSON-RPC text (which
/// print `0x` quantities and hashes) say so where they accept one, and read straight from the
/// input bytes with no intermediate strings.
public enum Hex {
  private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

  public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var text = [UInt8]()
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The value of one hex digit, or nil for any other byte.
  @inline(__always)
  public static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
    default: return nil
    }
  }

  /// Decodes an even number of hex digits, nothing else.
  public static func decode<C: Collection>(_ text: C) throws(TronPayError) -> [UInt8]
  where C.Element == UInt8 {
    guard text.count % 2 == 0 else { throw TronPayError(.hex, "odd number of hex digits") }
    var bytes = [UInt8]()
    bytes.reserveCapacity(text.count / 2)
    var high: UInt8? = nil
    for c in text {
      guard let value = nibble(c) else { throw TronPayError(.hex, "not a hex digit") }
      if let h = high {
        bytes.append(h << 4 | value)
        high = nil
      } else {
        high = value
      }
    }
    return bytes
  }

  public static func decode(_ text: String) throws(TronPayError) -> [UInt8] {
    try decode(Array(text.utf8))
  }

  /// Runs `body` on lower-case hex of `bytes`, built in stack memory (the output writers' path).
  static func withLowercase<C: Collection, R>(
    _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R where C.Element == UInt8 {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count &* 2, 1)) { text in
      var k = 0
      for byte in bytes where k &+ 1 < text.count {
        text[k] = digit(byte >> 4)
        text[k &+ 1] = digit(byte & 0x0F)
        k &+= 2
      }
      return body(UnsafeBufferPointer(rebasing: text[0..<k]))
    }
  }

  @inline(__always) private static func digit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ value &- 10
  }

  // MARK: - Readers of node and JSON-RPC text

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
}
