/// The 78-byte BIP32 serialization and its Base58Check text.
///
/// version(4) ‖ depth(1) ‖ parent fingerprint(4) ‖ child number(4) ‖ chain code(32) ‖ key(33)
enum ExtendedKeyCoding {
  static let payloadSize = 78
  static let textSize = 111
  static let publicVersion: UInt32 = 0x0488_B21E
  static let privateVersion: UInt32 = 0x0488_ADE4

  static func writeHeader(
    _ buffer: UnsafeMutableRawBufferPointer, version: UInt32, depth: UInt8,
    parentFingerprint: UInt32, childNumber: UInt32
  ) {
    storeBigEndian(version, buffer, at: 0)
    buffer[4] = depth
    storeBigEndian(parentFingerprint, buffer, at: 5)
    storeBigEndian(childNumber, buffer, at: 9)
  }

  static func loadBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// Base58Check text of a payload, written into self-wiping storage (the payload of an
  /// xprv is secret, so the foundation's String-returning encoder is not used for it).
  static func encode(_ payload: SecretBytes) -> SecretBytes {
    let size = payload.count + 4
    let bytes = SecretBytes(count: size)
    let digits = SecretBytes(count: Base58.digitCapacity(size))
    var used = 0
    var zeros = 0
    bytes.withUnsafeMutableBytes { full in
      payload.withUnsafeBytes { source in
        for i in 0..<source.count { full[i] = source[i] }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
          let out = UnsafeMutableRawBufferPointer(digest)
          SHA256.hashSecret(source, into: out)
          SHA256.hashSecret(UnsafeRawBufferPointer(out), into: out)
          for i in 0..<4 { full[source.count + i] = digest[i] }
        }
      }
      digits.withUnsafeMutableBytes { digitBuffer in
        (zeros, used) = Base58.digitsOf(UnsafeRawBufferPointer(full), into: digitBuffer)
      }
    }
    let text = SecretBytes(count: zeros + used)
    text.withUnsafeMutableBytes { out in
      digits.withUnsafeBytes { digitBuffer in
        for i in 0..<zeros { out[i] = Base58.alphabet[0] }
        for i in 0..<used { out[zeros + i] = Base58.alphabet[Int(digitBuffer[used - 1 - i])] }
      }
    }
    return text
  }
}
