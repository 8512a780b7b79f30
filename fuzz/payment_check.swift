import TronPayABI

/// A whole payment request from untrusted bytes: a status or a verdict, never a trap or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  data.withMemoryRebound(to: CChar.self, capacity: size) { text in
    var verdict: UnsafeMutablePointer<CChar>? = nil
    let status = tronpay_payment_check(&verdict, text, size)
    fuzzRequire((status == 0) == (verdict != nil), "a verdict exactly when OK")
    tronpay_free(verdict)
  }
  return 0
}
