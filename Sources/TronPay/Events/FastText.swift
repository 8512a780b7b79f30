/// Allocation-light text forms for the hot output path: base58check of 21-byte addresses
/// (forwarded to `AddressBase58`), decimal digits of amounts and hex. Equal results to
/// `Address.base58` and `UInt256.decimalDigits` (the tests compare them), just without
/// intermediate arrays and quadratic digit loops.
enum FastText {
  /// Base58check text of a 21-byte address (25 bytes with the checksum → 34 characters), by
  /// the one address encoder (`AddressBase58`), which `Address.base58` uses too.
  static func base58(_ address: Address, digest: DigestContext? = nil) -> [UInt8] {
    AddressBase58.withText(address, digest: digest) { Array($0) }
  }

  /// Runs `body` on the decimal digits of an amount, built in stack memory below 2^64.
  static func withDecimal<R>(_ value: UInt256, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    guard var rest = value.uint64 else { return value.decimalDigits.withUnsafeBufferPointer(body) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = 20
      repeat {
        first &-= 1
        digits[first] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0 && first > 0
      return body(UnsafeBufferPointer(rebasing: digits[first..<20]))
    }
  }

  /// Runs `body` on lower-case hex of `bytes`, built in stack memory.
  static func withHex<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count &* 2, 1)) { text in
      var k = 0
      for byte in bytes where k &+ 1 < text.count {
        text[k] = hexDigit(byte >> 4)
        text[k &+ 1] = hexDigit(byte & 0x0F)
        k &+= 2
      }
      return body(UnsafeBufferPointer(rebasing: text[0..<k]))
    }
  }

  @inline(__always) private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ value &- 10
  }
}
