import COpenSSL

/// Fills a buffer from the kernel CSPRNG (getrandom), retrying short reads and EINTR.
/// Returns false if the kernel keeps refusing.
public func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
  guard var cursor = buffer.baseAddress else { return true }
  var remaining = buffer.count
  var failures = 0
  while remaining > 0 {
    let got = getrandom(cursor, remaining, 0)
    if got > 0 {
      cursor += got
      remaining -= got
    } else {
      failures += 1
      if failures > 64 { return false }
    }
  }
  return true
}
