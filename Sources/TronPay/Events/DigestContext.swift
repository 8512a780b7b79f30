import COpenSSL

/// SHA-256 through one reused OpenSSL context and a digest fetched once. OpenSSL 3's one-shot
/// `SHA256()` looks the algorithm up by name on every call (a lock and string compares), which
/// costs more than hashing the 21 bytes of an address; base58check text for thousands of
/// addresses per block pays that twice per address.
final class DigestContext {
  /// Fetched once, read-only afterwards (EVP_MD objects are safe to share between threads).
  nonisolated(unsafe) private static let sha256 = EVP_MD_fetch(nil, "SHA256", nil)
  private let context = EVP_MD_CTX_new()

  deinit { EVP_MD_CTX_free(context) }

  /// Hashes `input` into the first 32 bytes of `output` (which must hold 32).
  func sha256(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
    guard output.count >= 32, let out = output.baseAddress, let context, let md = Self.sha256,
      EVP_DigestInit_ex2(context, md, nil) == 1,
      EVP_DigestUpdate(context, input.baseAddress, input.count) == 1,
      EVP_DigestFinal_ex(context, out.assumingMemoryBound(to: UInt8.self), nil) == 1
    else {
      SHA256.hash(input, into: output)
      return
    }
  }
}
