import COpenSSL
import Glibc

/// A reusable OpenSSL digest context (`EVP_MD_CTX`) for the many short SHA-256 runs of
/// Base58Check text. Either its owner keeps one for a batch (the transfer writer, one per call,
/// never shared between threads), or `forThisThread()` gives the calling thread's own, created
/// on its first hash and freed when the thread exits. The library is called from many threads
/// at once, so a context is never shared; nothing here is mutable global state.
///
/// After a hash the context still holds the final chaining value, which is the digest itself
/// (OpenSSL cleanses the input block); the same digest the caller received. Hashes of secret
/// input therefore go through `SHA256.hashSecret`, never through a reused context.
final class DigestContext {
  let context: OpaquePointer? = EVP_MD_CTX_new()

  deinit { EVP_MD_CTX_free(context) }

  /// Hashes `input` into the first 32 bytes of `output` (which must hold 32).
  func sha256(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
    SHA256.hash(input, into: output, context: context)
  }

  /// The key of the per-thread context; its destructor frees the context at thread exit.
  private static let threadKey: pthread_key_t? = {
    var key = pthread_key_t()
    guard pthread_key_create(&key, { EVP_MD_CTX_free(OpaquePointer($0)) }) == 0 else {
      return nil
    }
    return key
  }()

  /// The calling thread's context, or nil if none could be made (callers then hash without).
  static func forThisThread() -> OpaquePointer? {
    guard let key = threadKey else { return nil }
    if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
    guard let fresh = EVP_MD_CTX_new() else { return nil }
    guard pthread_setspecific(key, UnsafeRawPointer(fresh)) == 0 else {
      EVP_MD_CTX_free(fresh)
      return nil
    }
    return fresh
  }
}
