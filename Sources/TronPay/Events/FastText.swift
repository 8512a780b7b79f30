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
    let bytes = address.bytes
    guard bytes.count == 21 else { return Array(address.base58.utf8) }
    // Two SHA-256 runs into one 64-byte stack buffer: first digest, then second digest.
    let checksum: UInt32 = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digest in
      let buffer = UnsafeMutableRawBufferPointer(digest)
      bytes.withUnsafeBytes { SHA256.hash($0, into: buffer) }
      SHA256.hash(
        UnsafeRawBufferPointer(rebasing: buffer[0..<32]),
        into: UnsafeMutableRawBufferPointer(rebasing: buffer[32..<64]))
      return UInt32(digest[32]) << 24 | UInt32(digest[33]) << 16 | UInt32(digest[34]) << 8
        | UInt32(digest[35])
    }
    // The 200-bit number 41‖address‖checksum as four 64-bit limbs, most significant first.
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (UInt64(bytes[0]), 0, 0, 0)
    for k in 0..<8 {
      limbs.1 = limbs.1 << 8 | UInt64(bytes[1 &+ k])
      limbs.2 = limbs.2 << 8 | UInt64(bytes[9 &+ k])
    }
    for k in 0..<4 { limbs.3 = limbs.3 << 8 | UInt64(bytes[17 &+ k]) }
    limbs.3 = limbs.3 << 32 | UInt64(checksum)
    return [UInt8](unsafeUninitializedCapacity: 40) { text, written in
      // Four divisions by 58^10 give 40 base-58 digits, more than the 35 a 200-bit value needs;
      // they are produced least significant first at the end of the buffer.
      var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
      var remainder: UInt64 = 0
      (limbs.0, remainder) = chunkBase.dividingFullWidth((0, limbs.0))
      (limbs.1, remainder) = chunkBase.dividingFullWidth((remainder, limbs.1))
      (limbs.2, remainder) = chunkBase.dividingFullWidth((remainder, limbs.2))
      (limbs.3, remainder) = chunkBase.dividingFullWidth((remainder, limbs.3))
      digits.3 = remainder
      (limbs.0, remainder) = chunkBase.dividingFullWidth((0, limbs.0))
      (limbs.1, remainder) = chunkBase.dividingFullWidth((remainder, limbs.1))
      (limbs.2, remainder) = chunkBase.dividingFullWidth((remainder, limbs.2))
      (limbs.3, remainder) = chunkBase.dividingFullWidth((remainder, limbs.3))
      digits.2 = remainder
      (limbs.0, remainder) = chunkBase.dividingFullWidth((0, limbs.0))
      (limbs.1, remainder) = chunkBase.dividingFullWidth((remainder, limbs.1))
      (limbs.2, remainder) = chunkBase.dividingFullWidth((remainder, limbs.2))
      (limbs.3, remainder) = chunkBase.dividingFullWidth((remainder, limbs.3))
      digits.1 = remainder
      digits.0 = limbs.3  // what is left is below 58^10
      var count = 0
      var leading = true
      for var chunk in [digits.0, digits.1, digits.2, digits.3] {
        var place: UInt64 = chunkBase / 58
        for _ in 0..<10 {
          let digit = chunk / place
          chunk %= place
          place /= 58
          if leading && digit == 0 { continue }
          leading = false
          if count < 40 {
            text[count] = alphabet[Int(digit)]
            count &+= 1
          }
        }
      }
      written = count
    }
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
