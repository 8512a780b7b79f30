import COpenSSL

/// HMAC-SHA256 through libcrypto's EVP_MAC, fed in pieces (a webhook's id, timestamp and body
/// are signed as one message without being copied together).
///
/// One context per MAC, freed by `deinit`: OpenSSL keeps its own copy of the key and the keyed
/// digest states inside it and cleanses them when the context is freed, so no keyed state
/// outlives the call (a reused context would keep the last key's state until its next use).
struct HMACSHA256: ~Copyable {
  static let size = 32

  /// Fetched once: looking the algorithm up by name is a large part of a short MAC's cost.
  /// EVP_MAC objects are read-only after the fetch and may be shared by threads.
  nonisolated(unsafe) private static let algorithm = EVP_MAC_fetch(nil, "HMAC", nil)
  private static let digestParameter: StaticString = "digest"
  private static let digestName: StaticString = "SHA256"

  private let context: OpaquePointer?
  private var failed: Bool

  /// A context keyed with `key` (copied by OpenSSL; the caller wipes its own copy).
  init(key: UnsafeRawBufferPointer) {
    context = HMACSHA256.algorithm.flatMap { EVP_MAC_CTX_new($0) }
    failed = context == nil
    guard let context else { return }
    let name = UnsafeMutableRawPointer(mutating: HMACSHA256.digestName.utf8Start)
      .assumingMemoryBound(to: CChar.self)
    let parameter = UnsafeRawPointer(HMACSHA256.digestParameter.utf8Start)
      .assumingMemoryBound(to: CChar.self)
    var empty: UInt8 = 0
    let keyed = withUnsafePointer(to: &empty) { emptyPointer in
      var parameters = (
        OSSL_PARAM_construct_utf8_string(parameter, name, 0), OSSL_PARAM_construct_end()
      )
      return withUnsafePointer(to: &parameters) { pointer in
        pointer.withMemoryRebound(to: OSSL_PARAM.self, capacity: 2) { list in
          EVP_MAC_init(
            context, key.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer,
            key.count, list)
        }
      }
    }
    failed = keyed != 1
  }

  deinit { EVP_MAC_CTX_free(context) }

  mutating func update(_ data: UnsafeRawBufferPointer) {
    guard !failed, data.count > 0, let base = data.baseAddress else { return }
    if EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), data.count) != 1 {
      failed = true
    }
  }

  /// Writes the 32-byte MAC to the start of `out` (which holds at least 32); false if libcrypto
  /// failed at any step (nothing useful is in `out` then).
  consuming func finish(into out: UnsafeMutableRawBufferPointer) -> Bool {
    guard !failed, out.count >= HMACSHA256.size, let base = out.baseAddress else { return false }
    var length = 0
    let done = EVP_MAC_final(
      context, base.assumingMemoryBound(to: UInt8.self), &length, HMACSHA256.size)
    return done == 1 && length == HMACSHA256.size
  }
}

/// Compares two byte strings in time that depends on their length only (CRYPTO_memcmp); strings
/// of different lengths are unequal at once, which tells nothing about their content.
func constantTimeEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
  guard a.count == b.count else { return false }
  guard a.count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
  return CRYPTO_memcmp(left, right, a.count) == 0
}
