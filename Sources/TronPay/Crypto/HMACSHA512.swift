import COpenSSL

/// HMAC-SHA512 through libcrypto's one-shot HMAC(), into caller memory (no heap buffers of
/// ours, so a per-address loop allocates nothing).
enum HMACSHA512 {
  static let size = 64

  /// Writes the 64-byte MAC to `out`; false if libcrypto failed.
  @inline(__always)
  static func mac(
    key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer
  ) -> Bool {
    var length: UInt32 = 0
    let result = HMAC(
      EVP_sha512(), key.baseAddress, Int32(key.count),
      data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count,
      out.assumingMemoryBound(to: UInt8.self), &length)
    return result != nil && length == UInt32(size)
  }
}
