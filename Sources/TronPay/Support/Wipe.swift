import COpenSSL

/// Overwrites memory in a way the optimiser may not remove; used for every copy of a secret.
public func wipe(_ pointer: UnsafeMutableRawPointer?, count: Int) {
  guard let pointer, count > 0 else { return }
  OPENSSL_cleanse(pointer, count)
}

/// Wipes an array's storage in place. Call it on the last copy of a secret before release.
public func wipe(_ bytes: inout [UInt8]) {
  bytes.withUnsafeMutableBytes { wipe($0.baseAddress, count: $0.count) }
}
