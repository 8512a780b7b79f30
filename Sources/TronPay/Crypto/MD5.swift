import COpenSSL

/// MD5 through libcrypto's EVP interface, for the epusdt legacy callback signature only (which
/// is MD5 by its own definition; nothing else in the library uses MD5).
///
/// Each digest runs on a fresh context that OpenSSL cleanses when it frees it: the input ends
/// with the merchant's API token, a secret.
enum MD5 {
  static let size = 16

  /// Fetched once, as SHA-256 is (EVP_MD objects are read-only and shared by threads).
  nonisolated(unsafe) private static let digest = EVP_MD_fetch(nil, "MD5", nil)

  /// Writes MD5(parts joined) to the first 16 bytes of `out` (which holds at least 16); false
  /// if libcrypto failed.
  static func hash(
    _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
    into out: UnsafeMutableRawBufferPointer
  ) -> Bool {
    guard out.count >= size, let base = out.baseAddress, let digest,
      let context = EVP_MD_CTX_new()
    else { return false }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex2(context, digest, nil) == 1 else { return false }
    for part in [first, second] where part.count > 0 {
      guard let bytes = part.baseAddress, EVP_DigestUpdate(context, bytes, part.count) == 1 else {
        return false
      }
    }
    var length: UInt32 = 0
    return EVP_DigestFinal_ex(context, base.assumingMemoryBound(to: UInt8.self), &length) == 1
      && length == UInt32(size)
  }
}
