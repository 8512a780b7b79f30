import COpenSSL

/// SHA-256 through libcrypto: transaction ids, Base58Check checksums.
public enum SHA256 {
  public static let digestSize = 32

  /// Fetched once: OpenSSL 3's one-shot `SHA256()` looks the algorithm up by name on every call,
  /// which costs more than hashing a 21-byte address. EVP_MD objects may be shared by threads.
  nonisolated(unsafe) private static let digest = EVP_MD_fetch(nil, "SHA256", nil)

  public static func hash(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
    guard out.count >= digestSize, let outBase = out.baseAddress else { return }
    let output = outBase.assumingMemoryBound(to: UInt8.self)
    // A valid pointer for empty input costs nothing and keeps libcrypto away from NULL.
    var empty: UInt8 = 0
    withUnsafePointer(to: &empty) { emptyPointer in
      let input = data.baseAddress ?? UnsafeRawPointer(emptyPointer)
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
