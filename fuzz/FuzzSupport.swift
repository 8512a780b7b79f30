import Glibc
import TronPayABI

/// A property a fuzz target checks beyond "does not crash": abort so libFuzzer keeps the input.
func fuzzRequire(_ condition: Bool, _ message: StaticString) {
  if !condition {
    fputs("fuzz property violated: \(message)\n", stderr)
    abort()
  }
}

/// The fuzz input as a NUL-terminated C string (the input's own NULs end it early, as in C), in
/// a heap block of exactly size + 1 bytes, so that AddressSanitizer reports a read past the NUL.
func withCString<R>(_ data: UnsafePointer<UInt8>?, _ size: Int, _ body: (UnsafePointer<CChar>) -> R)
  -> R
{
  let text = UnsafeMutablePointer<CChar>.allocate(capacity: size + 1)
  defer { text.deallocate() }
  if let data { for i in 0..<size { text[i] = CChar(bitPattern: data[i]) } }
  text[size] = 0
  return body(text)
}

/// One in-memory engine per fuzz process (a wallet, a webhook and a few invoices already in it),
/// shared by every run of an engine target; nil if it cannot be opened, which the targets turn
/// into a failure.
let fuzzEngine: OpaquePointer? = {
  let config =
    "{\"store\":\"sqlite::memory:\",\"wallets\":[{\"id\":\"main\",\"xpub\":\"xpub6CiAPWo4Ybav"
    + "qWym3mTi7JtLg4AmftvNd121HNfjKsEPgAx49W8KDgdKay9oG961Sysr7gr2crdCotKV2u1WHNnd35vcnznT8YGg"
    + "5Rog8hJ\"}],\"webhooks\":[{\"id\":\"shop\",\"url\":\"https://shop.example/h\",\"secret\":"
    + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"events\":[\"invoice.*\"]}]}"
  var engine: OpaquePointer? = nil
  let status = config.withCString { tronpay_engine_open(&engine, $0, strlen($0), fuzzNowMs) }
  guard status == 0 else { return nil }
  for order in ["F-1", "F-2"] {
    let request = "{\"order_id\":\"\(order)\",\"amount\":\"1\"}"
    var out: UnsafeMutablePointer<CChar>? = nil
    _ = request.withCString { tronpay_invoice_create(engine, &out, $0, strlen($0), fuzzNowMs) }
    tronpay_free(out)
  }
  return engine
}()

let fuzzNowMs: Int64 = 1_767_225_600_000

/// The engine, or abort: a target that cannot open its store tests nothing.
func requireEngine() -> OpaquePointer? {
  fuzzRequire(fuzzEngine != nil, "the in-memory engine opens")
  return fuzzEngine
}

/// A JSON-answering engine call's promise: an answer exactly when OK, and only a status the
/// header lists for untrusted input (never E_ARG for arguments that are all given, never
/// E_INTERNAL).
func checkEngineAnswer(_ status: Int32, _ out: UnsafeMutablePointer<CChar>?) {
  fuzzRequire((status == 0) == (out != nil), "an answer exactly when OK")
  fuzzRequire(status != -15, "no internal fault")
  tronpay_free(out)
}

/// A copy of `bytes` in a heap block of exactly their size, so that AddressSanitizer reports
/// any read past them (an array's storage may have spare capacity after its elements). The
/// caller deallocates it.
func heapCopy(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
  let block = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
  for (i, byte) in bytes.enumerated() { block[i] = byte }
  return block
}

/// `text` as a C string in a heap block of exactly its length + 1; the caller deallocates it.
func heapCString(_ text: [UInt8]) -> UnsafeMutablePointer<CChar> {
  let block = UnsafeMutablePointer<CChar>.allocate(capacity: text.count + 1)
  for (i, byte) in text.enumerated() { block[i] = CChar(bitPattern: byte) }
  block[text.count] = 0
  return block
}

/// Reads a fuzz input front to back. Past its end every read gives zeros, so a short input is
/// still a complete (mostly zero) case.
struct FuzzInput {
  private let data: UnsafePointer<UInt8>
  private let size: Int
  private(set) var offset = 0

  init(_ data: UnsafePointer<UInt8>, _ size: Int) {
    self.data = data
    self.size = size
  }

  var remaining: Int { size - offset }

  mutating func byte() -> UInt8 {
    guard offset < size else { return 0 }
    defer { offset += 1 }
    return data[offset]
  }

  /// Up to `count` bytes: fewer when the input ends first.
  mutating func bytes(_ count: Int) -> [UInt8] {
    let taken = min(count, remaining)
    defer { offset += taken }
    return Array(UnsafeBufferPointer(start: data + offset, count: taken))
  }

  /// Exactly `count` bytes, zero-filled past the end of the input.
  mutating func fixed(_ count: Int) -> [UInt8] {
    let taken = bytes(count)
    return taken + [UInt8](repeating: 0, count: count - taken.count)
  }

  mutating func rest() -> [UInt8] { bytes(remaining) }

  /// Little-endian, eight bytes.
  mutating func int64() -> Int64 {
    var value: UInt64 = 0
    for (i, byte) in fixed(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
    return Int64(bitPattern: value)
  }

  /// Little-endian, four bytes.
  mutating func int32() -> Int32 {
    var value: UInt32 = 0
    for (i, byte) in fixed(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(i)) }
    return Int32(bitPattern: value)
  }
}

/// Lower-case hex, as the library prints bytes.
func hexText(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var text: [UInt8] = []
  text.reserveCapacity(bytes.count * 2)
  for byte in bytes {
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 15)])
  }
  return String(decoding: text, as: UTF8.self)
}

/// A C string the library allocated, as Swift text (nil stays nil).
func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
  pointer.map { String(cString: $0) }
}

/// A sentinel for output pointers that a failing call must leave untouched; never dereferenced.
let untouchedOutput = UnsafeMutablePointer<UInt8>(bitPattern: 0x7A11)
