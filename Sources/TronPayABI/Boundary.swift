import CTronPayHeader
import Glibc
@_spi(Boundary) import TronPay

/// Status codes as the header spells them.
let statusOK: Int32 = 0

/// Runs one ABI call: maps a core error to its status code and records the detail text for
/// `tronpay_last_error()`. Outputs are written by `body` only after everything has succeeded.
@inline(__always)
func abiCall(_ body: () throws(TronPayError) -> Void) -> Int32 {
  do {
    try body()
    return statusOK
  } catch {
    LastError.set(error.detail)
    return error.kind.rawValue
  }
}

func argumentError(_ detail: String) -> TronPayError { TronPayError(.argument, detail) }

/// A required pointer, or E_ARG naming the argument.
@inline(__always)
func required<T>(_ pointer: T?, _ name: StaticString) throws(TronPayError) -> T {
  guard let pointer else { throw argumentError("\(name) is NULL") }
  return pointer
}

/// Caller bytes `(ptr, len)`; `(NULL, 0)` is the empty input, `(NULL, n>0)` is misuse.
func bytesArgument(_ pointer: UnsafePointer<UInt8>?, _ length: Int, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  guard let pointer else {
    guard length == 0 else { throw argumentError("\(name) is NULL with a non-zero length") }
    return UnsafeRawBufferPointer(start: nil, count: 0)
  }
  return UnsafeRawBufferPointer(start: pointer, count: length)
}

/// Caller bytes of a size fixed by the header (a key, an address).
func fixedArgument(_ pointer: UnsafePointer<UInt8>?, _ size: Int, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  UnsafeRawBufferPointer(start: try required(pointer, name), count: size)
}

/// A `(const char *json, size_t len)` argument. The length is checked against the reader's limit
/// before the bytes are touched: a length past it may not be readable at all. `(NULL, 0)` is the
/// empty input, as for any byte argument.
func jsonArgument(_ pointer: UnsafePointer<CChar>?, _ length: Int, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  guard length >= 0, length <= JSONReader.maxInputSize else {
    throw TronPayError(.json, "JSON: input longer than \(JSONReader.maxInputSize) bytes")
  }
  return try bytesArgument(
    UnsafeRawPointer(pointer)?.assumingMemoryBound(to: UInt8.self), length, name)
}

/// A NUL-terminated UTF-8 argument, as bytes without the terminator.
func textArgument(_ pointer: UnsafePointer<CChar>?, _ name: StaticString) throws(TronPayError)
  -> [UInt8]
{
  let text = try required(pointer, name)
  let length = strlen(text)
  return text.withMemoryRebound(to: UInt8.self, capacity: length) {
    Array(UnsafeBufferPointer(start: $0, count: length))
  }
}

/// Copies bytes into a caller buffer of the documented size.
func writeBytes<C: Collection>(_ bytes: C, to out: UnsafeMutablePointer<UInt8>)
where C.Element == UInt8 {
  var i = 0
  for byte in bytes {
    out[i] = byte
    i += 1
  }
}

/// Copies ASCII text and its NUL into a caller buffer of the documented size.
func writeText(_ text: String, to out: UnsafeMutablePointer<CChar>) {
  var i = 0
  for byte in text.utf8 {
    out[i] = CChar(bitPattern: byte)
    i += 1
  }
  out[i] = 0
}

/// The one allocator of what the library hands out (every `char **` and `uint8_t **` output):
/// plain `malloc`, at least one byte, so `tronpay_free` (and `free`) can release any of them.
/// The one byte of an empty output is 0: nothing handed out is uninitialised.
func allocateOutput(_ count: Int) throws(TronPayError) -> UnsafeMutableRawPointer {
  guard let memory = malloc(max(count, 1)) else {
    throw TronPayError(.internal, "out of memory")
  }
  if count < 1 { memory.storeBytes(of: 0, as: UInt8.self) }
  return memory
}

/// `tronpay_free`: overwrites the whole block (`malloc_usable_size` bytes, at least what was
/// asked for) with zeros the optimiser cannot drop, then frees it. Outputs may hold secrets
/// (a mnemonic); the caller need not remember which.
func releaseOutput(_ pointer: UnsafeMutableRawPointer?) {
  guard let pointer else { return }
  wipe(pointer, count: malloc_usable_size(pointer))
  free(pointer)
}

/// A NUL-terminated copy from `allocateOutput`, released by the caller with `tronpay_free`.
func mallocText(_ bytes: [UInt8]) throws(TronPayError) -> UnsafeMutablePointer<CChar> {
  let memory = try allocateOutput(bytes.count + 1)
  let text = memory.bindMemory(to: CChar.self, capacity: bytes.count + 1)
  bytes.withUnsafeBytes { source in
    if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: bytes.count) }
  }
  text[bytes.count] = 0
  return text
}

func mallocText(_ text: String) throws(TronPayError) -> UnsafeMutablePointer<CChar> {
  try mallocText(Array(text.utf8))
}

/// A copy of bytes from `allocateOutput` (a valid pointer even for no bytes).
func mallocBytes(_ bytes: [UInt8]) throws(TronPayError) -> UnsafeMutablePointer<UInt8> {
  let memory = try allocateOutput(bytes.count)
  bytes.withUnsafeBytes { source in
    if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: bytes.count) }
  }
  return memory.bindMemory(to: UInt8.self, capacity: max(bytes.count, 1))
}
