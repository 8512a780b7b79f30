/// Allocation-light text forms for the hot output path: base58check of 21-byte addresses and
/// decimal digits of amounts. Equal results to `Address.base58` and `UInt256.decimalDigits`
/// (the tests compare them), just without intermediate arrays and quadratic digit loops.
enum FastText {
  /// The Bitcoin base58 alphabet (a literal: no lazy global to check on each use).
  private static var alphabet: StaticString {
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
  }

  /// Base58check text of a 21-byte address (25 bytes with the checksum → 34 characters).
  static func base58(_ address: Address, digest: DigestContext? = nil) -> [UInt8] {
    withBase58(address, digest: digest) { Array($0) }
  }

  /// Runs `body` on the base58check text of an address, built in stack memory.
  static func withBase58<R>(
    _ address: Address, digest: DigestContext?, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    let bytes = address.bytes
    guard bytes.count == 21 else { return Array(address.base58.utf8).withUnsafeBufferPointer(body) }
    // Two SHA-256 runs into one 64-byte stack buffer: first digest, then second digest.
    let checksum: UInt32 = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { space in
      let buffer = UnsafeMutableRawBufferPointer(space)
      let second = UnsafeMutableRawBufferPointer(rebasing: buffer[32..<64])
      if let digest {
        bytes.withUnsafeBytes { digest.sha256($0, into: buffer) }
        digest.sha256(UnsafeRawBufferPointer(rebasing: buffer[0..<32]), into: second)
      } else {
        bytes.withUnsafeBytes { SHA256.hash($0, into: buffer) }
        SHA256.hash(UnsafeRawBufferPointer(rebasing: buffer[0..<32]), into: second)
      }
      return UInt32(space[32]) << 24 | UInt32(space[33]) << 16 | UInt32(space[34]) << 8
        | UInt32(space[35])
    }
    // The 200-bit number 41‖address‖checksum as seven 32-bit limbs (the top one holds 8 bits),
    // divided by 58^5 seven times: constant 64-by-32-bit divisions the compiler turns into
    // multiplications, giving 35 base-58 digits, least significant chunk first.
    var limbs: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
      UInt32(bytes[0]), word(bytes, 1), word(bytes, 5), word(bytes, 9), word(bytes, 13),
      word(bytes, 17), checksum
    )
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 35) { text in
      var written = 0
      var chunks: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0)
      withUnsafeMutableBytes(of: &limbs) { raw in
        let limb = raw.bindMemory(to: UInt32.self)
        withUnsafeMutableBytes(of: &chunks) { rawChunks in
          let chunk = rawChunks.bindMemory(to: UInt32.self)
          for pass in 0..<7 {
            var remainder: UInt64 = 0
            for k in 0..<7 {
              let value = remainder << 32 | UInt64(limb[k])
              limb[k] = UInt32(truncatingIfNeeded: value / 656_356_768)
              remainder = value % 656_356_768
            }
            chunk[6 &- pass] = UInt32(truncatingIfNeeded: remainder)
          }
          // Each chunk is five base-58 digits; split them with the constant divisor 58 into
          // a 35-digit buffer, most significant first, then drop the leading zeros.
          var count = 0
          withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 35) { digits in
            for k in 0..<7 {
              var value = chunk[k]
              for j in 0..<5 {
                digits[k &* 5 &+ 4 &- j] = UInt8(truncatingIfNeeded: value % 58)
                value /= 58
              }
            }
            var first = 0
            while first < 35, digits[first] == 0 { first &+= 1 }
            let letters = alphabet.utf8Start
            for k in first..<35 where count < text.count && digits[k] < 58 {
              text[count] = letters[Int(digits[k])]
              count &+= 1
            }
          }
          written = count
        }
      }
      return body(UnsafeBufferPointer(rebasing: text[0..<written]))
    }
  }

  @inline(__always)
  private static func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) << 24 | UInt32(bytes[at &+ 1]) << 16 | UInt32(bytes[at &+ 2]) << 8
      | UInt32(bytes[at &+ 3])
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
