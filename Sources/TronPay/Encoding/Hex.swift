/// Hexadecimal text: lower-case on output, either case on input, never a `0x` prefix.
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
}
