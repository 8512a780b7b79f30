import Glibc

/// A property a fuzz target checks beyond "does not crash": abort so libFuzzer keeps the input.
func fuzzRequire(_ condition: Bool, _ message: StaticString) {
  if !condition {
    fputs("fuzz property violated: \(message)\n", stderr)
    abort()
  }
}

/// The fuzz input as a NUL-terminated C string (the input's own NULs end it early, as in C).
func withCString<R>(_ data: UnsafePointer<UInt8>?, _ size: Int, _ body: (UnsafePointer<CChar>) -> R)
  -> R
{
  var bytes = [CChar](repeating: 0, count: size + 1)
  if let data { for i in 0..<size { bytes[i] = CChar(bitPattern: data[i]) } }
  return bytes.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!) }
}
