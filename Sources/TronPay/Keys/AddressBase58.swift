/// Decoding of the one Base58Check shape a TRON address has (34 characters → 25 bytes) in
/// stack memory. Invoice lists and evidence parse thousands of addresses per call; the general
/// decoder's arrays and allocations dominated that (see bench/RESULTS.md).
enum AddressBase58 {
  /// The 21 address bytes of `text`, or the reason it is not a TRON address.
  static func decode(_ text: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], TronPayError> {
    guard text.count == 34 else {
      return .failure(TronPayError(.address, "a base58 address has 34 characters"))
    }
    // The number as seven little-endian 32-bit limbs (224 bits ≥ the 200 of 25 bytes).
    var limbs: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0)
    let fits = withUnsafeMutableBytes(of: &limbs) { raw -> Bool in
      let limb = raw.bindMemory(to: UInt32.self)
      for c in text {
        let digit = Base58.values[Int(c)]
        guard digit != 0xff else { return false }
        var carry = UInt64(digit)
        for k in 0..<7 {
          let value = UInt64(limb[k]) &* 58 &+ carry  // < 2^32 · 58 + 2^32: no wrap
          limb[k] = UInt32(truncatingIfNeeded: value)
          carry = value >> 32
        }
        guard carry == 0 else { return false }
      }
      return limb[6] < 0x100
    }
    guard fits else {
      return .failure(TronPayError(.address, "not base58 of 25 bytes"))
    }
    let bytes = withUnsafeBytes(of: &limbs) { raw -> [UInt8] in
      let limb = raw.bindMemory(to: UInt32.self)
      var out = [UInt8](repeating: 0, count: 25)
      out[0] = UInt8(truncatingIfNeeded: limb[6])
      for k in 0..<6 {
        let word = limb[5 - k]
        for b in 0..<4 {
          out[1 + 4 * k + b] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * b))
        }
      }
      return out
    }
    let checksumOK = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { space -> Bool in
      let buffer = UnsafeMutableRawBufferPointer(space)
      bytes.withUnsafeBytes {
        SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[0..<21]), into: buffer)
      }
      SHA256.hash(
        UnsafeRawBufferPointer(rebasing: buffer[0..<32]),
        into: UnsafeMutableRawBufferPointer(rebasing: buffer[32..<64]))
      return space[32] == bytes[21] && space[33] == bytes[22] && space[34] == bytes[23]
        && space[35] == bytes[24]
    }
    guard checksumOK else { return .failure(TronPayError(.address, "checksum mismatch")) }
    guard bytes[0] == Address.prefix else {
      return .failure(TronPayError(.address, "wrong version byte: TRON addresses start with 0x41"))
    }
    return .success(Array(bytes[0..<21]))
  }
}
