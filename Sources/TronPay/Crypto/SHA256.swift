import COpenSSL

/// SHA-256 through libcrypto: transaction ids, Base58Check checksums, BIP39 checksums.
///
/// Every hash runs through an `EVP_MD_CTX` that is reused: the calling thread's own (see
/// `DigestContext.forThisThread`) or one its caller owns. Allocating, initialising and
/// cleansing a fresh context per call (what `EVP_Digest` does) cost more than hashing the
/// 21 bytes of an address, and Base58Check text costs two hashes per address.
public enum SHA256 {
  public static let digestSize = 32

  /// Fetched once: OpenSSL 3's one-shot `SHA256()` looks the algorithm up by name on every call.
  /// EVP_MD objects are read-only after the fetch and may be shared by threads.
  nonisolated(unsafe) static let digest = EVP_MD_fetch(nil, "SHA256", nil)

  /// Hashes `data` into the first 32 bytes of `out` (nothing is written if `out` holds fewer).
  @_spi(Boundary) public static func hash(
    _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) {
    hash(data, into: out, context: DigestContext.forThisThread())
  }

  /// For secret input (mnemonic entropy, extended private keys): a fresh context per call, which
  /// OpenSSL cleanses when it frees it. A reused context would keep this digest until the
  /// thread's next hash, and callers wipe their own copy of it.
  public static func hashSecret(
    _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) {
    hash(data, into: out, context: nil)
  }

  /// Hashes through `context`, an `EVP_MD_CTX` that only the calling thread uses, or a fresh
  /// one per call when `context` is nil.
  static func hash(
    _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer,
    context: OpaquePointer?
  ) {
    guard out.count >= digestSize, let outBase = out.baseAddress else { return }
    let output = outBase.assumingMemoryBound(to: UInt8.self)
    // A valid pointer for empty input costs nothing and keeps libcrypto away from NULL.
    var empty: UInt8 = 0
    withUnsafePointer(to: &empty) { emptyPointer in
      let input = data.baseAddress ?? UnsafeRawPointer(emptyPointer)
      if let context, let digest, EVP_DigestInit_ex2(context, digest, nil) == 1,
        EVP_DigestUpdate(context, input, data.count) == 1,
        EVP_DigestFinal_ex(context, output, nil) == 1
      {
        return
      }
      if let digest, EVP_Digest(input, data.count, output, nil, digest, nil) == 1 { return }
      _ = COpenSSL.SHA256(input.assumingMemoryBound(to: UInt8.self), data.count, output)
    }
  }

  public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: digestSize) { out, count in
      hash(data, into: UnsafeMutableRawBufferPointer(out))
      count = digestSize
    }
  }

  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { hash($0) }
  }
}
