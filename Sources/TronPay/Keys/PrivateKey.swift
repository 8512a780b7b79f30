import CSecp256k1

/// A secp256k1 secret scalar, 1 ≤ k < n. Its bytes live in self-wiping storage.
public struct PrivateKey: Sendable {
  public static let size = 32
  let secret: SecretBytes

  /// Checks and copies 32 bytes; the caller's buffer is not kept.
  public init(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) {
    guard bytes.count == PrivateKey.size else {
      throw TronPayError(.key, "a private key is 32 bytes")
    }
    let context = try Secp256k1Context.get()
    let valid = bytes.withMemoryRebound(to: UInt8.self) { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return secp256k1_ec_seckey_verify(context, base) == 1
    }
    guard valid else { throw TronPayError(.key, "private key is 0 or not below the curve order") }
    secret = SecretBytes(copying: bytes)
  }

  init(validated secret: SecretBytes) { self.secret = secret }

  /// A fresh key from the kernel CSPRNG. Out-of-range draws (probability ~2^-128) are redrawn.
  public static func generate() throws(TronPayError) -> PrivateKey {
    let context = try Secp256k1Context.get()
    for _ in 0..<128 {
      let candidate = SecretBytes(count: size)
      guard candidate.withUnsafeMutableBytes({ fillRandom($0) }) else {
        throw TronPayError(.random, "the OS random source failed")
      }
      let valid = candidate.withUnsafeBytes { buffer -> Bool in
        guard let base = buffer.baseAddress else { return false }
        return secp256k1_ec_seckey_verify(context, base.assumingMemoryBound(to: UInt8.self)) == 1
      }
      if valid { return PrivateKey(validated: candidate) }
    }
    throw TronPayError(.random, "the random source keeps producing invalid keys")
  }

  public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R)
    throws(E) -> R
  {
    try secret.withUnsafeBytes(body)
  }

  /// The matching public key.
  public func publicKey() throws(TronPayError) -> PublicKey {
    let context = try Secp256k1Context.get()
    var point = secp256k1_pubkey()
    let ok = secret.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return secp256k1_ec_pubkey_create(context, &point, base.assumingMemoryBound(to: UInt8.self))
        == 1
    }
    guard ok else { throw TronPayError(.key, "private key rejected by secp256k1") }
    return PublicKey(point: point)
  }
}
