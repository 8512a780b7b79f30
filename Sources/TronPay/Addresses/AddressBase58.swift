/// Decoding of the one Base58Check shape a TRON address has (34 characters → 25 bytes) in
/// stack memory. Invoice lists and evidence parse thousands of addresses per call; the general
/// decoder's arrays and allocations dominated that (see bench/RESULTS.md).
enum AddressBase58 {
  /// 58^10 < 2^64: ten base-58 digits make one 64-bit chunk, so the 34 characters take one
  /// chunk of four and three multiply-add passes over the limbs instead of 34.
  static let tenDigits: UInt64 = 430_804_206_899_405_824

  /// The address `text` names, or the reason it is not a TRON address.
  static func decodeAddress(_ text: UnsafeBufferPointer<UInt8>) -> Result<Address, TronPayError> {
    guard text.count == 34, let characters = text.baseAddress else {
      return .failure(TronPayError(.address, "a base58 address has 34 characters"))
    }
    // The number as four little-endian 64-bit limbs. 58^34 < 2^200, so every 34-character text
    // fits the 25 bytes; only a character outside the alphabet can make it "not base58".
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    let valid = Base58.values.withUnsafeBufferPointer { values -> Bool in
      // Digit values or-ed together: 0xff marks a character outside the alphabet, valid
      // digits (< 58) never set the top bit. Invalid digits only feed wrapping arithmetic
      // whose result is then thrown away.
      var seen: UInt8 = 0
      var chunk: UInt64 = 0
      for k in 0..<4 {
        let digit = values[Int(characters[k])]
        seen |= digit
        chunk = chunk &* 58 &+ UInt64(digit)
      }
      limbs.0 = chunk
      var start = 4
      while start &+ 10 <= 34 {
        chunk = 0
        for k in start..<(start &+ 10) {
          let digit = values[Int(characters[k])]
          seen |= digit
          chunk = chunk &* 58 &+ UInt64(digit)
        }
        multiplyAdd(&limbs, tenDigits, chunk)
        start &+= 10
      }
      return seen < 0x80 && limbs.3 < 0x100
    }
    guard valid else {
      return .failure(TronPayError(.address, "not base58 of 25 bytes"))
    }
    // 0x41 ‖ 20 bytes ‖ 4 checksum bytes, big-endian, then the two digests after them.
    return withUnsafeTemporaryAllocation(byteCount: 96, alignment: 8) { space in
      space.storeBytes(of: UInt8(truncatingIfNeeded: limbs.3), toByteOffset: 0, as: UInt8.self)
      space.storeBytes(of: limbs.2.bigEndian, toByteOffset: 1, as: UInt64.self)
      space.storeBytes(of: limbs.1.bigEndian, toByteOffset: 9, as: UInt64.self)
      space.storeBytes(of: limbs.0.bigEndian, toByteOffset: 17, as: UInt64.self)
      let context = DigestContext.forThisThread()
      let first = UnsafeMutableRawBufferPointer(rebasing: space[32..<64])
      SHA256.hash(UnsafeRawBufferPointer(rebasing: space[0..<21]), into: first, context: context)
      SHA256.hash(
        UnsafeRawBufferPointer(first),
        into: UnsafeMutableRawBufferPointer(rebasing: space[64..<96]),
        context: context)
      let stated = space.loadUnaligned(fromByteOffset: 21, as: UInt32.self)
      guard stated == space.loadUnaligned(fromByteOffset: 64, as: UInt32.self) else {
        return .failure(TronPayError(.address, "checksum mismatch"))
      }
      guard limbs.3 == UInt64(Address.prefix) else {
        return .failure(
          TronPayError(.address, "wrong version byte: TRON addresses start with 0x41"))
      }
      return .success(Address(unchecked: UnsafeRawBufferPointer(rebasing: space[0..<21])))
    }
  }

  /// limbs = limbs · factor + addend, dropping what passes 256 bits (the caller's bound on the
  /// number keeps it below 2^200).
  @inline(__always)
  private static func multiplyAdd(
    _ limbs: inout (UInt64, UInt64, UInt64, UInt64), _ factor: UInt64, _ addend: UInt64
  ) {
    var carry = addend
    func step(_ limb: inout UInt64) {
      let product = limb.multipliedFullWidth(by: factor)
      let (low, overflow) = product.low.addingReportingOverflow(carry)
      limb = low
      // high ≤ factor - 1 < 2^59, so adding one cannot wrap.
      carry = product.high &+ (overflow ? 1 : 0)
    }
    step(&limbs.0)
    step(&limbs.1)
    step(&limbs.2)
    step(&limbs.3)
  }
}
