/// txID and signatures of raw_data bytes.
public enum TransactionSigning {
  /// txID = SHA-256(raw_data), after checking that the bytes decode (E_TX otherwise).
  /// The same, written into the caller's 32 bytes: the boundary's fast path.
  @_spi(Boundary) public static func id(
    _ raw: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) {
    _ = try RawTransaction.decode(raw)
    SHA256.hash(raw, into: out)
  }

  /// r ‖ s ‖ v (v ∈ {0, 1}) over the txID, written to `out` (65 bytes). The key is read in
  /// place; the only other copies are libsecp256k1's own, which it clears.
  @_spi(Boundary) public static func sign(
    _ raw: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer,
    into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) {
    _ = try RawTransaction.decode(raw)
    // A closure that throws a typed error into a rethrowing stdlib API crashes Swift 6.3.1's
    // IRGen, so the failure comes back as a value.
    let failure = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { digest in
      SHA256.hash(raw, into: digest)
      return digestSignFailure(UnsafeRawBufferPointer(digest), key: key, into: out)
    }
    if let failure { throw failure }
  }

  private static func digestSignFailure(
    _ digest: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer,
    into out: UnsafeMutableRawBufferPointer
  ) -> TronPayError? {
    do {
      try RecoverableSignature.sign(digest: digest, key: key, vOffset: 0, into: out)
      return nil
    } catch { return error }
  }

  public static func id(_ raw: [UInt8]) throws(TronPayError) -> [UInt8] {
    _ = try RawTransaction.decode(raw)
    return SHA256.hash(raw)
  }
}

extension TransactionSigning {
  /// Signs raw_data bytes with a 32-byte key held by the caller; returns r ‖ s ‖ v.
  public static func sign(_ raw: [UInt8], key: SecretBytes) throws(TronPayError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: RecoverableSignature.size)
    let failure = raw.withUnsafeBytes { r in
      key.withUnsafeBytes { k in
        out.withUnsafeMutableBytes { o in signFailure(r, key: k, into: o) }
      }
    }
    if let failure { throw failure }
    return out
  }

  private static func signFailure(
    _ raw: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer,
    into out: UnsafeMutableRawBufferPointer
  ) -> TronPayError? {
    do {
      try sign(raw, key: key, into: out)
      return nil
    } catch { return error }
  }
}
