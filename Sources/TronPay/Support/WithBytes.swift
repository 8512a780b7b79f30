/// The raw bytes of an array, for a body that throws the core's typed error. The standard
/// library's `withUnsafeBytes` rethrows untyped errors, which would push every caller back to
/// a `Result` shim; `withUnsafeBufferPointer` keeps the error's type.
@inline(__always)
public func withBytes<R>(
  _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(TronPayError) -> R
) throws(TronPayError) -> R {
  try bytes.withUnsafeBufferPointer { (buffer) throws(TronPayError) -> R in
    try body(UnsafeRawBufferPointer(buffer))
  }
}
