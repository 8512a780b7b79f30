import Glibc
import TronPayABI

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
