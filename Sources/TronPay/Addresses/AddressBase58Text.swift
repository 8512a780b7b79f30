/// Encoding of a 21-byte address as Base58Check text in stack memory: the one implementation
/// behind `Address.base58` (so `tronpay_address_to_base58`) and the transfer writer.
extension AddressBase58 {
  /// Most characters 25 bytes can take: 2^200 needs 35 base-58 digits.
  static let maxTextLength = 35

  /// 58^5 < 2^32: five base-58 digits per division of 32-bit limbs by a constant, which the
  /// compiler turns into a multiplication.
  private static let fiveDigits: UInt64 = 656_356_768

  /// The Bitcoin alphabet as a literal: no lazy global to check on each use.
  private static var alphabet: StaticString {
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
  }

  /// The Base58Check text of an address.
  static func string(_ address: Address) -> String { address.withUnsafeBytes { string($0) } }

  /// The Base58Check text of 21 bytes (34 characters when they start 0x41).
  static func string(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { string($0) } }

  /// Runs `body` on the Base58Check text of an address, built in stack memory; `digest` is the
  /// caller's context for the checksum, or nil for the calling thread's.
  static func withText<R>(
    _ address: Address, digest: DigestContext?, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    address.withUnsafeBytes { withText($0, digest: digest, body) }
  }

  /// As `withText(_:digest:_:)` for 21 bytes given as an array.
  static func withText<R>(
    _ bytes: [UInt8], digest: DigestContext?, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    bytes.withUnsafeBytes { withText($0, digest: digest, body) }
  }

  private static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    let text = String(unsafeUninitializedCapacity: maxTextLength) { text in
      encode(bytes, context: DigestContext.forThisThread(), into: text)
    }
    return text.isEmpty ? Base58Check.encode(Array(bytes)) : text
  }

  private static func withText<R>(
    _ bytes: UnsafeRawBufferPointer, digest: DigestContext?,
    _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTextLength) { text in
      let count = encode(
        bytes, context: digest?.context ?? DigestContext.forThisThread(), into: text)
      guard count > 0 else {
        return Array(Base58Check.encode(Array(bytes)).utf8).withUnsafeBufferPointer(body)
      }
      return body(UnsafeBufferPointer(rebasing: text[0..<count]))
    }
  }

  /// Writes the Base58Check text of the 21 `bytes` to the start of `text` and returns its
  /// length; 0 (nothing usable written) unless `bytes` has 21 and `text` room for 35.
  static func encode(
    _ bytes: UnsafeRawBufferPointer, context: OpaquePointer?,
    into text: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    guard bytes.count == 21, text.count >= maxTextLength, let letters = text.baseAddress else {
      return 0
    }
    // Scratch: the two digests, then the 25-byte number as seven big-endian 32-bit limbs (the
    // first holds the top 8 bits), then the base-58⁵ chunks of the number, least significant
    // first.
    return withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { space in
      let first = UnsafeMutableRawBufferPointer(rebasing: space[0..<32])
      SHA256.hash(bytes, into: first, context: context)
      SHA256.hash(
        UnsafeRawBufferPointer(first),
        into: UnsafeMutableRawBufferPointer(rebasing: space[32..<64]),
        context: context)
      let limb = UnsafeMutableRawBufferPointer(rebasing: space[64..<92])
        .bindMemory(to: UInt32.self)
      let chunk = UnsafeMutableRawBufferPointer(rebasing: space[92..<120])
        .bindMemory(to: UInt32.self)
      limb[0] = UInt32(bytes[0])
      for k in 1..<6 {
        limb[k] = UInt32(
          bigEndian: bytes.loadUnaligned(fromByteOffset: 4 &* k &- 3, as: UInt32.self))
      }
      limb[6] = UInt32(bigEndian: space.loadUnaligned(fromByteOffset: 32, as: UInt32.self))

      // Leading zero bytes of the 25 are written as '1' each, as Base58 does.
      var zeros = 0
      while zeros < 21, bytes[zeros] == 0 { zeros &+= 1 }
      if zeros == 21 {
        while zeros < 25, space[32 &+ zeros &- 21] == 0 { zeros &+= 1 }
      }

      // Divide by 58^5 until nothing is left, skipping limbs that have become zero; the number
      // is below 2^200 < 58^35, so seven chunks always suffice.
      var top = 0
      while top < 7, limb[top] == 0 { top &+= 1 }
      var chunks = 0
      while top < 7, chunks < 7 {
        var remainder: UInt64 = 0
        for k in top..<7 {
          let value = remainder << 32 | UInt64(limb[k])  // < 58^5 · 2^32: no loss
          limb[k] = UInt32(truncatingIfNeeded: value / fiveDigits)
          remainder = value % fiveDigits
        }
        chunk[chunks] = UInt32(truncatingIfNeeded: remainder)
        chunks &+= 1
        while top < 7, limb[top] == 0 { top &+= 1 }
      }

      // Digits of the most significant chunk without its leading zeros, five for each other.
      var digits = 0
      if chunks > 0 {
        var rest = chunk[chunks &- 1]
        repeat {
          digits &+= 1
          rest /= 58
        } while rest > 0
        digits &+= 5 &* (chunks &- 1)
      }
      let count = zeros &+ digits
      guard count <= maxTextLength else { return 0 }
      let alphabet = Self.alphabet.utf8Start
      for k in 0..<zeros { letters[k] = alphabet[0] }
      // Fill from the end: each chunk's five digits (fewer for the top chunk), right to left.
      var end = count
      for c in 0..<chunks {
        var value = chunk[c]
        let width = c == chunks &- 1 ? end &- zeros : 5
        for _ in 0..<width {
          end &-= 1
          letters[end] = alphabet[Int(value % 58)]
          value /= 58
        }
      }
      return count
    }
  }
}
