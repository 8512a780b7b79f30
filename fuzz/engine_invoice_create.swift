import TronPayABI

/// tronpay_invoice_create on an in-memory engine with untrusted request bytes: an answer exactly
/// when OK, a status otherwise, never a trap; the store stays usable (a get still answers).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let engine = requireEngine() else { return 0 }
  var out: UnsafeMutablePointer<CChar>? = nil
  let status: Int32
  if let data, size > 0 {
    status = data.withMemoryRebound(to: CChar.self, capacity: size) {
      tronpay_invoice_create(engine, &out, $0, size, fuzzNowMs)
    }
  } else {
    status = tronpay_invoice_create(engine, &out, nil, 0, fuzzNowMs)
  }
  checkEngineAnswer(status, out)
  var invoice: UnsafeMutablePointer<CChar>? = nil
  fuzzRequire(tronpay_invoice_get(engine, &invoice, "F-1", fuzzNowMs) == 0, "the store answers")
  tronpay_free(invoice)
  return 0
}
