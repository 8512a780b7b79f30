/// Reads an address in any of the forms TRON data uses and normalises it to the 21-byte form,
/// so nothing ever compares address text: base58check `T…` (case-significant, checksummed),
/// `41` + 40 hex digits, `0x`/`0X` + 40 hex digits, or bare 40 hex digits (node log emitters).
/// Hex is accepted in either case. Anything else is nil; nothing is repaired.
enum AddressText {
  static func parse(_ value: JSONRef?) -> Address? {
    guard let value, value.kind == .string || value.kind == .escapedString else { return nil }
    return value.withText { parse($0) } ?? nil
  }

  static func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> Address? {
    switch utf8.count {
    case 34:
      return try? Address(parsing: utf8)
    case 40:
      return evm(utf8, from: 0)
    case 42:
      if utf8[0] == UInt8(ascii: "4"), utf8[1] == UInt8(ascii: "1") { return evm(utf8, from: 2) }
      if utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
      {
        return evm(utf8, from: 2)
      }
      return nil
    default:
      return nil
    }
  }

  /// 40 hex digits from `start` become 0x41 ‖ 20 bytes.
  static func evm(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Address? {
    guard start >= 0, utf8.count == start &+ 40 else { return nil }
    var valid = true
    let address = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Address.size) { out in
      out[0] = Address.prefix
      Hex.decodeBytes(
        utf8, at: start, count: 20, into: UnsafeMutableBufferPointer(rebasing: out[1...]),
        valid: &valid)
      return Address(unchecked: UnsafeRawBufferPointer(out))
    }
    return valid ? address : nil
  }
}
