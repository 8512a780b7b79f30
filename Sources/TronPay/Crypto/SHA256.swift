import COpenSSL

/// SHA-256 through libcrypto: transaction ids, Base58Check checksums.
public enum SHA256 {
  public static let digestSize = 32

  public static func hash(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
    guard out.count >= digestSize, let outBase = out.baseAddress else { return }
    // SHA256 never reads through a NULL pointer when the length is 0, but a valid one costs nothing.
    var empty: UInt8 = 0
    withUnsafePointer(to: &empty) { emptyPointer in
      let input = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
      _ = COpenSSL.SHA256(input, data.count, outBase.assumingMemoryBound(to: UInt8.self))
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
