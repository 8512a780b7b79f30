/// Allocation-light text forms for the hot output path: base58check of 21-byte addresses and
/// decimal digits of amounts. Equal results to `Address.base58` and `UInt256.decimalDigits`
/// (the tests compare them), just without intermediate arrays and quadratic digit loops.
enum FastText {
  private static let alphabet: [UInt8] = Array(
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
  /// 58^10, the largest power of 58 below 2^64 that keeps the chunk loop simple.
  private static let chunkBase: UInt64 = 430_804_206_899_405_824

  /// Base58check text of a 21-byte address (25 bytes with the checksum → 34 characters).
  static func base58(_ address: Address) -> [UInt8] {
    var payload = [UInt8](repeating: 0, count: 25)
    var first = [UInt8](repeating: 0, count: 32)
    var second = [UInt8](repeating: 0, count: 32)
    let bytes = address.bytes
    guard bytes.count == 21 else { return Array(address.base58.utf8) }
    for k in 0..<21 { payload[k] = bytes[k] }
    bytes.withUnsafeBytes { input in
      first.withUnsafeMutableBytes { SHA256.hash(input, into: $0) }
    }
    first.withUnsafeBytes { input in
      second.withUnsafeMutableBytes { SHA256.hash(input, into: $0) }
    }
    for k in 0..<4 { payload[21 &+ k] = second[k] }
    // The 200-bit number as four 64-bit limbs, most significant first (the top limb has 8 bits).
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (UInt64(payload[0]), 0, 0, 0)
    for k in 0..<8 {
      limbs.1 = limbs.1 << 8 | UInt64(payload[1 &+ k])
      limbs.2 = limbs.2 << 8 | UInt64(payload[9 &+ k])
      limbs.3 = limbs.3 << 8 | UInt64(payload[17 &+ k])
    }
    // Four divisions by 58^10 give 40 base-58 digits, more than the 35 a 200-bit value needs.
    var digits = [UInt8](repeating: 0, count: 40)
    for chunk in 0..<4 {
      var remainder: UInt64 = 0
      (limbs.0, remainder) = chunkBase.dividingFullWidth((remainder, limbs.0))
      (limbs.1, remainder) = chunkBase.dividingFullWidth((remainder, limbs.1))
      (limbs.2, remainder) = chunkBase.dividingFullWidth((remainder, limbs.2))
      (limbs.3, remainder) = chunkBase.dividingFullWidth((remainder, limbs.3))
      for k in 0..<10 {
        digits[39 &- (chunk &* 10 &+ k)] = UInt8(truncatingIfNeeded: remainder % 58)
        remainder /= 58
      }
    }
    var start = 0
    while start < digits.count, digits[start] == 0 { start &+= 1 }
    var text = [UInt8]()
    text.reserveCapacity(34)
    // One leading '1' per leading zero byte; a TRON address starts 0x41, so there are none.
    var zeros = 0
    while zeros < 25, payload[zeros] == 0 {
      text.append(alphabet[0])
      zeros &+= 1
    }
    for k in start..<digits.count { text.append(alphabet[Int(digits[k])]) }
    return text
  }

  /// Decimal digits of an amount; values below 2^64 avoid the general conversion.
  static func decimal(_ value: UInt256) -> [UInt8] {
    guard let small = value.uint64 else { return value.decimalDigits }
    var reversed = [UInt8]()
    reversed.reserveCapacity(20)
    var rest = small
    repeat {
      reversed.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
      rest /= 10
    } while rest > 0
    return reversed.reversed()
  }
}
