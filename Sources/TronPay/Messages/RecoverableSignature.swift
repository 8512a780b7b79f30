import CSecp256k1

/// 65-byte recoverable ECDSA signatures over secp256k1: r (32) ‖ s (32) ‖ v (1).
///
/// Signing is RFC 6979 deterministic (libsecp256k1's default nonce) and low-s (libsecp256k1
/// never emits high-s). Recovery accepts v ∈ {0, 1, 27, 28} and high-s, as java-tron does.
public enum RecoverableSignature {
  public static let size = 65

  /// The secp256k1 group order n, big-endian.
  static let order: [UInt8] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
  ]
  /// n / 2, big-endian: an s above it is "high".
  static let halfOrder: [UInt8] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
  ]

  /// Signs a 32-byte digest with a 32-byte key read in place (no copy of the secret is made),
  /// writing r ‖ s ‖ recovery id (0 or 1) plus `vOffset` into `out` (65 bytes). `vOffset` is 0
  /// for raw digests and transactions (v ∈ {0, 1}), 27 for TIP-104 messages (v ∈ {27, 28}).
  @_spi(Boundary) public static func sign(
    digest: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, vOffset: UInt8 = 0,
    into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) {
    guard digest.count == 32, key.count == 32, out.count >= size,
      let digestBase = digest.baseAddress, let keyBase = key.baseAddress,
      let outBase = out.baseAddress
    else { throw TronPayError(.internal, "signing buffers have the wrong size") }
    let context = try Secp256k1Context.get()
    var signature = secp256k1_ecdsa_recoverable_signature()
    let signed = secp256k1_ecdsa_sign_recoverable(
      context, &signature, digestBase.assumingMemoryBound(to: UInt8.self),
      keyBase.assumingMemoryBound(to: UInt8.self), nil, nil)
    guard signed == 1 else {
      throw TronPayError(.key, "private key is 0 or not below the curve order")
    }
    var recoveryID: Int32 = 0
    _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(
      context, outBase.assumingMemoryBound(to: UInt8.self), &recoveryID, &signature)
    outBase.storeBytes(
      of: UInt8(truncatingIfNeeded: recoveryID) &+ vOffset, toByteOffset: 64, as: UInt8.self)
  }

  /// Signs and returns the 65 bytes.
  public static func sign(
    digest: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, vOffset: UInt8 = 0
  ) throws(TronPayError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: size)
    let failure = out.withUnsafeMutableBytes {
      signFailure(digest: digest, key: key, vOffset: vOffset, into: $0)
    }
    if let failure { throw failure }
    return out
  }

  private static func signFailure(
    digest: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, vOffset: UInt8,
    into out: UnsafeMutableRawBufferPointer
  ) -> TronPayError? {
    do {
      try sign(digest: digest, key: key, vOffset: vOffset, into: out)
      return nil
    } catch { return error }
  }

  /// The recovery id of a v byte: 0/1 as wallet-core and tronpy emit, 27/28 as TronWeb does.
  static func recoveryID(_ v: UInt8) throws(TronPayError) -> Int32 {
    switch v {
    case 0, 1: return Int32(v)
    case 27, 28: return Int32(v &- 27)
    default: throw TronPayError(.signature, "v byte is \(v); expected 0, 1, 27 or 28")
    }
  }

  /// Checks the form of 65 bytes: v ∈ {0, 1, 27, 28}, 0 < r < n, 0 < s < n.
  public static func checkForm(_ signature: UnsafeRawBufferPointer) throws(TronPayError) {
    guard signature.count == size else {
      throw TronPayError(.signature, "a signature is 65 bytes, got \(signature.count)")
    }
    _ = try recoveryID(signature[64])
    for (name, start) in [("r", 0), ("s", 32)] {
      let part = UnsafeRawBufferPointer(rebasing: signature[start..<start + 32])
      guard part.contains(where: { $0 != 0 }) else {
        throw TronPayError(.signature, "signature \(name) is zero")
      }
      guard compare(part, order) < 0 else {
        throw TronPayError(.signature, "signature \(name) is not below the curve order")
      }
    }
  }

  /// True when s > n/2: valid for recovery, but not what a careful signer emits.
  public static func isHighS(_ signature: UnsafeRawBufferPointer) -> Bool {
    guard signature.count >= 64 else { return false }
    return compare(UnsafeRawBufferPointer(rebasing: signature[32..<64]), halfOrder) > 0
  }

  /// The address whose key made `signature` over the 32-byte `digest`.
  /// E_SIGNATURE for a malformed signature; E_VERIFY when it is well-formed but no public key
  /// recovers from it.
  public static func recoverAddress(
    digest: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer
  ) throws(TronPayError) -> Address {
    try checkForm(signature)
    guard digest.count == 32, let digestBase = digest.baseAddress,
      let signatureBase = signature.baseAddress
    else { throw TronPayError(.internal, "recovery buffers have the wrong size") }
    let context = try Secp256k1Context.get()
    var parsed = secp256k1_ecdsa_recoverable_signature()
    let recoveryID = try recoveryID(signature[64])
    guard
      secp256k1_ecdsa_recoverable_signature_parse_compact(
        context, &parsed, signatureBase.assumingMemoryBound(to: UInt8.self), recoveryID) == 1
    else { throw TronPayError(.signature, "signature r or s is out of range") }
    var point = secp256k1_pubkey()
    guard
      secp256k1_ecdsa_recover(
        context, &point, &parsed, digestBase.assumingMemoryBound(to: UInt8.self)) == 1
    else { throw TronPayError(.verify, "no public key recovers from this signature and digest") }
    return try PublicKey(point: point).address()
  }

  public static func recoverAddress(digest: [UInt8], signature: [UInt8]) throws(TronPayError)
    -> Address
  {
    try withBytes(digest) { (d) throws(TronPayError) -> Address in
      try withBytes(signature) { (s) throws(TronPayError) -> Address in
        try recoverAddress(digest: d, signature: s)
      }
    }
  }

  /// Big-endian comparison of 32 bytes with a 32-byte constant.
  private static func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
    for i in 0..<min(a.count, b.count) where a[i] != b[i] {
      return a[i] < b[i] ? -1 : 1
    }
    return 0
  }
}
